package io.omniprep.report;

import io.omniprep.media.ImageFacts;
import io.omniprep.sample.MediaKind;
import io.omniprep.sample.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * What the report needs of one sample, measured where the sample is (media headers read, videos
 * probed): small, whatever the media. {@code split} is empty when the input has no splits; {@code
 * mediaPerKind} is indexed by {@link MediaKind#ordinal()}; {@code turnCharacters} holds each turn's
 * length in Unicode code points.
 */
@DefaultCoder(SampleProfile.Coder.class)
public record SampleProfile(
    String source,
    String split,
    int[] mediaPerKind,
    int[] turnCharacters,
    List<ImageFacts> images,
    List<VideoFacts> videos)
    implements Serializable {

  /**
   * A video: a file (probed) or a list of frames; each figure is -1 when unknown, and {@code
   * readable} is false when the file could not be probed.
   */
  public record VideoFacts(boolean frames, boolean readable, long durationMicros, long milliFps, long frameCount)
      implements Serializable {
    public static VideoFacts unreadable() {
      return new VideoFacts(false, false, -1, -1, -1);
    }

    /** A frame list: its length, and its frame rate when known (duration = frames / fps). */
    public static VideoFacts ofFrames(long frameCount, double fps) {
      if (!(fps > 0) || Double.isInfinite(fps)) {
        return new VideoFacts(true, true, -1, -1, frameCount);
      }
      return new VideoFacts(true, true, Math.round(frameCount * 1e6 / fps), Metric.VIDEO_FPS.fixed(fps), frameCount);
    }
  }

  public int media(MediaKind kind) {
    return mediaPerKind[kind.ordinal()];
  }

  /** Deterministic coder. */
  public static final class Coder extends CustomCoder<SampleProfile> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    /** What {@code @DefaultCoder} on {@link SampleProfile} asks for. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(SampleProfile.class), INSTANCE);
    }

    @Override
    public void encode(SampleProfile p, OutputStream out) throws IOException {
      Wire.writeString(p.source(), out);
      Wire.writeString(p.split(), out);
      writeInts(p.mediaPerKind(), out);
      writeInts(p.turnCharacters(), out);
      Wire.writeInt(p.images().size(), out);
      for (ImageFacts i : p.images()) {
        Wire.writeString(i.format(), out);
        Wire.writeInt(i.width(), out);
        Wire.writeInt(i.height(), out);
      }
      Wire.writeInt(p.videos().size(), out);
      for (VideoFacts v : p.videos()) {
        Wire.writeBoolean(v.frames(), out);
        Wire.writeBoolean(v.readable(), out);
        Wire.writeLong(v.durationMicros(), out);
        Wire.writeLong(v.milliFps(), out);
        Wire.writeLong(v.frameCount(), out);
      }
    }

    @Override
    public SampleProfile decode(InputStream in) throws IOException {
      String source = Wire.readString(in);
      String split = Wire.readString(in);
      int[] media = readInts(in);
      int[] turns = readInts(in);
      int n = Wire.readInt(in);
      List<ImageFacts> images = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        images.add(new ImageFacts(Wire.readString(in), Wire.readInt(in), Wire.readInt(in)));
      }
      n = Wire.readInt(in);
      List<VideoFacts> videos = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        videos.add(new VideoFacts(Wire.readBoolean(in), Wire.readBoolean(in), Wire.readLong(in), Wire.readLong(in), Wire.readLong(in)));
      }
      return new SampleProfile(source, split, media, turns, images, videos);
    }

    private static void writeInts(int[] values, OutputStream out) throws IOException {
      Wire.writeInt(values.length, out);
      for (int v : values) {
        Wire.writeInt(v, out);
      }
    }

    private static int[] readInts(InputStream in) throws IOException {
      int[] values = new int[Wire.readInt(in)];
      for (int i = 0; i < values.length; i++) {
        values[i] = Wire.readInt(in);
      }
      return values;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
