/**
 * Audio and frame extraction from local media files, in-process through FFmpeg (bytedeco presets;
 * no ffmpeg binary), with no Beam dependency.
 *
 * <ul>
 *   <li>{@link io.omniprep.av.AudioExtractor}: media to 16-bit PCM WAV (default 16 kHz mono).
 *   <li>{@link io.omniprep.av.FrameExtractor}: selected frames streamed as JPEGs to a
 *       {@link io.omniprep.av.FrameConsumer}; interval, count and Ola-patch selection.
 *   <li>{@link io.omniprep.av.FrameSelection}: the selection rules as pure functions;
 *       {@link io.omniprep.av.FrameFolders}: the Pai frame-folder naming and fps sidecar;
 *       {@link io.omniprep.json.PythonFloatRepr}: Python's float repr.
 * </ul>
 *
 * Inputs are local paths (a Beam wrapper copies remote objects to a temp file first). Failures
 * about the media itself are {@link io.omniprep.av.AvException}s with a reason code. Memory is
 * bounded by one decoded frame / one audio packet regardless of length; native memory is freed
 * before each call returns.
 */
package io.omniprep.av;
