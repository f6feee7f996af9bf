package io.omniprep.mixture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import io.omniprep.llava.RecordParseException;
import io.omniprep.llava.RecordParser;
import io.omniprep.metrics.Counters;
import io.omniprep.metrics.DatasetCounters;
import io.omniprep.preprocess.PreprocessException;
import io.omniprep.preprocess.PreprocessFn;
import io.omniprep.preprocess.RowContext;
import io.omniprep.sample.Sample;
import io.omniprep.table.TableJson;
import io.omniprep.table.TableRow;
import java.io.Serializable;
import java.util.List;
import java.util.function.Consumer;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The records one sampled row of a dataset makes (see {@link MakeSamples}), wherever the row is:
 * in {@link MakeSamples}' step or in the worker that read the row's file ({@link MixtureChunk}).
 */
final class RowSamples implements Serializable {
  private final String dataset;
  private final PreprocessFn fn;
  private final @Nullable String imageRoot;
  private final long seed;

  RowSamples(String dataset, PreprocessFn fn, @Nullable String imageRoot, long seed) {
    this.dataset = dataset;
    this.fn = fn;
    this.imageRoot = imageRoot;
    this.seed = seed;
  }

  /** The samples of {@code row} (each of its copies) to {@code samples}, what fails to {@code failures}. */
  void make(TableRow row, Consumer<Sample> samples, Consumer<FailedRecord> failures) {
    int ordinal = 0;
    for (int copy = 0; copy < row.copies(); copy++) {
      List<ObjectNode> records;
      try {
        records =
            fn.apply(
                row.values().deepCopy(),
                new RowContext(dataset, row.index(), copy, ordinal, seed));
      } catch (PreprocessException e) {
        fail(row, e.reason(), e.getMessage(), row.text(), failures);
        continue;
      } catch (RuntimeException e) {
        // A bug in a user's function must not stop the run; the row is reported with the error.
        fail(row, Reason.PREPROCESS_FAILED, e.toString(), row.text(), failures);
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
          samples.accept(RecordParser.parse(dataset, row.index(), ordinal, record));
          DatasetCounters.of(dataset, DatasetCounters.SAMPLES).inc();
        } catch (RecordParseException e) {
          fail(
              row,
              e.reason(),
              "the record made of this row is not a valid LLaVA record: " + e.getMessage(),
              TableJson.toText(record),
              failures);
        }
        ordinal++;
      }
    }
  }

  private void fail(
      TableRow row, Reason reason, String message, String text, Consumer<FailedRecord> failures) {
    DatasetCounters.of(dataset, DatasetCounters.RECORDS_FAILED).inc();
    failures.accept(FailedRecord.of(row.source(), row.position(), row.idJson(), MakeSamples.STAGE, reason, message, text));
  }

  private static void prefixImages(ObjectNode record, String root) {
    JsonNode image = record.get("image");
    if (image != null && image.isTextual()) {
      record.put("image", MakeSamples.underRoot(root, image.asText()));
    } else if (image != null && image.isArray()) {
      ArrayNode list = (ArrayNode) image;
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i).isTextual()) {
          list.set(i, TextNode.valueOf(MakeSamples.underRoot(root, list.get(i).asText())));
        }
      }
    }
  }
}
