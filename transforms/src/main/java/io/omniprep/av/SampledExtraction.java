package io.omniprep.av;

/**
 * Result of count-mode or patch-mode extraction.
 *
 * @param fps container frame rate
 * @param frameCount frames the decoder produced for the whole video (the {@code n} of the rules)
 * @param indices source indices emitted, increasing
 */
public record SampledExtraction(double fps, long frameCount, long[] indices) {}
