package io.omniprep.av;

/**
 * One selected frame, encoded as a standalone JPEG.
 *
 * @param sourceIndex zero-based index of the frame among all decoded frames of the video
 * @param timestampMicros presentation time relative to the video stream's start, in microseconds
 * @param jpeg the JPEG file bytes (not copied; do not modify; record equality compares the array
 *     reference)
 */
public record VideoFrame(long sourceIndex, long timestampMicros, byte[] jpeg) {}
