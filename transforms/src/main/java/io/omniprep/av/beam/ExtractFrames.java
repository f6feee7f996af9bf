package io.omniprep.av.beam;

import static io.omniprep.util.Args.check;

import io.omniprep.av.FrameExtractor;
import io.omniprep.errors.FailedRecord;
import io.omniprep.sample.Sample;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Videos as folders of JPEG frames plus their frame rate, the layout of Pai's {@code
 * build_llava_frame_dataset.py} that the ChatML WebDataset layouts read: {@code
 * OUTPUT/<stem>/frame_%06d.jpg} named by source frame index and {@code OUTPUT/<stem>.json} =
 * {@code {"fps": "<rate>"}}, where {@code <stem>} is the video's path under the input root without
 * its final extension. The sidecar is written last and marks a video complete: complete videos are
 * skipped unless overwriting. Failures as in {@link ExtractAudioFromVideo}.
 *
 * <pre>{@code
 * p.apply(ExtractFrames.files().from("/data/videos/**").to("/data/frames").withSampling(FrameSampling.everySeconds(0.5)));
 * samples.apply(ExtractFrames.records().to("/data/out"));   // ShareGPT-ready records, see Records
 * }</pre>
 */
public final class ExtractFrames {
  /** One frame a second, as the reference's default. */
  public static final FrameSampling DEFAULT_SAMPLING = FrameSampling.everySeconds(1.0);

  /**
   * One decoder thread per video: a worker decodes as many videos at once as it runs DoFn threads
   * (about one per core), so more threads per video would only contend.
   */
  public static final int DEFAULT_DECODER_THREADS = 1;

  private ExtractFrames() {}

  public static Files files() {
    return new Files(List.of(), null, Settings.DEFAULT);
  }

  public static Records records() {
    return new Records(null, Settings.DEFAULT);
  }

  /** What both modes share: output, resuming and the frame settings. */
  private static final class Settings implements java.io.Serializable {
    static final Settings DEFAULT =
        new Settings(null, false, DEFAULT_SAMPLING, FrameExtractor.DEFAULT_JPEG_QUALITY, DEFAULT_DECODER_THREADS);

    final @Nullable String output;
    final boolean overwrite;
    final FrameSampling sampling;
    final int jpegQuality;
    final int decoderThreads;

    Settings(@Nullable String output, boolean overwrite, FrameSampling sampling, int jpegQuality, int decoderThreads) {
      this.output = output;
      this.overwrite = overwrite;
      this.sampling = sampling;
      this.jpegQuality = jpegQuality;
      this.decoderThreads = decoderThreads;
    }

    Settings to(String output) {
      check(output != null && !output.isEmpty(), "output can not be empty");
      return new Settings(output, overwrite, sampling, jpegQuality, decoderThreads);
    }

    Settings overwrite(boolean overwrite) {
      return new Settings(output, overwrite, sampling, jpegQuality, decoderThreads);
    }

    Settings sampling(FrameSampling sampling) {
      check(sampling != null, "sampling can not be null");
      return new Settings(output, overwrite, sampling, jpegQuality, decoderThreads);
    }

    Settings jpegQuality(int quality) {
      check(quality >= 1 && quality <= 100, "jpegQuality must be 1..100, was %s", quality);
      return new Settings(output, overwrite, sampling, quality, decoderThreads);
    }

    Settings decoderThreads(int threads) {
      check(threads >= 0, "decoderThreads can not be negative, was %s", threads);
      return new Settings(output, overwrite, sampling, jpegQuality, threads);
    }

    String requireOutput(String who) {
      check(output != null, "%s needs to(...)", who);
      return output;
    }

    void populateDisplayData(DisplayData.Builder builder) {
      builder
          .addIfNotNull(DisplayData.item("output", output).withLabel("Output folder"))
          .add(DisplayData.item("overwrite", overwrite).withLabel("Redo complete outputs"))
          .add(DisplayData.item("sampling", sampling.toString()).withLabel("Frames kept"))
          .add(DisplayData.item("jpegQuality", jpegQuality).withLabel("JPEG quality"))
          .add(DisplayData.item("decoderThreads", decoderThreads).withLabel("Decoder threads (0: one per core)"));
    }

    VideoTask task() {
      FrameExtractor extractor = new FrameExtractor().withJpegQuality(jpegQuality).withDecoderThreads(decoderThreads);
      return new FramesTask(extractor, sampling.seconds(), sampling.count());
    }
  }

  /**
   * Files mode. Outputs the outcome of every video extracted or already complete (each counted as
   * a record written; every matched video as one read) and the failures.
   */
  public static final class Files
      extends PTransform<PBegin, WithFailures.Result<PCollection<VideoOutcome>, FailedRecord>> {
    private final List<String> patterns;
    private final @Nullable String inputRoot;
    private final Settings settings;

    private Files(List<String> patterns, @Nullable String inputRoot, Settings settings) {
      this.patterns = List.copyOf(patterns);
      this.inputRoot = inputRoot;
      this.settings = settings;
    }

    /** Files or globs ({@code **} crosses folders); files without a video extension are ignored. */
    public Files from(String... patterns) {
      return from(Arrays.asList(patterns));
    }

    public Files from(List<String> patterns) {
      check(patterns != null && !patterns.isEmpty(), "patterns can not be empty");
      return new Files(patterns, inputRoot, settings);
    }

    /** The folder the output mirrors (default: the deepest folder shared by the patterns). */
    public Files withInputRoot(@Nullable String inputRoot) {
      return new Files(patterns, inputRoot == null || inputRoot.isEmpty() ? null : inputRoot, settings);
    }

    public Files to(String output) {
      return new Files(patterns, inputRoot, settings.to(output));
    }

    /** Redo videos whose sidecar exists (default false: skip them). */
    public Files withOverwrite(boolean overwrite) {
      return new Files(patterns, inputRoot, settings.overwrite(overwrite));
    }

    /** Default {@link #DEFAULT_SAMPLING}. */
    public Files withSampling(FrameSampling sampling) {
      return new Files(patterns, inputRoot, settings.sampling(sampling));
    }

    /** Default 95, as OpenCV's {@code imwrite}. */
    public Files withJpegQuality(int quality) {
      return new Files(patterns, inputRoot, settings.jpegQuality(quality));
    }

    /** FFmpeg decoder threads per video; default {@link #DEFAULT_DECODER_THREADS}, 0 = one per core. */
    public Files withDecoderThreads(int threads) {
      return new Files(patterns, inputRoot, settings.decoderThreads(threads));
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      MirrorPaths.populateDisplayData(builder, patterns, inputRoot);
      settings.populateDisplayData(builder);
    }

    @Override
    public WithFailures.Result<PCollection<VideoOutcome>, FailedRecord> expand(PBegin input) {
      check(!patterns.isEmpty(), "ExtractFrames.files() needs from(...)");
      String output = settings.requireOutput("ExtractFrames.files()");
      return input
          .apply("Match videos", new MatchVideos(patterns, MirrorPaths.filesRoot(patterns, inputRoot)))
          .apply("Extract frames", new ExtractVideos(settings.task(), output, settings.overwrite))
          .apply("Route outcomes", new RouteOutcomes(FramesTask.STAGE));
    }
  }

  /**
   * Records mode: records validated with videos read as files (LLaVA-Video style). Each video's
   * frames go to {@code OUTPUT/<its path as written, without extension>/}, and the record comes out
   * ready for the ShareGPT style ({@code llava.RecordStyle.SHAREGPT}) and the {@code chatml}
   * WebDataset layout with the output folder as media root: its videos point at their place under
   * the output folder, other media at their absolute location, and {@code <image>} tokens that stand
   * for the videos become {@code <video>} (the reference's {@code --video-token}).
   */
  public static final class Records
      extends PTransform<PCollection<Sample>, WithFailures.Result<PCollection<Sample>, FailedRecord>> {
    private final @Nullable String mediaRoot;
    private final Settings settings;

    private Records(@Nullable String mediaRoot, Settings settings) {
      this.mediaRoot = mediaRoot;
      this.settings = settings;
    }

    /** The media root the records were validated with (see {@link ExtractAudioFromVideo.Records#withMediaRoot}). */
    public Records withMediaRoot(@Nullable String mediaRoot) {
      return new Records(mediaRoot == null || mediaRoot.isEmpty() ? null : mediaRoot, settings);
    }

    public Records to(String output) {
      return new Records(mediaRoot, settings.to(output));
    }

    public Records withOverwrite(boolean overwrite) {
      return new Records(mediaRoot, settings.overwrite(overwrite));
    }

    public Records withSampling(FrameSampling sampling) {
      return new Records(mediaRoot, settings.sampling(sampling));
    }

    public Records withJpegQuality(int quality) {
      return new Records(mediaRoot, settings.jpegQuality(quality));
    }

    public Records withDecoderThreads(int threads) {
      return new Records(mediaRoot, settings.decoderThreads(threads));
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      builder.addIfNotNull(DisplayData.item("mediaRoot", mediaRoot).withLabel("Media root"));
      settings.populateDisplayData(builder);
    }

    @Override
    public WithFailures.Result<PCollection<Sample>, FailedRecord> expand(PCollection<Sample> samples) {
      String output = settings.requireOutput("ExtractFrames.records()");
      return samples.apply("Extract frames of records",
          new ExtractForRecords(settings.task(), mediaRoot, output, settings.overwrite));
    }
  }
}
