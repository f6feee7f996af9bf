package io.omniprep.mixture;

import static io.omniprep.util.Args.check;

import io.omniprep.metrics.Counters;
import io.omniprep.metrics.DatasetCounters;
import io.omniprep.table.TableCounts;
import io.omniprep.table.TableRow;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Applies a {@link SamplingStrategy} to the rows of one dataset, given its counts (from {@link
 * io.omniprep.table.ReadTable}): the selection is planned once from the filtered length, then each
 * row is kept or dropped by its filtered index, on any worker, in any order. Kept rows carry their
 * {@code dup} copy count; the copies are made where the rows become records.
 *
 * <pre>{@code
 * PCollection<TableRow> sampled =
 *     table.rows().apply(SampleRows.using(SamplingStrategy.parse("random:1000")).withCounts(table.counts()));
 * }</pre>
 */
public final class SampleRows extends PTransform<PCollection<TableRow>, PCollection<TableRow>> {
  /** The seed pandas' {@code random_state} gets in the reference. */
  public static final long DEFAULT_SEED = 42;

  private final SamplingStrategy strategy;
  private final long seed;
  private final @Nullable PCollection<TableCounts> counts;
  private final @Nullable String datasetName;

  private SampleRows(
      SamplingStrategy strategy,
      long seed,
      @Nullable PCollection<TableCounts> counts,
      @Nullable String datasetName) {
    this.strategy = strategy;
    this.seed = seed;
    this.counts = counts;
    this.datasetName = datasetName;
  }

  public static SampleRows using(SamplingStrategy strategy) {
    check(strategy != null, "strategy can not be null");
    return new SampleRows(strategy, DEFAULT_SEED, null, null);
  }

  /** The {@code random_state} of {@code random:N}, 0 to 2^32 - 1; 42 by default. */
  public SampleRows withSeed(long seed) {
    check(seed >= 0 && seed <= 0xffffffffL, "seed must be between 0 and 2^32 - 1, was %s", seed);
    return new SampleRows(strategy, seed, counts, datasetName);
  }

  /** The dataset's counts (one element), which give the length the strategy sees. Required. */
  public SampleRows withCounts(PCollection<TableCounts> counts) {
    check(counts != null, "counts can not be null");
    return new SampleRows(strategy, seed, counts, datasetName);
  }

  /** Counts the samples asked for under {@code dataset/<name>/rows_sampled}. */
  public SampleRows withDatasetName(String datasetName) {
    check(datasetName != null && !datasetName.isEmpty(), "datasetName can not be empty");
    return new SampleRows(strategy, seed, counts, datasetName);
  }

  @Override
  public PCollection<TableRow> expand(PCollection<TableRow> rows) {
    check(counts != null, "SampleRows needs withCounts(...)");
    PCollectionView<Selection> selection =
        counts
            .apply("Plan selection", ParDo.of(new PlanFn(strategy, seed)))
            .setCoder(Selection.Coder.of())
            .apply("Selection view", View.asSingleton());
    return rows.apply(
            "Select rows", ParDo.of(new SelectFn(selection, datasetName)).withSideInputs(selection));
  }

  private static final class PlanFn extends DoFn<TableCounts, Selection> {
    private final SamplingStrategy strategy;
    private final long seed;

    PlanFn(SamplingStrategy strategy, long seed) {
      this.strategy = strategy;
      this.seed = seed;
    }

    @ProcessElement
    public void process(@Element TableCounts counts, OutputReceiver<Selection> out) {
      out.output(Selection.of(strategy, counts.kept(), seed));
    }
  }

  private static final class SelectFn extends DoFn<TableRow, TableRow> {
    private final PCollectionView<Selection> selection;
    private final @Nullable String datasetName;

    SelectFn(PCollectionView<Selection> selection, @Nullable String datasetName) {
      this.selection = selection;
      this.datasetName = datasetName;
    }

    @ProcessElement
    public void process(@Element TableRow row, ProcessContext c) {
      TableRow kept = select(c.sideInput(selection), row, datasetName);
      if (kept != null) {
        c.output(kept);
      }
    }
  }

  /** {@code row} as {@code s} keeps it (with its copy count), or null when dropped; counted either way. */
  static @Nullable TableRow select(Selection s, TableRow row, @Nullable String datasetName) {
    if (!s.keeps(row.filteredIndex())) {
      Counters.dropped().inc();
      return null;
    }
    if (datasetName != null) {
      DatasetCounters.of(datasetName, DatasetCounters.ROWS_SAMPLED).inc(s.copies());
    }
    Counters.created().inc(s.copies() - 1);
    return s.copies() == 1 ? row : row.withCopies(s.copies());
  }
}
