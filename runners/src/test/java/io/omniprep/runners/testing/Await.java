package io.omniprep.runners.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waiting for another process to reach a state: polls a condition until it holds or a deadline passes. */
public final class Await {
  private Await() {}

  /** Polls every 200 ms. */
  public static void until(Duration timeout, String what, Callable<Boolean> condition) throws InterruptedException {
    until(timeout, Duration.ofMillis(200), what, condition);
  }

  public static void until(Duration timeout, Duration every, String what, Callable<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        if (condition.call()) {
          return;
        }
      } catch (InterruptedException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("while waiting for " + what, e);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up after " + timeout + " waiting for " + what);
      }
      Thread.sleep(every.toMillis());
    }
  }
}
