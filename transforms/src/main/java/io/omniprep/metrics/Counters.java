package io.omniprep.metrics;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The Beam metric names every stage counts under, read back into the run summary. A record is
 * counted once as read and once as written, failed or dropped; stages that make several records of
 * one (a mixture's {@code dup:N}, a preprocess function's outputs) count the extra ones as created,
 * so that read + created = written + failed + dropped. Dropped records are the ones a mixture
 * filters out or does not sample, and the good records of a speech units sidecar (their units join
 * rows, they are not records of their own): not bad input, so not in the errors output.
 */
public final class Counters {
  public static final String NAMESPACE = "omniprep";
  public static final String READ = "records_read";
  public static final String WRITTEN = "records_written";
  public static final String FAILED = "records_failed";
  public static final String FAILED_PREFIX = "failed_";
  public static final String DUPLICATE_IDS = "duplicate_ids";
  public static final String CREATED = "records_created";
  public static final String DROPPED = "records_dropped";
  /**
   * Counters for the progress line only, kept out of the summary: a Beam counter rather than a
   * count in this JVM, so that a cluster's or Dataflow's running job reports it too.
   */
  public static final String PROGRESS_NAMESPACE = "omniprep_progress";
  /** Records the boundary scan found (the progress line's total); a retried scan counts again. */
  public static final String PLANNED = "records_planned";

  private Counters() {}

  public static Counter read() {
    return LiveCounts.tallied(Metrics.counter(NAMESPACE, READ));
  }

  public static Counter written() {
    return LiveCounts.tallied(Metrics.counter(NAMESPACE, WRITTEN));
  }

  public static Counter failed() {
    return LiveCounts.tallied(Metrics.counter(NAMESPACE, FAILED));
  }

  /** Failures of one reason, by its code ({@code Reason.code()}: metrics need not know the errors package). */
  public static Counter failed(String reasonCode) {
    return Metrics.counter(NAMESPACE, FAILED_PREFIX + reasonCode);
  }

  /** Records made beyond the one each input record stands for. */
  public static Counter created() {
    return LiveCounts.tallied(Metrics.counter(NAMESPACE, CREATED));
  }

  /** Records left out on purpose (filtered, not sampled), as opposed to failed. */
  public static Counter dropped() {
    return LiveCounts.tallied(Metrics.counter(NAMESPACE, DROPPED));
  }

  /** In {@link #PROGRESS_NAMESPACE}: records the boundary scan found, for the time left. */
  public static Counter planned() {
    return LiveCounts.tallied(Metrics.counter(PROGRESS_NAMESPACE, PLANNED));
  }

  public static Counter duplicateIds() {
    return Metrics.counter(NAMESPACE, DUPLICATE_IDS);
  }

  /** A free-form counter in omniprep's namespace (e.g. per dataset, or bytes written). */
  public static Counter named(String name) {
    return LiveCounts.tallied(Metrics.counter(NAMESPACE, name));
  }
}
