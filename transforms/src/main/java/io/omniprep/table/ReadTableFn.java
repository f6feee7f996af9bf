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
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads one file in order, selecting columns and applying the filter as it goes, and emits the kept
 * rows numbered within the file, bad rows as failures, and the file's row counts. Reading a file in
 * one pass is what numbers its rows: the position of a row, and its index among the rows the filter
 * keeps, are only known in file order.
 */
final class ReadTableFn extends DoFn<MatchResult.Metadata, TableRow> {
  static final String STAGE = "read";

  private final @Nullable TableFormat format;
  private final @Nullable List<String> columns;
  private final RowFilter filter;
  private final @Nullable String dataset;
  private final TupleTag<TableRow> rowsTag;
  private final TupleTag<FailedRecord> failuresTag;
  private final TupleTag<FileCount> countsTag;

  ReadTableFn(
      @Nullable TableFormat format,
      @Nullable List<String> columns,
      RowFilter filter,
      @Nullable String dataset,
      TupleTag<TableRow> rowsTag,
      TupleTag<FailedRecord> failuresTag,
      TupleTag<FileCount> countsTag) {
    this.format = format;
    this.columns = columns;
    this.filter = filter;
    this.dataset = dataset;
    this.rowsTag = rowsTag;
    this.failuresTag = failuresTag;
    this.countsTag = countsTag;
  }

  @ProcessElement
  public void process(@Element MatchResult.Metadata file, MultiOutputReceiver out)
      throws IOException {
    FileRows rows = new FileRows(file.resourceId().toString(), out);
    TableFormat fileFormat = format != null ? format : TableFormat.ofPath(rows.source).orElse(null);
    if (fileFormat == null) {
      rows.badRow(
          Reason.BAD_ROW,
          "cannot tell the table format from the file name; use .csv, .parquet, .json or .jsonl",
          "");
    } else {
      TableFiles.read(file, fileFormat, columns, false, rows);
    }
    out.get(countsTag).output(new FileCount(rows.source, rows.position, rows.kept));
  }

  private void count(String metric) {
    if (dataset != null) {
      DatasetCounters.of(dataset, metric).inc();
    }
  }

  /** The rows of one file as they arrive: numbered, selected, filtered and counted. */
  private final class FileRows implements RowSink {
    private final String source;
    private final MultiOutputReceiver out;
    private long position;
    private long kept;

    FileRows(String source, MultiOutputReceiver out) {
      this.source = source;
      this.out = out;
    }

    @Override
    public void row(ObjectNode values) {
      Counters.read().inc();
      count(DatasetCounters.ROWS_READ);
      try {
        ObjectNode selected = select(values);
        String rule = filter.rejects(selected);
        if (rule != null) {
          count(DatasetCounters.FILTERED_PREFIX + rule);
          Counters.dropped().inc();
        } else {
          count(DatasetCounters.ROWS_KEPT);
          out.get(rowsTag).output(TableRow.inFile(source, position, kept++, selected));
        }
      } catch (BadRowException e) {
        fail(Reason.BAD_ROW, e.getMessage(), TableJson.toText(values), TableRow.idJson(values));
      }
      position++;
    }

    @Override
    public void badRow(Reason reason, String message, String text) {
      Counters.read().inc();
      count(DatasetCounters.ROWS_READ);
      fail(reason, message, text, null);
      position++;
    }

    private void fail(Reason reason, String message, String text, @Nullable String idJson) {
      count(DatasetCounters.ROWS_BAD);
      out.get(failuresTag)
          .output(FailedRecord.of(source, position, idJson, STAGE, reason, message, text));
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
        throw new BadRowException(
            "missing column" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing));
      }
      return selected;
    }
  }
}
