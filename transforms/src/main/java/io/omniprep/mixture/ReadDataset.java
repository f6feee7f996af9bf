package io.omniprep.mixture;

import static io.omniprep.util.Args.check;

import io.omniprep.emova.AttachSpeechUnits;
import io.omniprep.errors.FailedRecord;
import io.omniprep.sample.Sample;
import io.omniprep.table.ReadTable;
import io.omniprep.table.TableRow;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * One dataset of a mixture, from its files to {@link Sample}s: read rows (filtered as they are
 * read) → sample rows → make samples. Counters under {@code dataset/<name>/...} (see {@link
 * io.omniprep.metrics.DatasetCounters}) follow the rows through each step.
 */
public final class ReadDataset
    extends PTransform<PBegin, WithFailures.Result<PCollection<Sample>, FailedRecord>> {
  private final DatasetConfig dataset;
  private final long seed;

  private ReadDataset(DatasetConfig dataset, long seed) {
    this.dataset = dataset;
    this.seed = seed;
  }

  public static ReadDataset of(DatasetConfig dataset) {
    check(dataset != null, "dataset can not be null");
    return new ReadDataset(dataset, SampleRows.DEFAULT_SEED);
  }

  /**
   * The run seed: {@code random:N}'s random_state and the preprocess randomness (0 to 2^32 - 1).
   */
  public ReadDataset withSeed(long seed) {
    check(seed >= 0 && seed <= 0xffffffffL, "seed must be between 0 and 2^32 - 1, was %s", seed);
    return new ReadDataset(dataset, seed);
  }

  @Override
  public WithFailures.Result<PCollection<Sample>, FailedRecord> expand(PBegin input) {
    ReadTable read =
        ReadTable.from(dataset.jsonPath())
            .withFormat(dataset.format())
            .withFilter(dataset.filter())
            .withDatasetName(dataset.name());
    if (dataset.columns() != null) {
      read = read.withColumns(dataset.columns());
    }
    ReadTable.Result table = input.apply("Read rows", read);
    PCollection<TableRow> rows = table.rows();
    PCollection<FailedRecord> unitFailures = null;
    if (dataset.speechUnits() != null) {
      WithFailures.Result<PCollection<TableRow>, FailedRecord> withUnits =
          rows.apply("Attach speech units", AttachSpeechUnits.from(dataset.speechUnits()));
      rows = withUnits.output();
      unitFailures = withUnits.failures();
    }
    PCollection<TableRow> sampled =
        rows
            .apply(
                "Sample rows",
                SampleRows.using(dataset.sampling())
                    .withSeed(seed)
                    .withCounts(table.counts())
                    .withDatasetName(dataset.name()));
    WithFailures.Result<PCollection<Sample>, FailedRecord> made =
        sampled.apply(
            "Make samples",
            MakeSamples.of(dataset.name(), dataset.preprocessFn())
                .withImageRoot(dataset.imageRoot())
                .withSeed(seed));
    PCollectionList<FailedRecord> all = PCollectionList.of(table.failures()).and(made.failures());
    if (unitFailures != null) {
      all = all.and(unitFailures);
    }
    PCollection<FailedRecord> failures = all.apply("Dataset failures", Flatten.pCollections());
    return WithFailures.Result.of(made.output(), failures);
  }
}
