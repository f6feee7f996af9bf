package io.omniprep.table;

import static io.omniprep.util.Args.check;

import io.omniprep.errors.FailedRecord;
import io.omniprep.util.CollectList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads tables (CSV with a header, Parquet, JSON arrays or JSON Lines) into {@link TableRow}s,
 * through Beam {@code FileSystems} (local, {@code gs://}, {@code s3://}).
 *
 * <pre>{@code
 * ReadTable.Result table =
 *     p.apply(ReadTable.from("gs://bucket/laion/*.parquet")
 *         .withColumns(List.of("s3_path", "caption", "fltLaionAesthScore"))
 *         .withFilter(row -> ...));
 * table.rows();      // kept rows, numbered across the files
 * table.failures();  // rows that could not be read, Reason.BAD_ROW and friends
 * table.counts();    // one element: rows per file, and the dataset's length after filtering
 * }</pre>
 *
 * <p>Each file is read by one worker, in order, because a row's number is its place in the file
 * (Parquet row groups and JSON chunks are not spread over workers). Files are read in parallel, and
 * numbered across the dataset in file-name order once all are counted. A missing column, a value of
 * the wrong type for the filter, or an unreadable row becomes a {@link FailedRecord}, never a
 * crash; every row read is counted.
 */
public final class ReadTable extends PTransform<PBegin, ReadTable.Result> {
  private final List<String> patterns;
  private final @Nullable TableFormat format;
  private final @Nullable List<String> columns;
  private final RowFilter filter;
  private final @Nullable String datasetName;

  private ReadTable(
      List<String> patterns,
      @Nullable TableFormat format,
      @Nullable List<String> columns,
      RowFilter filter,
      @Nullable String datasetName) {
    this.patterns = List.copyOf(patterns);
    this.format = format;
    this.columns = columns == null ? null : List.copyOf(columns);
    this.filter = filter;
    this.datasetName = datasetName;
  }

  /**
   * Files or globs; the format of each file is told by its extension unless {@link #withFormat} is
   * set.
   */
  public static ReadTable from(String... patterns) {
    return from(Arrays.asList(patterns));
  }

  public static ReadTable from(List<String> patterns) {
    check(patterns != null && !patterns.isEmpty(), "patterns can not be empty");
    return new ReadTable(patterns, null, null, RowFilter.none(), null);
  }

  /** Reads every file in this format, whatever its extension. */
  public ReadTable withFormat(TableFormat format) {
    check(format != null, "format can not be null");
    return new ReadTable(patterns, format, columns, filter, datasetName);
  }

  /** Only these columns, in this order; a row without one of them is a bad row. */
  public ReadTable withColumns(List<String> columns) {
    check(columns != null && !columns.isEmpty(), "columns can not be empty");
    return new ReadTable(patterns, format, columns, filter, datasetName);
  }

  /** Drops the rows the filter rejects; they are counted by rule, not reported as failures. */
  public ReadTable withFilter(RowFilter filter) {
    check(filter != null, "filter can not be null");
    return new ReadTable(patterns, format, columns, filter, datasetName);
  }

  /**
   * Also counts rows under {@code dataset/<name>/...} (see {@link
   * io.omniprep.metrics.DatasetCounters}).
   */
  public ReadTable withDatasetName(String datasetName) {
    check(datasetName != null && !datasetName.isEmpty(), "datasetName can not be empty");
    return new ReadTable(patterns, format, columns, filter, datasetName);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("inputs", String.join(",", patterns)).withLabel("Input patterns"))
        .addIfNotNull(DisplayData.item("format", format == null ? null : format.name()).withLabel("Table format"))
        .addIfNotNull(DisplayData.item("columns", columns == null ? null : String.join(",", columns)).withLabel("Columns kept"))
        .addIfNotNull(DisplayData.item("dataset", datasetName).withLabel("Dataset name"));
  }

  @Override
  public Result expand(PBegin input) {
    TupleTag<TableRow> rows = new TupleTag<TableRow>() {};
    TupleTag<FailedRecord> failures = new TupleTag<FailedRecord>() {};
    TupleTag<FileCount> fileCounts = new TupleTag<FileCount>() {};
    PCollectionTuple read =
        input
            .apply("Input patterns", Create.of(patterns).withCoder(StringUtf8Coder.of()))
            .apply("Match files", FileIO.matchAll())
            .apply(
                "Read rows in file order",
                ParDo.of(
                        new ReadTableFn(
                            format, columns, filter, datasetName, rows, failures, fileCounts))
                    .withOutputTags(rows, TupleTagList.of(List.of(failures, fileCounts))));
    PCollection<TableCounts> counts =
        read.get(fileCounts)
            .setCoder(FileCount.Coder.of())
            .apply("Gather file counts", Combine.globally(CollectList.<FileCount>create()))
            .setCoder(ListCoder.of(FileCount.Coder.of()))
            .apply(
                "Order files",
                MapElements.into(TypeDescriptor.of(TableCounts.class)).via(TableCounts::new))
            .setCoder(TableCounts.Coder.of());
    PCollectionView<TableCounts> countsView = counts.apply("Counts view", View.asSingleton());
    PCollection<TableRow> numbered =
        read.get(rows)
            .apply(
                "Number rows across files",
                ParDo.of(new NumberFn(countsView)).withSideInputs(countsView));
    return new Result(input.getPipeline(), numbered, read.get(failures), counts);
  }

  private static final class NumberFn extends DoFn<TableRow, TableRow> {
    private final PCollectionView<TableCounts> counts;

    NumberFn(PCollectionView<TableCounts> counts) {
      this.counts = counts;
    }

    @ProcessElement
    public void process(@Element TableRow row, ProcessContext c) {
      c.output(c.sideInput(counts).number(row));
    }
  }

  /** The rows, the failures and the counts of one {@link ReadTable}. */
  public static final class Result implements POutput {
    private static final TupleTag<TableRow> ROWS = new TupleTag<>("rows");
    private static final TupleTag<FailedRecord> FAILURES = new TupleTag<>("failures");
    private static final TupleTag<TableCounts> COUNTS = new TupleTag<>("counts");

    private final Pipeline pipeline;
    private final PCollection<TableRow> rows;
    private final PCollection<FailedRecord> failures;
    private final PCollection<TableCounts> counts;

    Result(
        Pipeline pipeline,
        PCollection<TableRow> rows,
        PCollection<FailedRecord> failures,
        PCollection<TableCounts> counts) {
      this.pipeline = pipeline;
      this.rows = rows;
      this.failures = failures;
      this.counts = counts;
    }

    /** The rows the filter kept, numbered across the files. */
    public PCollection<TableRow> rows() {
      return rows;
    }

    public PCollection<FailedRecord> failures() {
      return failures;
    }

    /** Exactly one element. */
    public PCollection<TableCounts> counts() {
      return counts;
    }

    @Override
    public Pipeline getPipeline() {
      return pipeline;
    }

    @Override
    public Map<TupleTag<?>, PValue> expand() {
      return Map.of(ROWS, rows, FAILURES, failures, COUNTS, counts);
    }

    @Override
    public void finishSpecifyingOutput(
        String transformName, PInput input, PTransform<?, ?> transform) {}
  }
}
