package io.omniprep.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Ctrl-C (SIGINT, or a SIGTERM) while a job runs ends the JVM through its shutdown hooks: armed for
 * the job's duration, this one prints what the output now is and what running the same command
 * again will do. Disarmed once the job has ended, so a normal exit prints nothing.
 */
final class InterruptNotice {
  private final PrintStream err;
  private final AtomicBoolean fired = new AtomicBoolean();
  private Thread hook;

  InterruptNotice(PrintStream err) {
    this.err = err;
  }

  /** From now until {@link #disarm}, an interrupt prints {@code message}'s line. */
  void arm(Supplier<String> message) {
    hook = new Thread(() -> {
      fired.set(true);
      err.println(message.get());
      err.flush();
    }, "omniprep-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Whether the JVM is going down by an interrupt: the job's own failure is not news then. */
  boolean fired() {
    return fired.get();
  }

  void disarm() {
    if (hook == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook has run or is running: nothing to undo
    }
    hook = null;
  }
}
