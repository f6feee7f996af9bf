package io.omniprep.av.beam;

import static io.omniprep.util.Args.check;

import io.omniprep.av.AudioExtractor;
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
 * The audio track of videos as RIFF/WAVE PCM s16le files (16 kHz mono by default), Ola's {@code
 * convert_mp4_wav.py} in-process: {@code OUTPUT/<video path without its final extension>.wav},
 * mirroring the input tree. Outputs appear only when complete; existing ones are skipped unless
 * overwriting; a video without audio fails with {@code no_audio_stream}, an unreadable one with
 * {@code cannot_decode}, and the job goes on.
 *
 * <pre>{@code
 * // a glob of videos; the output mirrors the tree under the input root
 * p.apply(ExtractAudioFromVideo.files().from("gs://b/videos/**").withInputRoot("gs://b/videos").to("gs://b/audio"));
 * // validated LLaVA/Ola records: each gets an "audio" field naming its WAV, relative to the output
 * samples.apply(ExtractAudioFromVideo.records().to("/data/audio"));
 * }</pre>
 */
public final class ExtractAudioFromVideo {
  private ExtractAudioFromVideo() {}

  private static void displayAudio(
      DisplayData.Builder builder, @Nullable String output, boolean overwrite, int sampleRate, int channels) {
    builder
        .addIfNotNull(DisplayData.item("output", output).withLabel("Output folder"))
        .add(DisplayData.item("overwrite", overwrite).withLabel("Redo complete outputs"))
        .add(DisplayData.item("sampleRate", sampleRate).withLabel("WAV sample rate (Hz)"))
        .add(DisplayData.item("channels", channels).withLabel("WAV channels"));
  }

  /** Video files matched by globs; no output folder, inputs or root yet; 16 kHz mono; resuming. */
  public static Files files() {
    return new Files(List.of(), null, null, false, AudioExtractor.DEFAULT_SAMPLE_RATE, AudioExtractor.DEFAULT_CHANNELS);
  }

  /** The videos of validated records; no output folder yet; 16 kHz mono; resuming. */
  public static Records records() {
    return new Records(null, null, false, AudioExtractor.DEFAULT_SAMPLE_RATE, AudioExtractor.DEFAULT_CHANNELS);
  }

  private static void checkRate(int sampleRate) {
    check(sampleRate >= 8_000 && sampleRate <= 384_000, "sampleRate must be 8000..384000, was %s", sampleRate);
  }

  private static void checkChannels(int channels) {
    check(channels >= 1 && channels <= 8, "channels must be 1..8, was %s", channels);
  }

  /**
   * Files mode. Outputs the outcome of every video extracted or already complete (each counted as
   * a record written; every matched video as one read) and the failures.
   */
  public static final class Files
      extends PTransform<PBegin, WithFailures.Result<PCollection<VideoOutcome>, FailedRecord>> {
    private final List<String> patterns;
    private final @Nullable String inputRoot;
    private final @Nullable String output;
    private final boolean overwrite;
    private final int sampleRate;
    private final int channels;

    private Files(List<String> patterns, @Nullable String inputRoot, @Nullable String output, boolean overwrite,
        int sampleRate, int channels) {
      this.patterns = List.copyOf(patterns);
      this.inputRoot = inputRoot;
      this.output = output;
      this.overwrite = overwrite;
      this.sampleRate = sampleRate;
      this.channels = channels;
    }

    /** Files or globs ({@code **} crosses folders); files without a video extension are ignored. */
    public Files from(String... patterns) {
      return from(Arrays.asList(patterns));
    }

    public Files from(List<String> patterns) {
      check(patterns != null && !patterns.isEmpty(), "patterns can not be empty");
      return new Files(patterns, inputRoot, output, overwrite, sampleRate, channels);
    }

    /** The folder the output mirrors (default: the deepest folder shared by the patterns). */
    public Files withInputRoot(@Nullable String inputRoot) {
      return new Files(patterns, inputRoot == null || inputRoot.isEmpty() ? null : inputRoot, output, overwrite, sampleRate, channels);
    }

    /** The output folder. */
    public Files to(String output) {
      check(output != null && !output.isEmpty(), "output can not be empty");
      return new Files(patterns, inputRoot, output, overwrite, sampleRate, channels);
    }

    /** Redo videos whose WAV exists (default false: skip them). */
    public Files withOverwrite(boolean overwrite) {
      return new Files(patterns, inputRoot, output, overwrite, sampleRate, channels);
    }

    public Files withSampleRate(int sampleRate) {
      checkRate(sampleRate);
      return new Files(patterns, inputRoot, output, overwrite, sampleRate, channels);
    }

    public Files withChannels(int channels) {
      checkChannels(channels);
      return new Files(patterns, inputRoot, output, overwrite, sampleRate, channels);
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      MirrorPaths.populateDisplayData(builder, patterns, inputRoot);
      displayAudio(builder, output, overwrite, sampleRate, channels);
    }

    @Override
    public WithFailures.Result<PCollection<VideoOutcome>, FailedRecord> expand(PBegin input) {
      check(!patterns.isEmpty(), "ExtractAudioFromVideo.files() needs from(...)");
      check(output != null, "ExtractAudioFromVideo.files() needs to(...)");
      return input
          .apply("Match videos", new MatchVideos(patterns, MirrorPaths.filesRoot(patterns, inputRoot)))
          .apply("Extract audio", new ExtractVideos(new AudioTask(new AudioExtractor(sampleRate, channels)), output, overwrite))
          .apply("Route outcomes", new RouteOutcomes(AudioTask.STAGE));
    }
  }

  /**
   * Records mode: records validated with videos read as files. Each record with videos gets
   * {@code audio} = the WAV path relative to the output folder (a list for several videos; an
   * earlier {@code audio} value is replaced); records without videos pass unchanged. Counts only
   * per-video counters: the record reader and writer count records.
   */
  public static final class Records
      extends PTransform<PCollection<Sample>, WithFailures.Result<PCollection<Sample>, FailedRecord>> {
    private final @Nullable String mediaRoot;
    private final @Nullable String output;
    private final boolean overwrite;
    private final int sampleRate;
    private final int channels;

    private Records(@Nullable String mediaRoot, @Nullable String output, boolean overwrite, int sampleRate, int channels) {
      this.mediaRoot = mediaRoot;
      this.output = output;
      this.overwrite = overwrite;
      this.sampleRate = sampleRate;
      this.channels = channels;
    }

    /**
     * The media root the records were validated with, so that absolute video paths inside it
     * mirror relative to it (relative paths mirror as written).
     */
    public Records withMediaRoot(@Nullable String mediaRoot) {
      return new Records(mediaRoot == null || mediaRoot.isEmpty() ? null : mediaRoot, output, overwrite, sampleRate, channels);
    }

    public Records to(String output) {
      check(output != null && !output.isEmpty(), "output can not be empty");
      return new Records(mediaRoot, output, overwrite, sampleRate, channels);
    }

    public Records withOverwrite(boolean overwrite) {
      return new Records(mediaRoot, output, overwrite, sampleRate, channels);
    }

    public Records withSampleRate(int sampleRate) {
      checkRate(sampleRate);
      return new Records(mediaRoot, output, overwrite, sampleRate, channels);
    }

    public Records withChannels(int channels) {
      checkChannels(channels);
      return new Records(mediaRoot, output, overwrite, sampleRate, channels);
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      builder.addIfNotNull(DisplayData.item("mediaRoot", mediaRoot).withLabel("Media root"));
      displayAudio(builder, output, overwrite, sampleRate, channels);
    }

    @Override
    public WithFailures.Result<PCollection<Sample>, FailedRecord> expand(PCollection<Sample> samples) {
      check(output != null, "ExtractAudioFromVideo.records() needs to(...)");
      return samples.apply("Extract audio of records",
          new ExtractForRecords(new AudioTask(new AudioExtractor(sampleRate, channels)), mediaRoot, output, overwrite));
    }
  }
}
