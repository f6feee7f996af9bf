package io.omniprep.av.beam;

import io.omniprep.metrics.Counters;
import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * The video files that globs match (by extension, case-insensitive; other files are counted and
 * ignored), each with its path under the input root. Every video counts as one record read.
 */
final class MatchVideos extends PTransform<PBegin, PCollection<VideoJob>> {
  static final String IGNORED = "files_ignored_not_video";

  private final List<String> patterns;
  private final String root;

  /** @param root a directory spec from {@link MirrorPaths#asRoot}, or "" for whole paths */
  MatchVideos(List<String> patterns, String root) {
    this.patterns = List.copyOf(patterns);
    this.root = root;
  }

  @Override
  public PCollection<VideoJob> expand(PBegin input) {
    return input
        .apply("Patterns", Create.of(patterns).withCoder(StringUtf8Coder.of()))
        .apply("Match files", FileIO.matchAll())
        .apply("Keep videos", ParDo.of(new ToJobFn(root)))
        .setCoder(VideoJob.CODER);
  }

  private static final class ToJobFn extends DoFn<MatchResult.Metadata, VideoJob> {
    private final String root;

    ToJobFn(String root) {
      this.root = root;
    }

    @ProcessElement
    public void process(@Element MatchResult.Metadata file, OutputReceiver<VideoJob> out) {
      String spec = file.resourceId().toString();
      if (file.resourceId().isDirectory() || !MirrorPaths.isVideo(spec)) {
        Counters.named(IGNORED).inc();
        return;
      }
      Counters.read().inc();
      out.output(new VideoJob(spec, MirrorPaths.underRoot(root, spec)));
    }
  }
}
