package io.omniprep.cli;

import java.io.PrintStream;

/**
 * {@code java -jar omniprep.jar PIPELINE --option=value ...}: the single entry point. Exits 0 when
 * the job finished (records that failed are in OUTPUT/_errors/, not a job failure), 1 when the job
 * failed or wrote no record because every one failed ({@link NothingWritten}), 2 for a usage mistake (unknown pipeline or option, missing input).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(new Cli(System.out, System.err).run(args));
  }

  /** For tests: runs the CLI with the given streams and returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return new Cli(out, err).run(args);
  }
}
