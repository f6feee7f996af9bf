package io.omniprep.emova;

import static io.omniprep.util.Args.check;

import io.omniprep.errors.FailedRecord;
import io.omniprep.table.ReadTable;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
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

/**
 * A dataset's speech units, sorted by the table file whose rows need them: the ids of the kept
 * rows (id → file, from the mixture's counting pass) are joined by id with the sidecar ({@code
 * {"id": ..., "units": ...}} records, see {@link AttachSpeechUnits}); each file gets the distinct
 * units of each of its ids, one {@link ChunkUnits} per (id, file). Only ids, file names and units
 * text cross the exchange, never rows or samples; a group holds one id's units and files. The
 * sidecar's bad records are the failures. The input's coder must be deterministic (two strings).
 */
public final class SpeechUnitsByFile
    extends PTransform<PCollection<KV<String, String>>, WithFailures.Result<PCollection<KV<String, ChunkUnits>>, FailedRecord>> {
  private final String sidecar;
  private final String dataset;

  private SpeechUnitsByFile(String sidecar, String dataset) {
    this.sidecar = sidecar;
    this.dataset = dataset;
  }

  /** Units from this file (or glob), counted under dataset {@code dataset}. */
  public static SpeechUnitsByFile from(String sidecar, String dataset) {
    check(sidecar != null && !sidecar.isEmpty(), "sidecar can not be empty");
    check(dataset != null && !dataset.isEmpty(), "dataset can not be empty");
    return new SpeechUnitsByFile(sidecar, dataset);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("sidecar", sidecar).withLabel("Speech units file"));
  }

  @Override
  public WithFailures.Result<PCollection<KV<String, ChunkUnits>>, FailedRecord> expand(PCollection<KV<String, String>> rowFiles) {
    TupleTag<KV<String, String>> keyedUnits = new TupleTag<KV<String, String>>() {};
    TupleTag<FailedRecord> failures = new TupleTag<FailedRecord>() {};
    ReadTable.Result table = rowFiles.getPipeline().apply("Read speech units", ReadTable.from(sidecar));
    PCollectionTuple units =
        table.rows().apply("Key units by id",
            ParDo.of(new AttachSpeechUnits.KeyUnitsFn(keyedUnits, failures)).withOutputTags(keyedUnits, TupleTagList.of(failures)));
    TupleTag<String> fileSide = new TupleTag<String>() {};
    TupleTag<String> unitSide = new TupleTag<String>() {};
    PCollection<KV<String, ChunkUnits>> byFile =
        KeyedPCollectionTuple.of(fileSide, rowFiles)
            .and(unitSide, units.get(keyedUnits).setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
            .apply("Join units to ids", CoGroupByKey.create())
            .apply("Units by file", ParDo.of(new ByFileFn(dataset, fileSide, unitSide)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(ChunkUnits.class)));
    PCollection<FailedRecord> allFailures =
        PCollectionList.of(table.failures()).and(units.get(failures)).apply("Speech unit failures", Flatten.pCollections());
    return WithFailures.Result.of(byFile, allFailures);
  }

  /** One id's distinct units to each file that has a row with that id; its sidecar records counted. */
  private static final class ByFileFn extends DoFn<KV<String, CoGbkResult>, KV<String, ChunkUnits>> {
    private final String dataset;
    private final TupleTag<String> fileSide;
    private final TupleTag<String> unitSide;

    ByFileFn(String dataset, TupleTag<String> fileSide, TupleTag<String> unitSide) {
      this.dataset = dataset;
      this.fileSide = fileSide;
      this.unitSide = unitSide;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> group, OutputReceiver<KV<String, ChunkUnits>> out) {
      TreeSet<String> distinct = new TreeSet<>();
      long sidecarRows = 0;
      for (String units : group.getValue().getAll(unitSide)) {
        distinct.add(units);
        sidecarRows++;
      }
      TreeSet<String> files = new TreeSet<>();
      group.getValue().getAll(fileSide).forEach(files::add);
      ChunkUnits.countSidecarRows(dataset, sidecarRows, !files.isEmpty());
      if (distinct.isEmpty()) {
        return; // the rows of this id fail where they are read, for want of units
      }
      ChunkUnits units = ChunkUnits.of(group.getKey(), distinct);
      for (String file : files) {
        out.output(KV.of(file, units));
      }
    }
  }
}
