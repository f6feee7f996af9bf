package io.omniprep.cli;

import io.omniprep.pipelines.RunSummary;
import io.omniprep.pipelines.Stage;
import io.omniprep.pipelines.Stages;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;

/** Parses the command line, runs one stage, prints and writes its summary. */
final class Cli {
  private final PrintStream out;
  private final PrintStream err;

  Cli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    if (args.length == 0 || isHelp(args[0])) {
      Help.stages(args.length == 0 ? err : out);
      return args.length == 0 ? 2 : 0;
    }
    Optional<Stage<?>> found = Stages.find(args[0]);
    if (found.isEmpty()) {
      err.println("omniprep: unknown pipeline '" + args[0] + "' (run with --help for the list)");
      return 2;
    }
    Stage<?> stage = found.get();
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    if (Arrays.stream(rest).anyMatch(Cli::isHelp)) {
      Help.options(stage, out);
      return 0;
    }
    PipelineOptions options;
    Pipeline pipeline;
    try {
      options = CliOptions.parse(stage, rest);
      FileSystems.setDefaultPipelineOptions(options);
      Preflight.check(options);
      pipeline = stage.create(options);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // A usage mistake: its message, no stack trace (a mixture YAML lists every problem, a line each).
      err.println("omniprep " + stage.name() + ": " + (e.getMessage() == null ? e : e.getMessage().strip()));
      return 2;
    }
    try {
      PipelineResult result = pipeline.run();
      PipelineResult.State state = result.waitUntilFinish();
      if (state != PipelineResult.State.DONE) {
        err.println("omniprep " + stage.name() + ": the job ended in state " + state);
        return 1;
      }
      RunSummary summary = RunSummary.of(result);
      out.print(summary.write(stage.output(options), stage.name()));
      err.println(summary.oneLine(stage.name(), stage.output(options)));
      return 0;
    } catch (RuntimeException | IOException e) {
      err.println("omniprep " + stage.name() + ": the job failed: " + firstLine(rootCause(e)));
      e.printStackTrace(err);
      return 1;
    }
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
