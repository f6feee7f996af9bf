/**
 * The Beam layer over {@link io.omniprep.av}: {@link io.omniprep.av.beam.ExtractAudioFromVideo}
 * ({@code extract-audio}) and {@link io.omniprep.av.beam.ExtractFrames} ({@code extract-frames}),
 * each for a glob of video files ({@code files()}) or for validated records ({@code records()}).
 *
 * <p>Shape: videos are planned by output path (one extraction per distinct output, conflicts
 * reported), spread over workers, then each is extracted by one DoFn call from a local file (a
 * remote input is copied to a temporary file first) into outputs that appear only when complete.
 * In records mode the outcomes are joined back to the records by video, then by record key. Only
 * paths travel through shuffles.
 */
package io.omniprep.av.beam;
