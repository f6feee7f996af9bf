package io.omniprep.pipelines;

import java.nio.file.Path;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Runs a stage on the DirectRunner as the CLI would, and returns its summary. */
final class PipelineRuns {
  private PipelineRuns() {}

  static RunSummary run(String stage, String... args) {
    Stage<?> s = Stages.find(stage).orElseThrow();
    String[] all = new String[args.length + 1];
    all[0] = "--runner=DirectRunner";
    System.arraycopy(args, 0, all, 1, args.length);
    PipelineOptions options = PipelineOptionsFactory.fromArgs(all).withValidation().as(s.optionsClass());
    PipelineResult result = s.create(options).run();
    result.waitUntilFinish();
    return RunSummary.of(result);
  }

  static String out(Path dir) {
    return "--output=" + dir;
  }
}
