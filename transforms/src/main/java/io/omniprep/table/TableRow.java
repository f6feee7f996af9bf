package io.omniprep.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One row of a table (a CSV line, a Parquet row, a JSON record) with where it came from.
 *
 * <ul>
 *   <li>{@code source}, {@code position}: the file and the 0-based row index within it, as errors
 *       quote them;
 *   <li>{@code index}: the row index across all files of the dataset, files taken in name order
 *       (equal to {@code position} for a one-file dataset);
 *   <li>{@code filteredIndex}: the index among the rows that passed the dataset's filters. Sampling
 *       strategies count in this index, because the reference resets its index after filtering;
 *   <li>{@code copies}: how many samples the sampling strategy makes of this row ({@code dup:N});
 *   <li>{@code values}: column name to value, in column order. Treat as read-only: rows are shared
 *       between steps, so copy before changing.
 * </ul>
 */
@DefaultCoder(TableRowCoder.class)
public final class TableRow implements Serializable {
  private final String source;
  private final long position;
  private final long index;
  private final long filteredIndex;
  private final int copies;
  private final ObjectNode values;

  public TableRow(
      String source, long position, long index, long filteredIndex, int copies, ObjectNode values) {
    this.source = Objects.requireNonNull(source, "source");
    this.position = position;
    this.index = index;
    this.filteredIndex = filteredIndex;
    this.copies = copies;
    this.values = Objects.requireNonNull(values, "values");
  }

  /** A row as one file's reader sees it: indexes local to the file, one copy. */
  public static TableRow inFile(
      String source, long position, long filteredPosition, ObjectNode values) {
    return new TableRow(source, position, position, filteredPosition, 1, values);
  }

  public String source() {
    return source;
  }

  public long position() {
    return position;
  }

  public long index() {
    return index;
  }

  public long filteredIndex() {
    return filteredIndex;
  }

  public int copies() {
    return copies;
  }

  public ObjectNode values() {
    return values;
  }

  /** The row's {@code id} as JSON text, as failure records carry it; null without one. */
  public @Nullable String idJson() {
    return idJson(values);
  }

  /** The {@code id} of a row's values as JSON text; null without one. */
  public static @Nullable String idJson(ObjectNode values) {
    JsonNode id = values.get("id");
    return id == null || id.isNull() ? null : id.toString();
  }

  /** The row with its file-local indexes shifted by the rows (and kept rows) of earlier files. */
  public TableRow shifted(long rowOffset, long filteredOffset) {
    return new TableRow(
        source, position, index + rowOffset, filteredIndex + filteredOffset, copies, values);
  }

  public TableRow withCopies(int copies) {
    return new TableRow(source, position, index, filteredIndex, copies, values);
  }

  /** The values as one line of JSON, for error reports. */
  public String text() {
    return TableJson.toText(values);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof TableRow)) {
      return false;
    }
    TableRow r = (TableRow) o;
    return source.equals(r.source)
        && position == r.position
        && index == r.index
        && filteredIndex == r.filteredIndex
        && copies == r.copies
        && values.equals(r.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, position, index, filteredIndex, copies);
  }

  @Override
  public String toString() {
    return "TableRow{"
        + source
        + "#"
        + position
        + ", index="
        + index
        + ", filtered="
        + filteredIndex
        + (copies == 1 ? "" : ", copies=" + copies)
        + ", "
        + text()
        + "}";
  }
}
