package io.omniprep.metrics;

import org.apache.beam.sdk.metrics.Counter;

/**
 * Per-dataset counters of a mixture, named {@code dataset/<name>/<metric>} in omniprep's namespace,
 * so a summary can show where each dataset's rows went: read, bad, filtered (by rule), sampled,
 * made into records, failed.
 */
public final class DatasetCounters {
  public static final String PREFIX = "dataset/";

  /** Rows read from the dataset's files, bad rows included. */
  public static final String ROWS_READ = "rows_read";

  /** Rows that could not be read (a CSV row with the wrong cell count, malformed JSON, ...). */
  public static final String ROWS_BAD = "rows_bad";

  /** Rows dropped by a filter: {@code filtered_<rule>}, e.g. {@code filtered_aes_cutoff}. */
  public static final String FILTERED_PREFIX = "filtered_";

  /** Rows left after the filters (the length the sampling strategy sees). */
  public static final String ROWS_KEPT = "rows_kept";

  /** Samples the sampling strategy asks for: selected rows times their {@code dup} copies. */
  public static final String ROWS_SAMPLED = "rows_sampled";

  /** Records the preprocess function made. */
  public static final String RECORDS_MADE = "records_made";

  /** Rows (or copies) the preprocess function refused, and records that do not parse as samples. */
  public static final String RECORDS_FAILED = "records_failed";

  /** Samples handed on to the writer. */
  public static final String SAMPLES = "samples";

  /** Good records of a {@code speech_units:} sidecar whose id some kept row has (counted as dropped: their units join those rows). */
  public static final String UNITS_JOINED = "speech_units_joined";

  /** Good records of a {@code speech_units:} sidecar whose id no kept row has (counted as dropped). */
  public static final String UNITS_UNUSED = "speech_units_unused";

  private DatasetCounters() {}

  public static String name(String dataset, String metric) {
    return PREFIX + dataset + "/" + metric;
  }

  public static Counter of(String dataset, String metric) {
    return Counters.named(name(dataset, metric));
  }
}
