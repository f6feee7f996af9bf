package io.omniprep.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import io.omniprep.metrics.Counters;
import io.omniprep.metrics.DatasetCounters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The rows of one table file as they arrive, in file order: numbered, their columns selected,
 * filtered and (unless only counting) counted, the kept ones and the bad ones handed to a {@link
 * Receiver}. Reading a file in one pass is what numbers its rows: the position of a row, and its
 * index among the rows the filter keeps, are only known in file order.
 */
public final class FilteredRows implements RowSink {
  static final String STAGE = "read";

  /** Where the kept rows (numbered within the file) and the bad rows go. */
  public interface Receiver {
    void kept(TableRow row);

    void failed(FailedRecord failure);
  }

  private final String source;
  private final @Nullable List<String> columns;
  private final RowFilter filter;
  private final @Nullable String dataset;
  private final boolean counted;
  private final Receiver receiver;
  private long position;
  private long kept;

  private FilteredRows(String source, @Nullable List<String> columns, RowFilter filter, @Nullable String dataset,
      boolean counted, Receiver receiver) {
    this.source = source;
    this.columns = columns;
    this.filter = filter;
    this.dataset = dataset;
    this.counted = counted;
    this.receiver = receiver;
  }

  /**
   * Reads {@code file} ({@code format}, or told by its name when null) into {@code receiver}; with
   * {@code counted}, every row also counts in the run's and (with a name) the dataset's counters.
   * A file whose format cannot be told is one bad row.
   */
  public static FilteredRows read(MatchResult.Metadata file, @Nullable TableFormat format, @Nullable List<String> columns,
      RowFilter filter, @Nullable String dataset, boolean counted, Receiver receiver) throws IOException {
    FilteredRows rows = new FilteredRows(file.resourceId().toString(), columns, filter, dataset, counted, receiver);
    TableFormat fileFormat = format != null ? format : TableFormat.ofPath(rows.source).orElse(null);
    if (fileFormat == null) {
      rows.badRow(Reason.BAD_ROW, "cannot tell the table format from the file name; use .csv, .parquet, .json or .jsonl", "");
    } else {
      TableFiles.read(file, fileFormat, columns, false, rows);
    }
    return rows;
  }

  /** The file's rows and how many of them the filter kept, as read so far. */
  public FileCount count() {
    return new FileCount(source, position, kept);
  }

  @Override
  public void row(ObjectNode values) {
    count(null);
    try {
      ObjectNode selected = select(values);
      String rule = filter.rejects(selected);
      if (rule != null) {
        count(DatasetCounters.FILTERED_PREFIX + rule);
        if (counted) {
          Counters.dropped().inc();
        }
      } else {
        count(DatasetCounters.ROWS_KEPT);
        receiver.kept(TableRow.inFile(source, position, kept++, selected));
      }
    } catch (BadRowException e) {
      fail(Reason.BAD_ROW, e.getMessage(), TableJson.toText(values), TableRow.idJson(values));
    }
    position++;
  }

  @Override
  public void badRow(Reason reason, String message, String text) {
    count(null);
    fail(reason, message, text, null);
    position++;
  }

  /** A row read ({@code metric} null) or a dataset counter. */
  private void count(@Nullable String metric) {
    if (!counted) {
      return;
    }
    if (metric == null) {
      Counters.read().inc();
      metric = DatasetCounters.ROWS_READ;
    }
    if (dataset != null) {
      DatasetCounters.of(dataset, metric).inc();
    }
  }

  private void fail(Reason reason, String message, String text, @Nullable String idJson) {
    count(DatasetCounters.ROWS_BAD);
    receiver.failed(FailedRecord.of(source, position, idJson, STAGE, reason, message, text));
  }

  private ObjectNode select(ObjectNode values) throws BadRowException {
    if (columns == null) {
      return values;
    }
    ObjectNode selected = values.objectNode();
    List<String> missing = new ArrayList<>();
    for (String column : columns) {
      JsonNode value = values.get(column);
      if (value == null) {
        missing.add("'" + column + "'");
      } else {
        selected.set(column, value);
      }
    }
    if (!missing.isEmpty()) {
      throw new BadRowException("missing column" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing));
    }
    return selected;
  }
}
