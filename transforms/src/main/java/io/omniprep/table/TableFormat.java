package io.omniprep.table;

import java.util.Locale;
import java.util.Optional;

/** The table file formats a dataset can come in, told apart by file extension. */
public enum TableFormat {
  /** Comma-separated values with a header line; every value is read as a string. */
  CSV,
  /** Apache Parquet, as pandas, pyarrow and Hugging Face {@code datasets} write it. */
  PARQUET,
  /** A JSON array of records, or records one after another. */
  JSON,
  /** One JSON record per line. */
  JSONL;

  /**
   * The format of a file name or glob by its extension ({@code .csv}, {@code .parquet}, {@code
   * .json}, {@code .jsonl} / {@code .ndjson}); a compression suffix ({@code .gz}, {@code .bz2},
   * {@code .zst}, {@code .deflate}) after a text format is allowed.
   */
  public static Optional<TableFormat> ofPath(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".parquet")) {
      return Optional.of(PARQUET);
    }
    String name = lower.replaceAll("\\.(gz|bz2|zst|deflate)$", "");
    if (name.endsWith(".csv")) {
      return Optional.of(CSV);
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return Optional.of(JSONL);
    }
    if (name.endsWith(".json")) {
      return Optional.of(JSON);
    }
    return Optional.empty();
  }
}
