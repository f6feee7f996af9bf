package io.omniprep.cli;

import io.omniprep.pipelines.RunSummary;
import io.omniprep.pipelines.Stage;
import io.omniprep.pipelines.Stages;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Optional;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.apache.beam.runners.dataflow.util.DataflowTemplateJob;
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
    Secrets secrets = Secrets.in(rest);
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
      err.println(secrets.redact("omniprep " + stage.name() + ": " + (e.getMessage() == null ? e : e.getMessage().strip())));
      return 2;
    }
    try {
      PipelineResult result = pipeline.run();
      if (result instanceof DataflowTemplateJob) {
        // --templateLocation: Dataflow wrote a classic template instead of starting a job.
        err.println("omniprep " + stage.name() + ": Dataflow template written to "
            + options.as(DataflowPipelineOptions.class).getTemplateLocation());
        return 0;
      }
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
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.println(secrets.redact("omniprep " + stage.name() + ": the job failed: " + firstLine(rootCause(e))));
      err.print(secrets.redact(trace.toString()));
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
