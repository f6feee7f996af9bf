package io.omniprep.cli;

import io.omniprep.metrics.Counters;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where the progress line reads how far a running job is: this JVM's running totals, a Flink
 * cluster's REST API, or the job's own metrics (Dataflow). A remote source is asked at most every
 * {@link #REMOTE_POLL_EVERY}, a request to a service the job does not wait for.
 */
interface JobCounts {
  Duration REMOTE_POLL_EVERY = Duration.ofSeconds(3);

  /** The counts so far; empty while none can be read (the job not submitted yet, the service not answering). */
  Optional<Counts> now();

  /** How long the counts may be reused before asking again. */
  default Duration pollEvery() {
    return REMOTE_POLL_EVERY;
  }

  /** A job's counts: records read, written and failed, and the records its boundary scan found (0: not known). */
  record Counts(long read, long written, long failed, long planned) {
    static final Counts NONE = new Counts(0, 0, 0, 0);

    /** From counter totals by name, omniprep's and its progress namespace's together. */
    static Counts of(Map<String, Long> byName) {
      return new Counts(byName.getOrDefault(Counters.READ, 0L), byName.getOrDefault(Counters.WRITTEN, 0L),
          byName.getOrDefault(Counters.FAILED, 0L), byName.getOrDefault(Counters.PLANNED, 0L));
    }
  }
}
