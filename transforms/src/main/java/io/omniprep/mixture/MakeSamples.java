package io.omniprep.mixture;

import static io.omniprep.util.Args.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import io.omniprep.media.MediaPaths;
import io.omniprep.metrics.Counters;
import io.omniprep.metrics.DatasetCounters;
import io.omniprep.preprocess.PreprocessException;
import io.omniprep.preprocess.PreprocessFn;
import io.omniprep.preprocess.RowContext;
import io.omniprep.llava.RecordParseException;
import io.omniprep.llava.RecordParser;
import io.omniprep.sample.Sample;
import io.omniprep.table.TableJson;
import io.omniprep.table.TableRow;
import java.util.List;
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
            ParDo.of(new MakeFn(dataset, fn, imageRoot, seed, samples, failures))
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
    private final String dataset;
    private final PreprocessFn fn;
    private final @Nullable String imageRoot;
    private final long seed;
    private final TupleTag<Sample> samples;
    private final TupleTag<FailedRecord> failures;

    MakeFn(
        String dataset,
        PreprocessFn fn,
        @Nullable String imageRoot,
        long seed,
        TupleTag<Sample> samples,
        TupleTag<FailedRecord> failures) {
      this.dataset = dataset;
      this.fn = fn;
      this.imageRoot = imageRoot;
      this.seed = seed;
      this.samples = samples;
      this.failures = failures;
    }

    @ProcessElement
    public void process(@Element TableRow row, MultiOutputReceiver out) {
      int ordinal = 0;
      for (int copy = 0; copy < row.copies(); copy++) {
        List<ObjectNode> records;
        try {
          records =
              fn.apply(
                  row.values().deepCopy(),
                  new RowContext(dataset, row.index(), copy, ordinal, seed));
        } catch (PreprocessException e) {
          fail(row, e.reason(), e.getMessage(), row.text(), out);
          continue;
        } catch (RuntimeException e) {
          // A bug in a user's function must not stop the run; the row is reported with the error.
          fail(row, Reason.PREPROCESS_FAILED, e.toString(), row.text(), out);
          continue;
        }
        if (records.isEmpty()) {
          Counters.dropped().inc();
        } else {
          Counters.created().inc(records.size() - 1);
        }
        for (ObjectNode record : records) {
          DatasetCounters.of(dataset, DatasetCounters.RECORDS_MADE).inc();
          if (imageRoot != null) {
            prefixImages(record, imageRoot);
          }
          try {
            out.get(samples).output(RecordParser.parse(dataset, row.index(), ordinal, record));
            DatasetCounters.of(dataset, DatasetCounters.SAMPLES).inc();
          } catch (RecordParseException e) {
            fail(
                row,
                e.reason(),
                "the record made of this row is not a valid LLaVA record: " + e.getMessage(),
                TableJson.toText(record),
                out);
          }
          ordinal++;
        }
      }
    }

    private void fail(
        TableRow row, Reason reason, String message, String text, MultiOutputReceiver out) {
      DatasetCounters.of(dataset, DatasetCounters.RECORDS_FAILED).inc();
      out.get(failures)
          .output(
              FailedRecord.of(
                  row.source(),
                  row.position(),
                  row.idJson(),
                  STAGE,
                  reason,
                  message,
                  text));
    }

    private static void prefixImages(ObjectNode record, String root) {
      JsonNode image = record.get("image");
      if (image != null && image.isTextual()) {
        record.put("image", underRoot(root, image.asText()));
      } else if (image != null && image.isArray()) {
        ArrayNode list = (ArrayNode) image;
        for (int i = 0; i < list.size(); i++) {
          if (list.get(i).isTextual()) {
            list.set(i, TextNode.valueOf(underRoot(root, list.get(i).asText())));
          }
        }
      }
    }
  }
}
