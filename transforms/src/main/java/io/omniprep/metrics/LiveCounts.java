package io.omniprep.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.MetricName;

/**
 * Running totals of omniprep's counters in this JVM, for the command line's progress line: Beam's
 * own metrics of an embedded Flink job are read only once it has ended. Counts made in other JVMs
 * (a Flink cluster's, Dataflow's workers) are not seen here; a retried bundle's are counted again,
 * as attempted metrics are.
 */
public final class LiveCounts {
  private static final ConcurrentHashMap<String, LongAdder> TOTALS = new ConcurrentHashMap<>();

  private LiveCounts() {}

  /** The total of a counter so far in this JVM (all jobs it ran). */
  public static long get(String name) {
    LongAdder total = TOTALS.get(name);
    return total == null ? 0 : total.sum();
  }

  /** {@code counter}, also adding to this JVM's running total of its name. */
  static Counter tallied(Counter counter) {
    return new Tallied(counter);
  }

  private static final class Tallied implements Counter {
    private static final long serialVersionUID = 1L;
    private final Counter counter;
    private final String name;
    private transient LongAdder total; // this JVM's, found on first use (a deserialized copy has none)

    Tallied(Counter counter) {
      this.counter = counter;
      this.name = counter.getName().getName();
    }

    @Override
    public void inc() {
      inc(1);
    }

    @Override
    public void inc(long n) {
      counter.inc(n);
      if (total == null) {
        total = TOTALS.computeIfAbsent(name, k -> new LongAdder());
      }
      total.add(n);
    }

    @Override
    public void dec() {
      inc(-1);
    }

    @Override
    public void dec(long n) {
      inc(-n);
    }

    @Override
    public MetricName getName() {
      return counter.getName();
    }
  }
}
