package io.omniprep.cli;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a failed job's work in this JVM to stop, before the CLI deletes its final outputs: the
 * DirectRunner reports a failure while other bundles of the job may still be running on its
 * workers, and one of them could re-create a final output after the CLI deleted it. Its failed
 * executor stops taking work, so its worker threads ({@code direct-runner-worker}) end once their
 * bundles do. Embedded Flink reports a failure only once every task has ended.
 */
final class RunnerWork {
  /** A bundle stuck for longer than this is not waited for (a hung read, say): the CLI goes on. */
  static final Duration AT_MOST = Duration.ofMinutes(1);
  private static final String DIRECT_RUNNER_WORKER = "direct-runner-worker";

  private RunnerWork() {}

  /** Returns once no DirectRunner worker thread is alive in this JVM, or after {@code atMost}. */
  static void awaitStopped(Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    try {
      for (Thread thread : Thread.getAllStackTraces().keySet()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        if (thread.getName().startsWith(DIRECT_RUNNER_WORKER) && thread != Thread.currentThread()) {
          thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
