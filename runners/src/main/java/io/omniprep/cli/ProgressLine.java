package io.omniprep.cli;

import io.omniprep.cli.JobCounts.Counts;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * While a job runs, how far it is, on stderr: records read (of how many the boundary scan found,
 * once it has), written and failed, the read rate, the time elapsed and, with a total, the time
 * left at that rate, from the job's counts wherever they are kept ({@link JobCounts}). On a
 * terminal the line is redrawn every second; otherwise, when asked for, printed as a plain line
 * every 30 seconds. Nothing is printed while there is nothing to read the counts from.
 */
final class ProgressLine implements AutoCloseable {
  enum Mode {
    OFF,
    REDRAWN,
    PLAIN
  }

  static final Duration REDRAW_EVERY = Duration.ofSeconds(1);
  static final Duration PLAIN_EVERY = Duration.ofSeconds(30);
  private static final String CLEAR_TO_END = "\033[K";

  private final String stage;
  private final Mode mode;
  private final PrintStream err;
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService timer;
  private @Nullable JobCounts source;
  private Counts last = Counts.NONE; // the timer thread's, like polledNanos
  private long polledNanos;
  private boolean closed;
  /** What drawing has cost so far, for {@code -Domniprep.progress.cost=true} (the benchmark): lines, and its thread's CPU. */
  private volatile long drawn;
  private volatile long drawingCpuNanos;

  private ProgressLine(String stage, Mode mode, @Nullable JobCounts source, PrintStream err) {
    this.stage = stage;
    this.mode = mode;
    this.source = source;
    this.err = err;
    if (mode == Mode.OFF) {
      timer = null;
      return;
    }
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "omniprep-progress");
      t.setDaemon(true);
      return t;
    });
    long every = (mode == Mode.REDRAWN ? REDRAW_EVERY : PLAIN_EVERY).toMillis();
    timer.scheduleAtFixedRate(this::print, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * The mode the command line asks for: none with {@code --quiet}; otherwise a redrawn line when
   * stderr is a terminal (the launcher tells, {@code -Domniprep.stderr.tty=true}), plain lines
   * every {@link #PLAIN_EVERY} when it is not (a log).
   */
  static Mode mode(boolean quiet, boolean terminal) {
    if (quiet) {
      return Mode.OFF;
    }
    return terminal ? Mode.REDRAWN : Mode.PLAIN;
  }

  /** A line that reads {@code source}, or nothing until {@link #follow} names one (null). */
  static ProgressLine start(String stage, Mode mode, @Nullable JobCounts source, PrintStream err) {
    return new ProgressLine(stage, mode, source, err);
  }

  /** From now on reads {@code counts}: a job whose counts can be read only once it was submitted. */
  synchronized void follow(JobCounts counts) {
    source = counts;
  }

  /**
   * The line for the counts so far; {@code total} is the records the input holds (0: not known yet,
   * or an input without a boundary scan). The time left assumes the rate so far.
   */
  static String text(String stage, long read, long written, long failed, long total, Duration elapsed) {
    double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
    double rate = read / seconds;
    String of = total > 0 ? String.format(Locale.ROOT, " of %,d", total) : "";
    String left = total > read && read > 0 ? ", " + minutes(Math.round((total - read) / rate)) + " left" : "";
    return String.format(Locale.ROOT, "omniprep %s: read %,d%s, written %,d, failed %,d (%,.0f records/s, %s elapsed%s)",
        stage, read, of, written, failed, rate, minutes(elapsed.toSeconds()), left);
  }

  private static String minutes(long seconds) {
    return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }

  /** On the timer's thread; a remote source is asked outside the lock, so that closing never waits for it. */
  private void print() {
    JobCounts from;
    synchronized (this) {
      if (closed || source == null) {
        return;
      }
      from = source;
    }
    long now = System.nanoTime();
    if (polledNanos == 0 || now - polledNanos >= from.pollEvery().toNanos()) {
      polledNanos = now;
      last = from.now().orElse(last);
    }
    String line = text(stage, last.read(), last.written(), last.failed(), last.planned(), Duration.ofNanos(now - startNanos));
    synchronized (this) {
      if (closed) {
        return;
      }
      if (mode == Mode.REDRAWN) {
        err.print("\r" + line + CLEAR_TO_END);
        err.flush();
      } else {
        err.println(line);
      }
      drawn++;
    }
    drawingCpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  /** Stops; a redrawn line is cleared, so that the summary takes its place. */
  @Override
  public synchronized void close() {
    if (timer == null || closed) {
      return;
    }
    closed = true;
    timer.shutdownNow();
    if (mode == Mode.REDRAWN) {
      err.print("\r" + CLEAR_TO_END);
      err.flush();
    }
    if (Boolean.getBoolean("omniprep.progress.cost")) {
      err.printf(Locale.ROOT, "progress line cost: %d lines drawn, %d ms CPU on its thread%n", drawn, drawingCpuNanos / 1_000_000);
    }
  }
}
