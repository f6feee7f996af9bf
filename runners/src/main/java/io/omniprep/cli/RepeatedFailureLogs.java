package io.omniprep.cli;

import java.util.Map;

/**
 * A job that fails on Flink is logged three times over, each time with the whole exception chain:
 * by the failed task ({@code BatchTask}, ERROR), by its {@code Task} (WARN, as it switches to
 * FAILED) and by Beam's {@code FlinkRunner} (ERROR), some 550 lines of stack traces on the terminal
 * before the CLI's own line that says what failed and what is left. Unless {@code --verbose}, the
 * CLI turns these three down, as it reports the same failure itself (and prints its trace with
 * {@code --verbose}). slf4j-simple reads a logger's level from the system properties when the
 * logger is made, so this runs before any Flink class is loaded.
 */
final class RepeatedFailureLogs {
  /** The loggers, and the level each keeps: the task's other errors (a task that will not stop) still show. */
  static final Map<String, String> LEVELS = Map.of(
      "org.apache.flink.runtime.operators.BatchTask", "off",
      "org.apache.flink.runtime.taskmanager.Task", "error",
      "org.apache.beam.runners.flink.FlinkRunner", "off");

  private RepeatedFailureLogs() {}

  static void quietUnless(boolean verbose) {
    if (!verbose) {
      LEVELS.forEach((logger, level) -> System.setProperty("org.slf4j.simpleLogger.log." + logger, level));
    }
  }
}
