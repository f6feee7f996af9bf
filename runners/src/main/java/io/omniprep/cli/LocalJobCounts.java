package io.omniprep.cli;

import io.omniprep.metrics.Counters;
import io.omniprep.metrics.LiveCounts;
import java.time.Duration;
import java.util.Optional;

/**
 * The counts of a job that runs in this JVM (embedded Flink, the DirectRunner): this JVM's running
 * totals ({@link LiveCounts}) since the job started, read without a request, so at every redraw.
 */
final class LocalJobCounts implements JobCounts {
  private final Counts start = totals();

  @Override
  public Optional<Counts> now() {
    Counts now = totals();
    return Optional.of(new Counts(now.read() - start.read(), now.written() - start.written(), now.failed() - start.failed(),
        now.planned() - start.planned()));
  }

  @Override
  public Duration pollEvery() {
    return Duration.ZERO;
  }

  private static Counts totals() {
    return new Counts(LiveCounts.get(Counters.READ), LiveCounts.get(Counters.WRITTEN), LiveCounts.get(Counters.FAILED),
        LiveCounts.get(Counters.PLANNED));
  }
}
