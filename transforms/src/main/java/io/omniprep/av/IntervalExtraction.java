package io.omniprep.av;

/**
 * Result of interval-mode extraction ({@link FrameExtractor#extractEvery}).
 *
 * @param fps container frame rate used for the interval
 * @param interval every {@code interval}-th frame was kept
 * @param effectiveFps {@code fps / interval} as Python's {@code str(float)}: the value the
 *     reference writes into {@code {"fps": ...}}
 * @param decodedFrames frames in the video
 * @param emittedFrames frames passed to the consumer
 */
public record IntervalExtraction(
    double fps, int interval, String effectiveFps, long decodedFrames, long emittedFrames) {}
