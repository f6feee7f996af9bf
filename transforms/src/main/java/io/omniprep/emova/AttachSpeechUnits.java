package io.omniprep.emova;

import static io.omniprep.util.Args.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import io.omniprep.table.ReadTable;
import io.omniprep.table.TableRow;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Joins speech units kept in a separate file onto the rows they belong to, by record {@code id}.
 * The sidecar holds records {@code {"id": ..., "units": ...}} (JSON array or JSON Lines; units as a
 * {@code <|speech_N|>} string or a list of integers); each row gets its units in column {@value
 * #DEFAULT_COLUMN}, ready for {@code emova_speech_question} (preprocess.EmovaSpeechQuestion). A join, not a lookup table, so neither
 * side has to fit in memory. A row without an id, or whose id has no units or several different
 * ones, is a failure ({@code BAD_ROW}). This is the sample-at-a-time form (for {@code report});
 * a mixture's chunk-local plan joins by file instead ({@link SpeechUnitsByFile}, {@link ChunkUnits}).
 */
public final class AttachSpeechUnits
    extends PTransform<
        PCollection<TableRow>, WithFailures.Result<PCollection<TableRow>, FailedRecord>> {
  public static final String DEFAULT_COLUMN = "speech_units";
  static final String STAGE = "speech_units";

  /** The sidecar's field that holds a record's units. */
  static final String UNITS_FIELD = "units";

  private final String sidecar;

  private AttachSpeechUnits(String sidecar) {
    this.sidecar = sidecar;
  }

  /** Units from this file (or glob), in field {@code units}. */
  public static AttachSpeechUnits from(String sidecar) {
    check(sidecar != null && !sidecar.isEmpty(), "sidecar can not be empty");
    return new AttachSpeechUnits(sidecar);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("sidecar", sidecar).withLabel("Speech units file"));
  }

  @Override
  public WithFailures.Result<PCollection<TableRow>, FailedRecord> expand(
      PCollection<TableRow> rows) {
    TupleTag<KV<String, TableRow>> keyedRows = new TupleTag<KV<String, TableRow>>() {};
    TupleTag<KV<String, String>> keyedUnits = new TupleTag<KV<String, String>>() {};
    TupleTag<TableRow> joined = new TupleTag<TableRow>() {};
    TupleTag<FailedRecord> failures = new TupleTag<FailedRecord>() {};

    ReadTable.Result table = rows.getPipeline().apply("Read speech units", ReadTable.from(sidecar));
    PCollectionTuple units =
        table
            .rows()
            .apply(
                "Key units by id",
                ParDo.of(new KeyUnitsFn(keyedUnits, failures))
                    .withOutputTags(keyedUnits, TupleTagList.of(failures)));
    PCollectionTuple keyed =
        rows.apply(
            "Key rows by id",
            ParDo.of(new KeyRowsFn(keyedRows, failures))
                .withOutputTags(keyedRows, TupleTagList.of(failures)));
    PCollection<KV<String, TableRow>> rowsById =
        keyed.get(keyedRows);
    PCollection<KV<String, String>> unitsById =
        units.get(keyedUnits).setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
    TupleTag<TableRow> rowSide = new TupleTag<TableRow>() {};
    TupleTag<String> unitSide = new TupleTag<String>() {};
    PCollectionTuple attached =
        KeyedPCollectionTuple.of(rowSide, rowsById)
            .and(unitSide, unitsById)
            .apply("Join units to rows", CoGroupByKey.create())
            .apply(
                "Attach units",
                ParDo.of(new AttachFn(rowSide, unitSide, joined, failures))
                    .withOutputTags(joined, TupleTagList.of(failures)));
    PCollection<FailedRecord> allFailures =
        PCollectionList.of(table.failures())
            .and(units.get(failures))
            .and(keyed.get(failures))
            .and(attached.get(failures))
            .apply("Speech unit failures", Flatten.pCollections());
    return WithFailures.Result.of(attached.get(joined), allFailures);
  }

  /** An id as a join key: strings and numbers alike ({@code 12} and {@code "12"} match). */
  public static @Nullable String key(ObjectNode values) {
    JsonNode id = values.get("id");
    if (id == null || id.isNull() || id.isContainerNode()) {
      return null;
    }
    return id.asText();
  }

  static FailedRecord failure(TableRow row, String message) {
    return FailedRecord.of(
        row.source(),
        row.position(),
        row.idJson(),
        STAGE,
        Reason.BAD_ROW,
        message,
        row.text());
  }

  /** A sidecar record as (id, units as JSON text), or a failure when it lacks either. */
  static final class KeyUnitsFn extends DoFn<TableRow, KV<String, String>> {
    private final TupleTag<KV<String, String>> out;
    private final TupleTag<FailedRecord> failures;

    KeyUnitsFn(TupleTag<KV<String, String>> out, TupleTag<FailedRecord> failures) {
      this.out = out;
      this.failures = failures;
    }

    @ProcessElement
    public void process(@Element TableRow row, MultiOutputReceiver receiver) {
      String id = key(row.values());
      JsonNode units = row.values().get(UNITS_FIELD);
      if (id == null || units == null || units.isNull()) {
        receiver
            .get(failures)
            .output(failure(row, "a speech units record needs 'id' and '" + UNITS_FIELD + "'"));
      } else {
        receiver.get(out).output(KV.of(id, units.toString()));
      }
    }
  }

  private static final class KeyRowsFn extends DoFn<TableRow, KV<String, TableRow>> {
    private final TupleTag<KV<String, TableRow>> out;
    private final TupleTag<FailedRecord> failures;

    KeyRowsFn(TupleTag<KV<String, TableRow>> out, TupleTag<FailedRecord> failures) {
      this.out = out;
      this.failures = failures;
    }

    @ProcessElement
    public void process(@Element TableRow row, MultiOutputReceiver receiver) {
      String id = key(row.values());
      if (id == null) {
        receiver.get(failures).output(failure(row, "no 'id' to look its speech units up by"));
      } else {
        receiver.get(out).output(KV.of(id, row));
      }
    }
  }

  private static final class AttachFn extends DoFn<KV<String, CoGbkResult>, TableRow> {
    private final TupleTag<TableRow> rowSide;
    private final TupleTag<String> unitSide;
    private final TupleTag<TableRow> out;
    private final TupleTag<FailedRecord> failures;

    AttachFn(
        TupleTag<TableRow> rowSide,
        TupleTag<String> unitSide,
        TupleTag<TableRow> out,
        TupleTag<FailedRecord> failures) {
      this.rowSide = rowSide;
      this.unitSide = unitSide;
      this.out = out;
      this.failures = failures;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> group, MultiOutputReceiver receiver) {
      TreeSet<String> distinct = new TreeSet<>();
      long sidecarRows = 0;
      for (String units : group.getValue().getAll(unitSide)) {
        distinct.add(units);
        sidecarRows++;
      }
      Iterable<TableRow> rows = group.getValue().getAll(rowSide);
      ChunkUnits.countSidecarRows(null, sidecarRows, rows.iterator().hasNext());
      String problem = ChunkUnits.problem(group.getKey(), distinct);
      for (TableRow row : rows) {
        if (problem != null) {
          receiver.get(failures).output(failure(row, problem));
        } else {
          receiver.get(out).output(ChunkUnits.withUnits(row, distinct.first()));
        }
      }
    }
  }
}
