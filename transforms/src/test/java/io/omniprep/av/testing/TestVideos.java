package io.omniprep.av.testing;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Small synthetic media files for tests, written in-process with FFmpeg (no ffmpeg binary).
 *
 * <p>A video made from a {@link Spec} has {@link Spec#frameCount()} frames; frame {@code i} has
 * presentation time {@code i / fps} and shows {@link FramePattern#render(int, int, int) pattern i}
 * (or a solid colour). Its audio channel {@code c} is a sine of {@code toneHz * (c + 1)} Hz at half
 * full scale, {@link Spec#sampleCount()} samples long. Generate into a JUnit {@code @TempDir}.
 */
public final class TestVideos {
  /** Video encoders of the bundled LGPL FFmpeg build. */
  public enum Codec {
    /** H.264 through libopenh264 (no B-frames). */
    H264,
    /** MPEG-4 part 2 with two B-frames, so decode order differs from presentation order. */
    MPEG4_BFRAMES
  }

  /** What to generate. Immutable; {@code with...} methods return modified copies. */
  public static final class Spec {
    final double durationSeconds;
    final int fpsNum;
    final int fpsDen;
    final int width;
    final int height;
    final double toneHz;
    final int sampleRate;
    final int audioChannels;
    final boolean audio;
    final Codec codec;
    final int rotation;
    final Color solid;
    final boolean timedPackets;

    private Spec(double durationSeconds, int fpsNum, int fpsDen, int width, int height,
        double toneHz, int sampleRate, int audioChannels, boolean audio, Codec codec, int rotation,
        Color solid, boolean timedPackets) {
      this.durationSeconds = durationSeconds;
      this.fpsNum = fpsNum;
      this.fpsDen = fpsDen;
      this.width = width;
      this.height = height;
      this.toneHz = toneHz;
      this.sampleRate = sampleRate;
      this.audioChannels = audioChannels;
      this.audio = audio;
      this.codec = codec;
      this.rotation = rotation;
      this.solid = solid;
      this.timedPackets = timedPackets;
    }

    /** Length in seconds. */
    public Spec withDuration(double seconds) {
      return new Spec(seconds, fpsNum, fpsDen, width, height, toneHz, sampleRate, audioChannels,
          audio, codec, rotation, solid, timedPackets);
    }

    /** Integer frame rate. */
    public Spec withFps(int fps) {
      return withFps(fps, 1);
    }

    /** Rational frame rate, e.g. 30000/1001. */
    public Spec withFps(int num, int den) {
      return new Spec(durationSeconds, num, den, width, height, toneHz, sampleRate, audioChannels,
          audio, codec, rotation, solid, timedPackets);
    }

    /** Frame size; multiples of 16 keep the pattern blocks on macroblocks. */
    public Spec withSize(int w, int h) {
      return new Spec(durationSeconds, fpsNum, fpsDen, w, h, toneHz, sampleRate, audioChannels,
          audio, codec, rotation, solid, timedPackets);
    }

    /** Tone of channel 0; channel c plays {@code hz * (c + 1)}. */
    public Spec withTone(double hz) {
      return new Spec(durationSeconds, fpsNum, fpsDen, width, height, hz, sampleRate,
          audioChannels, audio, codec, rotation, solid, timedPackets);
    }

    /** Source audio sample rate. */
    public Spec withSampleRate(int rate) {
      return new Spec(durationSeconds, fpsNum, fpsDen, width, height, toneHz, rate, audioChannels,
          audio, codec, rotation, solid, timedPackets);
    }

    /** Source audio channel count. */
    public Spec withAudioChannels(int n) {
      return new Spec(durationSeconds, fpsNum, fpsDen, width, height, toneHz, sampleRate, n,
          audio, codec, rotation, solid, timedPackets);
    }

    /** No audio stream at all. */
    public Spec withoutAudio() {
      return new Spec(durationSeconds, fpsNum, fpsDen, width, height, toneHz, sampleRate,
          audioChannels, false, codec, rotation, solid, timedPackets);
    }

    /** Video encoder. */
    public Spec withCodec(Codec c) {
      return new Spec(durationSeconds, fpsNum, fpsDen, width, height, toneHz, sampleRate,
          audioChannels, audio, c, rotation, solid, timedPackets);
    }

    /** Display-matrix rotation (clockwise degrees a player applies), as phones write it. */
    public Spec withRotation(int clockwiseDegrees) {
      return new Spec(durationSeconds, fpsNum, fpsDen, width, height, toneHz, sampleRate,
          audioChannels, audio, codec, clockwiseDegrees, solid, timedPackets);
    }

    /** Every frame this one colour instead of the index pattern. */
    public Spec withSolidColor(Color c) {
      return new Spec(durationSeconds, fpsNum, fpsDen, width, height, toneHz, sampleRate,
          audioChannels, audio, codec, rotation, c, timedPackets);
    }

    /**
     * Video packets without durations, as some muxing tools write them. In MP4 the last frame then
     * has zero length and falls outside the edit list: {@code nb_frames} still counts it but
     * decoders drop it, so the container reports one frame more than can be decoded.
     */
    public Spec withUntimedPackets() {
      return new Spec(durationSeconds, fpsNum, fpsDen, width, height, toneHz, sampleRate,
          audioChannels, audio, codec, rotation, solid, false);
    }

    /** Frames written: {@code round(duration * fps)}. */
    public int frameCount() {
      return (int) Math.round(durationSeconds * fpsNum / fpsDen);
    }

    /** Audio samples per channel written: {@code round(duration * sampleRate)}. */
    public long sampleCount() {
      return Math.round(durationSeconds * sampleRate);
    }

    /** Frame rate as a double. */
    public double fps() {
      return (double) fpsNum / fpsDen;
    }

    public double toneHz() {
      return toneHz;
    }

    public int sampleRate() {
      return sampleRate;
    }

    public int width() {
      return width;
    }

    public int height() {
      return height;
    }
  }

  private TestVideos() {}

  /** 2 s, 10 fps, 64x48, H.264, 440 Hz mono AAC at 44.1 kHz, index pattern. */
  public static Spec spec() {
    return new Spec(2.0, 10, 1, 64, 48, 440.0, 44_100, 1, true, Codec.H264, 0, null, true);
  }

  /** Writes {@code spec} to {@code file}; the container follows the extension (.mp4, .mkv, ...). */
  public static Path write(Path file, Spec spec) throws IOException {
    return write(file, spec, false);
  }

  /** The same, with the MP4 index first ({@code -movflags +faststart}) when {@code faststart}. */
  public static Path write(Path file, Spec spec, boolean faststart) throws IOException {
    try (MediaWriter w = new MediaWriter(file, spec, faststart)) {
      int frames = spec.frameCount();
      long samples = spec.audio ? spec.sampleCount() : 0;
      int chunk = spec.audio ? w.audioFrameSize() : 1;
      float[][] pcm = new float[spec.audioChannels][chunk];
      int vi = 0;
      long ai = 0;
      // Feed in presentation-time order so the muxer interleaves without large buffers.
      while (vi < frames || ai < samples) {
        boolean videoNext = vi < frames
            && (ai >= samples || (double) vi * spec.fpsDen / spec.fpsNum <= (double) ai / spec.sampleRate);
        if (videoNext) {
          w.writeVideo(spec.solid != null ? solid(spec) : FramePattern.render(vi, spec.width, spec.height), vi);
          vi++;
        } else {
          int n = (int) Math.min(chunk, samples - ai);
          for (int c = 0; c < spec.audioChannels; c++) {
            double hz = spec.toneHz * (c + 1);
            for (int s = 0; s < n; s++) {
              pcm[c][s] = (float) (0.5 * Math.sin(2 * Math.PI * hz * (ai + s) / spec.sampleRate));
            }
          }
          w.writeAudio(pcm, n, ai);
          ai += n;
        }
      }
    }
    return file;
  }

  private static java.awt.image.BufferedImage solid(Spec spec) {
    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(
        spec.width, spec.height, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
    java.awt.Graphics2D g = img.createGraphics();
    g.setColor(spec.solid);
    g.fillRect(0, 0, spec.width, spec.height);
    g.dispose();
    return img;
  }

  /** {@code dir/tone.mp4} from {@link #spec()}. */
  public static Path toneVideo(Path dir) throws IOException {
    return write(dir.resolve("tone.mp4"), spec());
  }

  /** {@code dir/silent.mp4}: video only, no audio stream. */
  public static Path videoWithoutAudio(Path dir) throws IOException {
    return write(dir.resolve("silent.mp4"), spec().withoutAudio());
  }

  /**
   * {@code dir/truncated.mp4}: the first 40% of a valid mp4. The index (moov) is written last, so
   * the cut file cannot be opened.
   */
  public static Path truncatedVideo(Path dir) throws IOException {
    Path full = write(dir.resolve("full-for-truncation.mp4"), spec());
    byte[] bytes = Files.readAllBytes(full);
    Files.delete(full);
    return Files.write(dir.resolve("truncated.mp4"), Arrays.copyOf(bytes, bytes.length * 2 / 5));
  }

  /**
   * {@code dir/cut.mp4}: the first half of a 4 s faststart mp4. Its index comes first, so it opens
   * and declares 4 s, but half of its media data is missing.
   */
  public static Path truncatedFaststartVideo(Path dir) throws IOException {
    Path full = write(dir.resolve("full-faststart.mp4"), spec().withDuration(4), true);
    byte[] bytes = Files.readAllBytes(full);
    Files.delete(full);
    return Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(bytes, bytes.length / 2));
  }

  /** {@code dir/random.mp4}: 4 KiB of seeded random bytes. */
  public static Path randomBytes(Path dir) throws IOException {
    byte[] bytes = new byte[4096];
    new Random(42).nextBytes(bytes);
    return Files.write(dir.resolve("random.mp4"), bytes);
  }
}
