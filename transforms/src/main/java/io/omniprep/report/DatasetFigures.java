package io.omniprep.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.media.ImageFacts;
import io.omniprep.report.SampleProfile.VideoFacts;
import io.omniprep.sample.MediaKind;
import io.omniprep.sample.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * The sample figures of a report, accumulated profile by profile and merged in any order with the
 * same result: samples per source and split, media per sample by kind, image sizes, video lengths
 * and frame rates, conversation and turn lengths. Its size depends on the number of sources and
 * splits, never on the number of samples.
 */
final class DatasetFigures implements Tally<SampleProfile, DatasetFigures> {
  private static final MediaKind[] KINDS = MediaKind.values();

  private long samples;
  private final TreeMap<String, Long> bySource = new TreeMap<>();
  private final TreeMap<String, Long> bySplit = new TreeMap<>();
  private final Distribution[] mediaPerSample = new Distribution[KINDS.length];
  private final TreeMap<String, Long> imageFormats = new TreeMap<>();
  private long imagesUnreadable;
  private final Distribution width = new Distribution(Metric.IMAGE_WIDTH);
  private final Distribution height = new Distribution(Metric.IMAGE_HEIGHT);
  private final Distribution aspect = new Distribution(Metric.ASPECT_RATIO);
  private long videosMeasured;
  private long videosUnreadable;
  private long videoFrameLists;
  private final Distribution seconds = new Distribution(Metric.VIDEO_SECONDS);
  private final Distribution fps = new Distribution(Metric.VIDEO_FPS);
  private final Distribution frames = new Distribution(Metric.VIDEO_FRAMES);
  private final Distribution turns = new Distribution(Metric.TURNS);
  private final Distribution turnChars = new Distribution(Metric.TURN_CHARS);

  DatasetFigures() {
    for (int k = 0; k < KINDS.length; k++) {
      mediaPerSample[k] = new Distribution(Metric.MEDIA_PER_SAMPLE);
    }
  }

  @Override
  public void add(SampleProfile p) {
    samples++;
    bySource.merge(p.source(), 1L, Long::sum);
    if (!p.split().isEmpty()) {
      bySplit.merge(p.split(), 1L, Long::sum);
    }
    for (int k = 0; k < KINDS.length; k++) {
      mediaPerSample[k].add(p.mediaPerKind()[k]);
    }
    for (ImageFacts image : p.images()) {
      imageFormats.merge(image.format(), 1L, Long::sum);
      if (!image.readable()) {
        imagesUnreadable++;
        continue;
      }
      width.add(image.width());
      height.add(image.height());
      aspect.add(Metric.ASPECT_RATIO.fixed((double) image.width() / image.height()));
    }
    for (VideoFacts video : p.videos()) {
      if (!video.readable()) {
        videosUnreadable++;
        continue;
      }
      videosMeasured++;
      videoFrameLists += video.frames() ? 1 : 0;
      addKnown(seconds, video.durationMicros());
      addKnown(fps, video.milliFps());
      addKnown(frames, video.frameCount());
    }
    turns.add(p.turnCharacters().length);
    for (int chars : p.turnCharacters()) {
      turnChars.add(chars);
    }
  }

  private static void addKnown(Distribution d, long value) {
    if (value >= 0) {
      d.add(value);
    }
  }

  @Override
  public void merge(DatasetFigures o) {
    samples += o.samples;
    o.bySource.forEach((k, v) -> bySource.merge(k, v, Long::sum));
    o.bySplit.forEach((k, v) -> bySplit.merge(k, v, Long::sum));
    for (int k = 0; k < KINDS.length; k++) {
      mediaPerSample[k].merge(o.mediaPerSample[k]);
    }
    o.imageFormats.forEach((k, v) -> imageFormats.merge(k, v, Long::sum));
    imagesUnreadable += o.imagesUnreadable;
    width.merge(o.width);
    height.merge(o.height);
    aspect.merge(o.aspect);
    videosMeasured += o.videosMeasured;
    videosUnreadable += o.videosUnreadable;
    videoFrameLists += o.videoFrameLists;
    seconds.merge(o.seconds);
    fps.merge(o.fps);
    frames.merge(o.frames);
    turns.merge(o.turns);
    turnChars.merge(o.turnChars);
  }

  /**
   * The sample sections of report.json. {@code splitCounts}, when not null, replaces the splits
   * seen in the profiles (a WebDataset run knows its splits only once shards are planned).
   */
  ObjectNode toJson(Map<String, Long> splitCounts) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode s = root.putObject("samples");
    s.put("total", samples);
    s.set("bySource", counts(bySource));
    s.set("bySplit", counts(splitCounts != null ? new TreeMap<>(splitCounts) : bySplit));

    ObjectNode media = root.putObject("media");
    for (int k = 0; k < KINDS.length; k++) {
      ObjectNode kind = media.putObject(KINDS[k].label());
      kind.put("total", mediaPerSample[k].sum());
      kind.put("samplesWith", mediaPerSample[k].count() - mediaPerSample[k].binCount(0));
      kind.set("perSample", mediaPerSample[k].toJson());
    }

    ObjectNode images = root.putObject("images");
    images.put("measured", width.count());
    images.put("unreadable", imagesUnreadable);
    images.set("formats", counts(imageFormats));
    images.set(Metric.IMAGE_WIDTH.jsonName(), width.toJson());
    images.set(Metric.IMAGE_HEIGHT.jsonName(), height.toJson());
    images.set(Metric.ASPECT_RATIO.jsonName(), aspect.toJson());

    ObjectNode videos = root.putObject("videos");
    videos.put("measured", videosMeasured);
    videos.put("frameLists", videoFrameLists);
    videos.put("unreadable", videosUnreadable);
    videos.set(Metric.VIDEO_SECONDS.jsonName(), seconds.toJson());
    videos.set(Metric.VIDEO_FPS.jsonName(), fps.toJson());
    videos.set(Metric.VIDEO_FRAMES.jsonName(), frames.toJson());

    ObjectNode conversations = root.putObject("conversations");
    conversations.set(Metric.TURNS.jsonName(), turns.toJson());
    conversations.set(Metric.TURN_CHARS.jsonName(), turnChars.toJson());
    return root;
  }

  private static ObjectNode counts(Map<String, Long> counts) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    counts.forEach(o::put);
    return o;
  }

  /** Deterministic coder for partial figures. */
  static final class Coder extends CustomCoder<DatasetFigures> {
    @Override
    public void encode(DatasetFigures f, OutputStream out) throws IOException {
      Wire.writeLong(f.samples, out);
      writeCounts(f.bySource, out);
      writeCounts(f.bySplit, out);
      for (Distribution d : f.mediaPerSample) {
        d.encode(out);
      }
      writeCounts(f.imageFormats, out);
      Wire.writeLong(f.imagesUnreadable, out);
      Wire.writeLong(f.videosMeasured, out);
      Wire.writeLong(f.videosUnreadable, out);
      Wire.writeLong(f.videoFrameLists, out);
      for (Distribution d : f.distributions()) {
        d.encode(out);
      }
    }

    @Override
    public DatasetFigures decode(InputStream in) throws IOException {
      DatasetFigures f = new DatasetFigures();
      f.samples = Wire.readLong(in);
      readCounts(f.bySource, in);
      readCounts(f.bySplit, in);
      for (Distribution d : f.mediaPerSample) {
        d.merge(Distribution.decode(d.metric(), in));
      }
      readCounts(f.imageFormats, in);
      f.imagesUnreadable = Wire.readLong(in);
      f.videosMeasured = Wire.readLong(in);
      f.videosUnreadable = Wire.readLong(in);
      f.videoFrameLists = Wire.readLong(in);
      for (Distribution d : f.distributions()) {
        d.merge(Distribution.decode(d.metric(), in));
      }
      return f;
    }

    private static void writeCounts(TreeMap<String, Long> counts, OutputStream out) throws IOException {
      Wire.writeInt(counts.size(), out);
      for (Map.Entry<String, Long> e : counts.entrySet()) {
        Wire.writeString(e.getKey(), out);
        Wire.writeLong(e.getValue(), out);
      }
    }

    private static void readCounts(TreeMap<String, Long> counts, InputStream in) throws IOException {
      int n = Wire.readInt(in);
      for (int i = 0; i < n; i++) {
        counts.put(Wire.readString(in), Wire.readLong(in));
      }
    }

    @Override
    public void verifyDeterministic() {}
  }

  private Distribution[] distributions() {
    return new Distribution[] {width, height, aspect, seconds, fps, frames, turns, turnChars};
  }
}
