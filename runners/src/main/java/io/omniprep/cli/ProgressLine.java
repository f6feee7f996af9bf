package io.omniprep.cli;

import io.omniprep.metrics.Counters;
import io.omniprep.metrics.LiveCounts;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * While a job runs in this JVM (embedded Flink, the DirectRunner), how far it is, on stderr:
 * records read (of how many the boundary scan found, once it has), written and failed, the read
 * rate, the time elapsed and, with a total, the time left at that rate, from this JVM's running
 * totals of the counters ({@link LiveCounts}). On a terminal the line is redrawn every second;
 * otherwise, when asked for, printed as a plain line every 30 seconds.
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
  private final long read0 = LiveCounts.get(Counters.READ);
  private final long written0 = LiveCounts.get(Counters.WRITTEN);
  private final long failed0 = LiveCounts.get(Counters.FAILED);
  private final long planned0 = LiveCounts.get(LiveCounts.RECORDS_PLANNED);
  private final ScheduledExecutorService timer;
  private boolean closed;

  private ProgressLine(String stage, Mode mode, PrintStream err) {
    this.stage = stage;
    this.mode = mode;
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
   * with {@code --progress} when it is not, nothing by default when it is not.
   */
  static Mode mode(boolean quiet, boolean asked, boolean terminal) {
    if (quiet) {
      return Mode.OFF;
    }
    return terminal ? Mode.REDRAWN : asked ? Mode.PLAIN : Mode.OFF;
  }

  static ProgressLine start(String stage, Mode mode, PrintStream err) {
    return new ProgressLine(stage, mode, err);
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

  private synchronized void print() {
    if (closed) {
      return;
    }
    String line = text(stage, LiveCounts.get(Counters.READ) - read0, LiveCounts.get(Counters.WRITTEN) - written0,
        LiveCounts.get(Counters.FAILED) - failed0, LiveCounts.get(LiveCounts.RECORDS_PLANNED) - planned0,
        Duration.ofNanos(System.nanoTime() - startNanos));
    if (mode == Mode.REDRAWN) {
      err.print("\r" + line + CLEAR_TO_END);
      err.flush();
    } else {
      err.println(line);
    }
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
  }
}
