package io.omniprep.pipelines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Runs a stage as the CLI does (options from arguments, summary written), on the DirectRunner. */
final class PipelineRuns {
  private PipelineRuns() {}

  static RunSummary run(String stageName, String... args) {
    Stage<?> stage = Stages.find(stageName).orElseThrow();
    String[] all = new String[args.length + 1];
    all[0] = "--runner=DirectRunner";
    System.arraycopy(args, 0, all, 1, args.length);
    PipelineOptions options = PipelineOptionsFactory.fromArgs(all).withValidation().as(stage.optionsClass());
    PipelineResult result = stage.create(options).run();
    result.waitUntilFinish();
    RunSummary summary = RunSummary.of(result);
    try {
      summary.write(stage.output(options), stage.name());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return summary;
  }

  static String out(Path dir) {
    return arg("output", dir);
  }

  static String arg(String name, Path value) {
    return "--" + name + "=" + value;
  }
}
