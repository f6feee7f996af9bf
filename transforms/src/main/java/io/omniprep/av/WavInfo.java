package io.omniprep.av;

/**
 * What an audio extraction wrote.
 *
 * @param sampleRate samples per second per channel
 * @param channels interleaved channels
 * @param sampleFrames samples per channel
 */
public record WavInfo(int sampleRate, int channels, long sampleFrames) {
  /** Bytes of PCM in the data chunk. */
  public long dataBytes() {
    return sampleFrames * channels * 2L;
  }

  /** Length of the audio in seconds. */
  public double durationSeconds() {
    return (double) sampleFrames / sampleRate;
  }
}
