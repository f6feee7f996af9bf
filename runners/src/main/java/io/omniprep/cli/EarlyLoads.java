package io.omniprep.cli;

import io.omniprep.lengths.TextTokens;
import io.omniprep.options.MixtureOptions;
import io.omniprep.options.SequenceLengthOptions;
import io.omniprep.options.WebDatasetWriterOptions;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts loading what a job in this JVM will need late, as soon as the CLI has resolved its
 * arguments and before Beam parses its options and the pipeline is built, so that each load
 * overlaps the start-up (which keeps one core busy) instead of holding up the job:
 *
 * <ul>
 *   <li>{@code --tokenizer} (seconds of CPU in DJL's native parser), for a local file: other file
 *       systems are configured from the parsed options, so such a tokenizer starts loading once they
 *       are ({@link Cli}). The workers share it ({@link TextTokens} keeps one a JVM and path).
 *   <li>SQLite's native library, which the last step of a WebDataset job opens for Energon's {@code
 *       index.sqlite}: sqlite-jdbc copies it out of the jar and compares it byte for byte on first
 *       use, a few hundred milliseconds at the very end of the job otherwise.
 * </ul>
 *
 * Only for a job that runs in this JVM (embedded Flink, the DirectRunner): a job on a cluster loads
 * them on its workers.
 */
final class EarlyLoads {
  private static final Logger LOG = LoggerFactory.getLogger(EarlyLoads.class);

  private EarlyLoads() {}

  /**
   * For a stage whose options are {@code optionsClass}, given {@code args} with the runner's defaults
   * added and paths made absolute ({@link CliOptions}), as the workers will see them.
   */
  static void start(Class<?> optionsClass, List<String> args) {
    if (SequenceLengthOptions.class.isAssignableFrom(optionsClass)) {
      localTokenizer(args).ifPresent(path -> TextTokens.from(path).preload());
    }
    if (sqliteIndexHere(optionsClass, args)) {
      Thread load = new Thread(EarlyLoads::loadSqlite, "omniprep-sqlite-load");
      load.setDaemon(true);
      load.start();
    }
  }

  /** The tokenizer to load now: a local path, for a job run in this JVM. */
  static Optional<String> localTokenizer(List<String> args) {
    String tokenizer = CliOptions.valueOf(args, "tokenizer");
    if (tokenizer == null || tokenizer.isEmpty() || CliOptions.SCHEME.matcher(tokenizer).matches() || !CliOptions.runsInThisJvm(args)) {
      return Optional.empty();
    }
    return Optional.of(tokenizer);
  }

  /**
   * Whether a job in this JVM writes WebDataset shards with Energon's index (a mixture only with
   * {@code --to=webdataset}, its default).
   */
  static boolean sqliteIndexHere(Class<?> optionsClass, List<String> args) {
    if (!WebDatasetWriterOptions.class.isAssignableFrom(optionsClass) || "false".equalsIgnoreCase(CliOptions.valueOf(args, "energonIndex"))
        || !CliOptions.runsInThisJvm(args)) {
      return false;
    }
    String to = CliOptions.valueOf(args, "to");
    return !MixtureOptions.class.isAssignableFrom(optionsClass) || to == null || to.equalsIgnoreCase("webdataset");
  }

  private static void loadSqlite() {
    try {
      org.sqlite.SQLiteJDBCLoader.initialize();
    } catch (Exception | LinkageError e) {
      LOG.debug("SQLite's native library did not load early; the index step loads it itself", e);
    }
  }
}
