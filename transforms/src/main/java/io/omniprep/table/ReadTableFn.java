package io.omniprep.table;

import io.omniprep.errors.FailedRecord;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads one file in order ({@link FilteredRows}) and emits the kept rows numbered within the file,
 * bad rows as failures, and the file's row counts.
 */
final class ReadTableFn extends DoFn<MatchResult.Metadata, TableRow> {
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
  public void process(@Element MatchResult.Metadata file, MultiOutputReceiver out) throws IOException {
    FilteredRows rows = FilteredRows.read(file, format, columns, filter, dataset, true,
        new FilteredRows.Receiver() {
          @Override
          public void kept(TableRow row) {
            out.get(rowsTag).output(row);
          }

          @Override
          public void failed(FailedRecord failure) {
            out.get(failuresTag).output(failure);
          }
        });
    out.get(countsTag).output(rows.count());
  }
}
