package io.omniprep.av.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads (and writes silent) 16-bit PCM WAV files and measures tones, for tests. */
public final class Wavs {
  private Wavs() {}

  /** A 16-bit PCM WAV of {@code frames} sample frames of silence, its 44-byte header written here. */
  public static byte[] silence(int rate, int channels, int frames) {
    int data = frames * channels * 2;
    ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data).put("WAVE".getBytes(StandardCharsets.US_ASCII));
    b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) channels).putInt(rate)
        .putInt(rate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data);
    return b.array();
  }

  /**
   * A parsed WAV file: the raw header fields and the interleaved samples.
   *
   * @param riffSize the RIFF chunk size field (file length - 8 in a well-formed file)
   * @param fmtSize the {@code fmt } chunk size field
   * @param dataOffset byte offset of the first sample
   * @param dataSize the {@code data} chunk size field
   */
  public record Wav(int riffSize, int fmtSize, int formatTag, int channels, int sampleRate,
      int byteRate, int blockAlign, int bitsPerSample, long dataOffset, int dataSize,
      short[] samples) {
    /** Samples per channel. */
    public int frames() {
      return samples.length / channels;
    }

    /** One channel, de-interleaved. */
    public short[] channel(int c) {
      short[] out = new short[frames()];
      for (int i = 0; i < out.length; i++) {
        out[i] = samples[i * channels + c];
      }
      return out;
    }
  }

  /** Parses {@code file}; fails on anything but RIFF/WAVE with fmt and data chunks. */
  public static Wav read(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    expect(b, "RIFF");
    int riffSize = b.getInt();
    expect(b, "WAVE");
    int fmtSize = -1;
    int tag = 0;
    int channels = 0;
    int rate = 0;
    int byteRate = 0;
    int align = 0;
    int bits = 0;
    while (b.remaining() >= 8) {
      String id = fourcc(b);
      int size = b.getInt();
      if (id.equals("fmt ")) {
        int start = b.position();
        fmtSize = size;
        tag = b.getShort() & 0xFFFF;
        channels = b.getShort();
        rate = b.getInt();
        byteRate = b.getInt();
        align = b.getShort();
        bits = b.getShort();
        b.position(start + size);
      } else if (id.equals("data")) {
        if (fmtSize < 0) {
          throw new IOException("data chunk before fmt chunk");
        }
        long offset = b.position();
        short[] samples = new short[Math.min(size, b.remaining()) / 2];
        b.asShortBuffer().get(samples);
        return new Wav(riffSize, fmtSize, tag, channels, rate, byteRate, align, bits, offset, size,
            samples);
      } else {
        b.position(b.position() + size + (size & 1));
      }
    }
    throw new IOException("no data chunk in " + file);
  }

  private static void expect(ByteBuffer b, String fourcc) throws IOException {
    String got = fourcc(b);
    if (!got.equals(fourcc)) {
      throw new IOException("expected " + fourcc + ", found " + got);
    }
  }

  private static String fourcc(ByteBuffer b) {
    byte[] id = new byte[4];
    b.get(id);
    return new String(id, StandardCharsets.US_ASCII);
  }

  /**
   * The strongest frequency in {@code [minHz, maxHz]}, from a Goertzel scan over (up to) one
   * second taken from the middle of the signal: 1 Hz steps, then 0.05 Hz steps around the peak.
   */
  public static double dominantFrequency(short[] samples, int sampleRate, double minHz,
      double maxHz) {
    int len = Math.min(samples.length, sampleRate);
    int from = (samples.length - len) / 2;
    double best = minHz;
    double bestPower = -1;
    for (double f = minHz; f <= maxHz; f += 1.0) {
      double p = power(samples, from, len, sampleRate, f);
      if (p > bestPower) {
        bestPower = p;
        best = f;
      }
    }
    double coarse = best;
    for (double f = coarse - 1; f <= coarse + 1; f += 0.05) {
      double p = power(samples, from, len, sampleRate, f);
      if (p > bestPower) {
        bestPower = p;
        best = f;
      }
    }
    return best;
  }

  /** Goertzel power of {@code hz} over {@code samples[from, from+len)}, normalised by length². */
  public static double power(short[] samples, int from, int len, int sampleRate, double hz) {
    double coeff = 2 * Math.cos(2 * Math.PI * hz / sampleRate);
    double s1 = 0;
    double s2 = 0;
    for (int i = from; i < from + len; i++) {
      double s0 = samples[i] + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    return (s1 * s1 + s2 * s2 - coeff * s1 * s2) / ((double) len * len);
  }
}
