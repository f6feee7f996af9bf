package io.omniprep.cli;

import io.omniprep.lengths.TextTokens;
import io.omniprep.options.SequenceLengthOptions;
import io.omniprep.pipelines.FinalOutputs;
import io.omniprep.pipelines.RunSummary;
import io.omniprep.pipelines.Stage;
import io.omniprep.pipelines.Stages;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.apache.beam.runners.dataflow.util.DataflowTemplateJob;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Parses the command line, runs one stage, prints and writes its summary. */
final class Cli {
  private final PrintStream out;
  private final PrintStream err;

  Cli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /**
   * Where Dataflow writes a template instead of running (--templateLocation), null for other runners:
   * viewing the options as Dataflow's validates that large interface, about a second of start-up.
   */
  private static @Nullable String templateLocation(PipelineOptions options) {
    return options.getRunner().getSimpleName().equals("DataflowRunner")
        ? options.as(DataflowPipelineOptions.class).getTemplateLocation()
        : null;
  }

  int run(String[] args) {
    List<String> given = Arrays.asList(args);
    boolean verbose = given.contains("--verbose");
    RepeatedFailureLogs.quietUnless(verbose);
    ProgressLine.Mode progress = ProgressLine.mode(given.contains("--quiet"), Boolean.getBoolean("omniprep.stderr.tty"));
    args = Arrays.stream(args).filter(a -> !List.of("--verbose", "--quiet").contains(a)).toArray(String[]::new);
    if (Arrays.asList(args).contains("--version")) {
      out.print(Version.text());
      return 0;
    }
    if (args.length == 0 || isHelp(args[0])) {
      Help.stages(args.length == 0 ? err : out);
      return args.length == 0 ? 2 : 0;
    }
    Optional<Stage<?>> found = Stages.find(args[0]);
    if (found.isEmpty()) {
      err.println(unknownPipeline(args[0]));
      return 2;
    }
    Stage<?> stage = found.get();
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    Secrets secrets = Secrets.in(rest);
    PipelineOptions options;
    Pipeline pipeline;
    MadeFolder made = MadeFolder.NONE;
    try {
      if (Arrays.stream(rest).noneMatch(Arguments::isHelp)) {
        WarmUp.construction();
      }
      Arguments arguments = Arguments.parse(stage.name(), rest, OptionCatalog.of(stage.optionsClass()));
      if (arguments.help()) {
        Help.options(stage, out);
        return 0;
      }
      options = CliOptions.parse(stage, arguments.options(), note -> err.println("omniprep " + stage.name() + ": " + note));
      FileSystems.setDefaultPipelineOptions(options);
      if (runsHere(options)) {
        preloadTokenizer(options);
      }
      made = Preflight.check(options);
      pipeline = stage.create(options);
      if (CliOptions.jarOnCluster(arguments.options())) {
        ClusterBuildCheck.addTo(pipeline);
      }
      if (options.getRunner().getSimpleName().equals("DirectRunner")) {
        WarmUp.invokers(pipeline);
      }
    } catch (Preflight.Unreachable e) {
      err.println(secrets.redact("omniprep " + stage.name() + ": " + e.getMessage() + " (nothing was run)"));
      if (verbose) {
        err.print(secrets.redact(stackTrace(e)));
      }
      return 1;
    } catch (IllegalArgumentException | IllegalStateException e) {
      // A usage mistake: one line, ours or the first of Beam's (a mixture YAML lists every problem,
      // a line each); the stack trace only with --verbose.
      made.removeIfNothingWritten();
      String message = e.getMessage() == null ? e.toString() : e instanceof UsageError ? e.getMessage() : usageMessage(e);
      err.println(secrets.redact("omniprep " + stage.name() + ": " + message));
      if (verbose) {
        err.print(secrets.redact(stackTrace(e)));
      }
      return 2;
    }
    FinalOutputs finals = FinalOutputs.of(stage.name(), options);
    InterruptNotice interrupt = new InterruptNotice(err);
    try (ProgressLine line = ProgressLine.start(stage.name(), progress, countsWhileRunning(options), err)) {
      String template = templateLocation(options);
      if (template == null) {
        finals.delete(); // a template runs later: the output is not this command's to clear
        interrupt.arm(() -> {
          line.close();
          return secrets.redact("omniprep " + stage.name() + ": interrupted" + incomplete(finals) + "; " + finals.rerun());
        });
      }
      PipelineResult result = pipeline.run();
      if (result instanceof DataflowTemplateJob) {
        // --templateLocation: Dataflow wrote a classic template instead of starting a job.
        err.println("omniprep " + stage.name() + ": Dataflow template written to " + template);
        return 0;
      }
      if (!result.getState().isTerminal()) {
        line.follow(new MetricsJobCounts(result)); // Dataflow: run() submitted the job, whose metrics answer while it runs
      }
      PipelineResult.State state = result.waitUntilFinish();
      line.close();
      if (state != PipelineResult.State.DONE) {
        err.println("omniprep " + stage.name() + ": the job ended in state " + state + failed(finals, made));
        return 1;
      }
      RunSummary summary = RunSummary.of(result);
      out.print(summary.write(stage.output(options), stage.name()));
      err.println(summary.oneLine(stage.name(), stage.output(options)));
      Optional<String> nothing = NothingWritten.explain(summary, stage.output(options));
      nothing.ifPresent(why -> err.println("omniprep " + stage.name() + ": " + why));
      return nothing.isPresent() ? 1 : 0;
    } catch (RuntimeException | IOException e) {
      if (interrupt.fired()) {
        return 1; // the job failed because the JVM is going down: the notice said what happens next
      }
      err.println(secrets.redact("omniprep " + stage.name() + ": the job failed: " + describe(rootCause(e))
          + otherClusterClasses(rootCause(e), given) + failed(finals, made)
          + (verbose ? "" : " (--verbose shows where)")));
      if (verbose) {
        err.print(secrets.redact(stackTrace(e)));
      }
      return 1;
    } finally {
      interrupt.disarm();
    }
  }

  /**
   * A job in this JVM finds its {@code --tokenizer} loaded or loading: the seconds a load takes pass
   * while the pipeline is built, the runner starts and the input is planned, not while the first
   * samples wait for it. A local file started loading earlier still ({@link EarlyLoads}); a
   * {@code gs://} or {@code s3://} one can be read once the file systems know the options.
   */
  private static void preloadTokenizer(PipelineOptions options) {
    if (options instanceof SequenceLengthOptions lengths && lengths.getTokenizer() != null && !lengths.getTokenizer().isEmpty()) {
      TextTokens.from(lengths.getTokenizer()).preload();
    }
  }

  /**
   * Where the progress line reads a job's counts while {@code run()} waits for it: this JVM's for a
   * job in it, the cluster's REST API for one on a Flink cluster; otherwise none (a runner whose
   * {@code run()} returns at once, Dataflow's, answers for its job itself).
   */
  private static @Nullable JobCounts countsWhileRunning(PipelineOptions options) {
    if (runsHere(options)) {
      return new LocalJobCounts();
    }
    if (options.getRunner().getSimpleName().equals("FlinkRunner")) {
      return FlinkRest.of(options.as(FlinkPipelineOptions.class).getFlinkMaster())
          .map(rest -> new FlinkJobCounts(rest, options.getJobName()))
          .orElse(null);
    }
    return null;
  }

  /** Whether the job's records are counted in this JVM (embedded Flink, the DirectRunner), so that a progress line can tell them. */
  private static boolean runsHere(PipelineOptions options) {
    String runner = options.getRunner().getSimpleName();
    return CliOptions.runsInThisJvm(runner, runner.equals("FlinkRunner") ? options.as(FlinkPipelineOptions.class).getFlinkMaster() : null);
  }

  /**
   * After a failed job: once its work in this JVM has stopped ({@link RunnerWork}), so that no late
   * writer re-creates them, deletes the files that would make its output look complete, and the
   * output folder the CLI made if the job wrote nothing in it; says what is left.
   */
  private static String failed(FinalOutputs finals, MadeFolder made) {
    RunnerWork.awaitStopped(RunnerWork.AT_MOST);
    String left = incomplete(finals);
    return made.removeIfNothingWritten() ? "; nothing was written: the output folder made for the job is removed" : left;
  }

  /**
   * Deletes the files that would make a failed job's output look complete, and says so: what is
   * left is partial (a rerun resumes from it).
   */
  private static String incomplete(FinalOutputs finals) {
    try {
      finals.delete();
      return "; the output is incomplete: " + finals.describe() + " not written; " + finals.describePartial()
          + " (kept for a rerun to resume)";
    } catch (IOException | RuntimeException e) {
      return "; the output is incomplete, and " + finals.describe() + " could not be deleted (" + e.getMessage() + "): do not use it";
    }
  }

  /**
   * With {@code --jarOnCluster}, a class the cluster lacks or has in another shape means a cluster jar
   * of another build (one older than the build check, or one that fails before the check can run).
   */
  static String otherClusterClasses(Throwable cause, List<String> args) {
    boolean classes = cause instanceof ClassNotFoundException || cause instanceof NoClassDefFoundError
        || cause instanceof java.io.InvalidClassException;
    return classes && CliOptions.jarOnCluster(args)
        ? " (omniprep-cluster.jar on the cluster is likely from another build. " + BuildId.REMEDY + ")"
        : "";
  }

  private static boolean isHelp(String arg) {
    return Arguments.isHelp(arg) || arg.equals("help");
  }

  private static String unknownPipeline(String name) {
    if (name.startsWith("-")) {
      return "omniprep: the pipeline comes first, as in omniprep PIPELINE --option=value ... (omniprep --help lists them)";
    }
    List<String> names = Stages.all().stream().map(Stage::name).toList();
    String near = Suggestions.didYouMean(name, names, "");
    return "omniprep: unknown pipeline '" + name + "'" + (near.isEmpty() ? " (run with --help for the list)" : near);
  }

  /**
   * A mistake that Beam or a pipeline found, in one line: a multi-line message is cut to its first
   * non-blank line, and so is a parser's report of where in its input it stopped.
   */
  static String usageMessage(Throwable e) {
    String message = e.getMessage().strip();
    if (message.contains("\n")) {
      boolean listsProblems = message.lines().skip(1).allMatch(l -> l.isBlank() || l.startsWith("  ") || l.startsWith("- "));
      if (!listsProblems) {
        message = message.lines().filter(l -> !l.isBlank()).findFirst().orElse(message);
      }
    }
    int source = message.indexOf(" at [Source:");
    return source > 0 ? message.substring(0, source).strip() : message;
  }

  private static String stackTrace(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * The cause in words: a file system failure names what went wrong with the path (its message is
   * often the path alone), anything else its first line.
   */
  static String describe(Throwable e) {
    String what =
        e instanceof java.nio.file.AccessDeniedException ? "permission denied: "
            : e instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way of a folder or file to create: "
            : e instanceof java.nio.file.NoSuchFileException ? "no such file or folder: "
            : e instanceof java.nio.file.NotDirectoryException ? "not a folder: "
            : e instanceof java.nio.file.FileSystemException ? "file system error: "
            : "";
    return what + firstLine(e);
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
