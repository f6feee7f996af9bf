package io.omniprep.mixture;

import static io.omniprep.util.Args.check;

import io.omniprep.errors.FailedRecord;
import io.omniprep.media.MediaPaths;
import io.omniprep.preprocess.PreprocessFn;
import io.omniprep.llava.RecordParser;
import io.omniprep.sample.Sample;
import io.omniprep.table.TableRow;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Turns a dataset's sampled rows into {@link Sample}s: each copy of a row ({@code dup:N}) goes
 * through the preprocess function with its own seeded generator, relative {@code image} paths of
 * the records get the {@code image_root} prefix, and each record is parsed by {@link RecordParser}.
 *
 * <p>Keys are unique across a mixture and the same on every run: source = the dataset name,
 * position = the row's index across the dataset, ordinal = the record's number among all records
 * made of that row (copies in order). A row the function refuses, or a record that is not a valid
 * LLaVA record, becomes a {@link FailedRecord} that quotes the row's file and row number.
 */
public final class MakeSamples
    extends PTransform<
        PCollection<TableRow>, WithFailures.Result<PCollection<Sample>, FailedRecord>> {
  static final String STAGE = "preprocess";

  private final String dataset;
  private final PreprocessFn fn;
  private final @Nullable String imageRoot;
  private final long seed;

  private MakeSamples(String dataset, PreprocessFn fn, @Nullable String imageRoot, long seed) {
    this.dataset = dataset;
    this.fn = fn;
    this.imageRoot = imageRoot;
    this.seed = seed;
  }

  /**
   * Samples of dataset {@code dataset} (their source) made by {@code fn}; seed 42, no image root.
   */
  public static MakeSamples of(String dataset, PreprocessFn fn) {
    check(dataset != null && !dataset.isEmpty(), "dataset can not be empty");
    check(fn != null, "fn can not be null");
    return new MakeSamples(dataset, fn, null, SampleRows.DEFAULT_SEED);
  }

  /** Prefix for relative {@code image} paths (a string or a list of strings); null for none. */
  public MakeSamples withImageRoot(@Nullable String imageRoot) {
    return new MakeSamples(dataset, fn, imageRoot, seed);
  }

  /** The run seed the preprocess randomness is derived from. */
  public MakeSamples withSeed(long seed) {
    return new MakeSamples(dataset, fn, imageRoot, seed);
  }

  @Override
  public WithFailures.Result<PCollection<Sample>, FailedRecord> expand(PCollection<TableRow> rows) {
    TupleTag<Sample> samples = new TupleTag<Sample>() {};
    TupleTag<FailedRecord> failures = new TupleTag<FailedRecord>() {};
    PCollectionTuple made =
        rows.apply(
            "Preprocess and parse",
            ParDo.of(new MakeFn(new RowSamples(dataset, fn, imageRoot, seed), samples, failures))
                .withOutputTags(samples, TupleTagList.of(failures)));
    return WithFailures.Result.of(
        made.get(samples),
        made.get(failures));
  }

  /** {@code os.path.join(root, path)}: an absolute path or URI is kept as is. */
  static String underRoot(String root, String path) {
    if (MediaPaths.isAbsolute(path)) {
      return path;
    }
    return root.endsWith("/") ? root + path : root + "/" + path;
  }

  private static final class MakeFn extends DoFn<TableRow, Sample> {
    private final RowSamples made;
    private final TupleTag<Sample> samples;
    private final TupleTag<FailedRecord> failures;

    MakeFn(RowSamples made, TupleTag<Sample> samples, TupleTag<FailedRecord> failures) {
      this.made = made;
      this.samples = samples;
      this.failures = failures;
    }

    @ProcessElement
    public void process(@Element TableRow row, MultiOutputReceiver out) {
      made.make(row, out.get(samples)::output, out.get(failures)::output);
    }
  }
}
