package io.omniprep.table;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The row counts of a dataset's files, in file-name order, and the offsets they give: a row's index
 * across the dataset is its position plus the rows of the files before its own. Small: one entry
 * per file.
 */
public final class TableCounts implements Serializable {
  private final List<FileCount> files;
  private final Map<String, long[]> offsets = new HashMap<>();
  private final long rows;
  private final long kept;

  /** Counts of the files, in any order. */
  public TableCounts(List<FileCount> files) {
    List<FileCount> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparing(FileCount::source));
    this.files = List.copyOf(sorted);
    long rowOffset = 0;
    long keptOffset = 0;
    for (FileCount f : this.files) {
      if (offsets.put(f.source(), new long[] {rowOffset, keptOffset}) != null) {
        throw new IllegalArgumentException("file counted twice: " + f.source());
      }
      rowOffset += f.rows();
      keptOffset += f.kept();
    }
    this.rows = rowOffset;
    this.kept = keptOffset;
  }

  public List<FileCount> files() {
    return files;
  }

  /** All rows read, bad ones included. */
  public long rows() {
    return rows;
  }

  /** The rows that passed the filters: the length sampling strategies see. */
  public long kept() {
    return kept;
  }

  /** A row numbered within its file, numbered across the dataset instead. */
  public TableRow number(TableRow row) {
    long[] offset = offsets.get(row.source());
    if (offset == null) {
      throw new IllegalStateException("no row count for " + row.source());
    }
    return row.shifted(offset[0], offset[1]);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TableCounts && files.equals(((TableCounts) o).files);
  }

  @Override
  public int hashCode() {
    return files.hashCode();
  }

  @Override
  public String toString() {
    return "TableCounts" + files;
  }

  /** Deterministic coder: the sorted file counts. */
  public static final class Coder extends CustomCoder<TableCounts> {
    private static final Coder INSTANCE = new Coder();
    private static final ListCoder<FileCount> FILES = ListCoder.of(FileCount.Coder.of());

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(TableCounts counts, OutputStream out) throws IOException {
      FILES.encode(counts.files, out);
    }

    @Override
    public TableCounts decode(InputStream in) throws IOException {
      return new TableCounts(FILES.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
