package io.omniprep.cli;

import io.omniprep.lengths.TextTokens;
import io.omniprep.options.SequenceLengthOptions;
import java.util.List;
import java.util.Optional;

/**
 * Starts loading {@code --tokenizer} (seconds of CPU in DJL's native parser) as soon as the CLI's
 * arguments are resolved, before Beam parses and validates its options and the pipeline is built, so
 * that the load overlaps all of the start-up instead of its end. Only for a job that runs in this JVM
 * (embedded Flink, the DirectRunner), whose workers share the loaded tokenizer ({@link TextTokens}
 * keeps one a JVM and path), and only for a local file: other file systems are configured from the
 * parsed options, so such a tokenizer starts loading once they are ({@link Cli}). A job on a cluster
 * loads it on its workers.
 */
final class EarlyTokenizerLoad {
  private EarlyTokenizerLoad() {}

  /**
   * For a stage whose options are {@code optionsClass}, given {@code args} with the runner's defaults
   * added and paths made absolute ({@link CliOptions}), as the workers will see them.
   */
  static void start(Class<?> optionsClass, List<String> args) {
    if (SequenceLengthOptions.class.isAssignableFrom(optionsClass)) {
      localTokenizer(args).ifPresent(path -> TextTokens.from(path).preload());
    }
  }

  /** The tokenizer to load now: a local path, for a job run in this JVM. */
  static Optional<String> localTokenizer(List<String> args) {
    String tokenizer = CliOptions.valueOf(args, "tokenizer");
    if (tokenizer == null || tokenizer.isEmpty() || CliOptions.SCHEME.matcher(tokenizer).matches() || !runsHere(args)) {
      return Optional.empty();
    }
    return Optional.of(tokenizer);
  }

  private static boolean runsHere(List<String> args) {
    String runner = CliOptions.valueOf(args, "runner");
    if (runner == null) {
      return false; // the runner's defaults name it
    }
    if (runner.equalsIgnoreCase("DirectRunner") || runner.equalsIgnoreCase("direct")) {
      return true;
    }
    boolean flink = runner.equalsIgnoreCase("FlinkRunner") || runner.equalsIgnoreCase("flink");
    return flink && "[local]".equals(CliOptions.valueOf(args, "flinkMaster"));
  }
}
