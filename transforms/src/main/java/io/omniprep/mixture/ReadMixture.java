package io.omniprep.mixture;

import static io.omniprep.util.Args.check;

import io.omniprep.errors.FailedRecord;
import io.omniprep.sample.Sample;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * A whole LaViDa-O mixture as {@link Sample}s: each dataset of the (already validated) {@link
 * MixtureConfig} is read, filtered, sampled and preprocessed on its own ({@link ReadDataset}), and
 * the samples and failures of all datasets are flattened.
 *
 * <pre>{@code
 * MixtureConfig config = MixtureConfig.load("gs://bucket/mix.yaml");   // fails fast, with line numbers
 * WithFailures.Result<PCollection<Sample>, FailedRecord> mixture =
 *     p.apply(ReadMixture.from(config).withSeed(42));
 * }</pre>
 *
 * <p>Sample keys are unique across the mixture (source = dataset name, which the config keeps
 * unique) and every output is a function of the inputs and the seed.
 */
public final class ReadMixture
    extends PTransform<PBegin, WithFailures.Result<PCollection<Sample>, FailedRecord>> {
  private final MixtureConfig config;
  private final long seed;

  private ReadMixture(MixtureConfig config, long seed) {
    this.config = config;
    this.seed = seed;
  }

  public static ReadMixture from(MixtureConfig config) {
    check(config != null, "config can not be null");
    return new ReadMixture(config, SampleRows.DEFAULT_SEED);
  }

  /** The run seed (default 42, the reference's {@code random_state}), 0 to 2^32 - 1. */
  public ReadMixture withSeed(long seed) {
    check(seed >= 0 && seed <= 0xffffffffL, "seed must be between 0 and 2^32 - 1, was %s", seed);
    return new ReadMixture(config, seed);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    describe(builder, config, seed);
  }

  static void describe(DisplayData.Builder builder, MixtureConfig config, long seed) {
    builder
        .add(DisplayData.item("config", config.file()).withLabel("Mixture config"))
        .add(DisplayData.item("datasets", config.datasets().size()).withLabel("Datasets"))
        .add(DisplayData.item("seed", seed).withLabel("Sampling seed"));
  }

  /**
   * The chunk-local plan of the same mixture: one {@link MixtureChunk} per table file of each
   * dataset ({@link PlanMixtureChunks}), each made into samples by the worker that gets it, where a
   * chunk-local writer writes them.
   */
  public PlanMixtureChunks chunks() {
    return new PlanMixtureChunks(config, seed);
  }

  @Override
  public WithFailures.Result<PCollection<Sample>, FailedRecord> expand(PBegin input) {
    PCollectionList<Sample> samples = PCollectionList.empty(input.getPipeline());
    PCollectionList<FailedRecord> failures = PCollectionList.empty(input.getPipeline());
    for (DatasetConfig dataset : config.datasets()) {
      WithFailures.Result<PCollection<Sample>, FailedRecord> one =
          input.apply("Dataset " + dataset.name(), ReadDataset.of(dataset).withSeed(seed));
      samples = samples.and(one.output());
      failures = failures.and(one.failures());
    }
    return WithFailures.Result.of(
        samples.apply("All samples", Flatten.pCollections()),
        failures.apply("All failures", Flatten.pCollections()));
  }
}
