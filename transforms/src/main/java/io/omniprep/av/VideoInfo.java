package io.omniprep.av;

/**
 * What the container says about a video, without decoding it.
 *
 * @param fps the frame rate OpenCV reports ({@code av_guess_frame_rate}); 0 if unknown
 * @param containerFrameCount the stream's {@code nb_frames}; 0 if the container does not store it
 *     (e.g. Matroska), and not always equal to the decodable frames: see
 *     {@link FrameExtractor#countFrames}
 * @param width coded width before rotation
 * @param height coded height before rotation
 * @param rotationDegrees clockwise rotation the display matrix asks for (0, 90, 180, 270)
 * @param durationMicros container duration in microseconds; 0 if unknown
 * @param videoCodec FFmpeg codec name, e.g. {@code "h264"}
 * @param hasAudio whether an audio stream exists
 */
public record VideoInfo(
    double fps,
    long containerFrameCount,
    int width,
    int height,
    int rotationDegrees,
    long durationMicros,
    String videoCodec,
    boolean hasAudio) {}
