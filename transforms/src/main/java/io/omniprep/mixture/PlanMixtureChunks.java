package io.omniprep.mixture;

import io.omniprep.emova.AttachSpeechUnits;
import io.omniprep.emova.ChunkUnits;
import io.omniprep.emova.SpeechUnitsByFile;
import io.omniprep.table.FileCount;
import io.omniprep.table.FilteredRows;
import io.omniprep.table.TableRow;
import io.omniprep.errors.FailedRecord;
import io.omniprep.util.CollectList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The chunk-local plan of a mixture: one {@link MixtureChunk} per table file of each dataset. A
 * first pass counts each file's rows and the rows its dataset's filters keep (in parallel, nothing
 * but the counts leaving the worker); the counts, gathered, give each file its offsets within its
 * dataset and each dataset its filtered length, which is all a chunk needs to number its rows and
 * select them as the whole dataset would. Chunks are numbered by dataset (config order), then file
 * name, and spread over the workers. A dataset with {@code speech_units:} also hands on its kept rows'
 * ids from the counting pass, so that each chunk gets the units of its own rows ({@link #withUnits}).
 *
 * <pre>{@code
 * PCollection<MixtureChunk> chunks = p.apply(ReadMixture.from(config).withSeed(42).chunks());
 * }</pre>
 */
public final class PlanMixtureChunks extends PTransform<PBegin, PCollection<MixtureChunk>> {
  private final MixtureConfig config;
  private final long seed;

  PlanMixtureChunks(MixtureConfig config, long seed) {
    this.config = config;
    this.seed = seed;
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    ReadMixture.describe(builder, config, seed);
  }

  @Override
  public PCollection<MixtureChunk> expand(PBegin input) {
    KvCoder<Integer, FileCount> countCoder = KvCoder.of(VarIntCoder.of(), FileCount.Coder.of());
    KvCoder<String, String> idCoder = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    PCollectionList<KV<Integer, FileCount>> counts = PCollectionList.empty(input.getPipeline());
    List<PCollection<KV<String, String>>> rowIds = new ArrayList<>();
    List<DatasetConfig> datasets = config.datasets();
    for (int i = 0; i < datasets.size(); i++) {
      DatasetConfig dataset = datasets.get(i);
      PCollectionTuple counted = input
          .apply("Files of " + dataset.name(), Create.of(dataset.jsonPath()).withCoder(StringUtf8Coder.of()))
          .apply("Match " + dataset.name(), FileIO.matchAll())
          .apply("Count rows of " + dataset.name(), ParDo.of(new CountFn(i, dataset)).withOutputTags(COUNTS, TupleTagList.of(IDS)));
      counts = counts.and(counted.get(COUNTS).setCoder(countCoder));
      rowIds.add(counted.get(IDS).setCoder(idCoder));
    }
    PCollection<List<KV<Integer, FileCount>>> gathered = counts
        .apply("All file counts", Flatten.pCollections())
        .apply("Gather file counts", Combine.globally(CollectList.<KV<Integer, FileCount>>create()))
        .setCoder(ListCoder.of(countCoder));
    PCollection<MixtureChunk> chunks = gathered
        .apply("Number chunks", ParDo.of(new NumberFn(datasets, seed)))
        .setCoder(SerializableCoder.of(MixtureChunk.class));
    if (datasets.stream().noneMatch(d -> d.speechUnits() != null)) {
      return chunks.apply("Spread chunks", Reshuffle.viaRandomKey());
    }
    return withUnits(chunks, rowIds, gathered);
  }

  /**
   * Gives each chunk of a dataset with {@code speech_units:} the units of its own rows' ids ({@link
   * SpeechUnitsByFile}: one exchange by id of ids and units text) and the sidecar's bad records to
   * the dataset's first file, by a second exchange keyed by file, which also spreads the chunks.
   * A chunk so holds the units of its own rows only: its memory follows its file's size, never the
   * sidecar's.
   */
  private PCollection<MixtureChunk> withUnits(
      PCollection<MixtureChunk> chunks, List<PCollection<KV<String, String>>> rowIds, PCollection<List<KV<Integer, FileCount>>> gathered) {
    KvCoder<String, ChunkUnits> unitsCoder = KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(ChunkUnits.class));
    PCollectionView<List<KV<Integer, FileCount>>> files = gathered.apply("File counts view", View.asSingleton());
    PCollectionList<KV<String, ChunkUnits>> units = PCollectionList.empty(chunks.getPipeline());
    List<DatasetConfig> datasets = config.datasets();
    for (int i = 0; i < datasets.size(); i++) {
      DatasetConfig dataset = datasets.get(i);
      if (dataset.speechUnits() == null) {
        continue;
      }
      String name = dataset.name();
      WithFailures.Result<PCollection<KV<String, ChunkUnits>>, FailedRecord> joined =
          rowIds.get(i).apply("Speech units of " + dataset.name(), SpeechUnitsByFile.from(dataset.speechUnits(), dataset.name()));
      units = units
          .and(joined.output().apply("Key units of " + dataset.name(), MapElements.into(unitsCoder.getEncodedTypeDescriptor())
              .via(u -> KV.of(fileKey(name, u.getKey()), u.getValue()))).setCoder(unitsCoder))
          .and(joined.failures()
              .apply("Sidecar failures of " + dataset.name(), ParDo.of(new ToFirstFileFn(i, dataset.name(), files)).withSideInputs(files))
              .setCoder(unitsCoder));
    }
    KvCoder<String, MixtureChunk> chunkCoder = KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(MixtureChunk.class));
    TupleTag<MixtureChunk> chunkSide = new TupleTag<MixtureChunk>() {};
    TupleTag<ChunkUnits> unitSide = new TupleTag<ChunkUnits>() {};
    return KeyedPCollectionTuple
        .of(chunkSide, chunks.apply("Key chunks by file", MapElements.into(chunkCoder.getEncodedTypeDescriptor())
            .via(c -> KV.of(fileKey(c.keyName(), c.source()), c))).setCoder(chunkCoder))
        .and(unitSide, units.apply("All units", Flatten.pCollections()).setCoder(unitsCoder))
        .apply("Units to chunks", CoGroupByKey.create())
        .apply("Attach units", ParDo.of(new AttachFn(chunkSide, unitSide)))
        .setCoder(SerializableCoder.of(MixtureChunk.class));
  }

  /** A file of a dataset, as the chunks and their units meet. */
  private static String fileKey(String dataset, String source) {
    return dataset + "\n" + source;
  }

  private static final TupleTag<KV<Integer, FileCount>> COUNTS = new TupleTag<KV<Integer, FileCount>>() {};
  private static final TupleTag<KV<String, String>> IDS = new TupleTag<KV<String, String>>() {};

  /**
   * A file's rows and the rows its dataset's filters keep, read as the chunk will read them,
   * uncounted; with {@code speech_units:}, also each kept row's id with the file ({@link #IDS}).
   */
  private static final class CountFn extends DoFn<MatchResult.Metadata, KV<Integer, FileCount>> {
    private final int index;
    private final DatasetConfig dataset;

    CountFn(int index, DatasetConfig dataset) {
      this.index = index;
      this.dataset = dataset;
    }

    @ProcessElement
    public void process(@Element MatchResult.Metadata file, MultiOutputReceiver out) throws IOException {
      String source = file.resourceId().toString();
      boolean units = dataset.speechUnits() != null;
      FilteredRows rows = FilteredRows.read(file, dataset.format(), dataset.columns(), dataset.filter(), null, false,
          new FilteredRows.Receiver() {
            @Override
            public void kept(TableRow row) {
              String id = units ? AttachSpeechUnits.key(row.values()) : null;
              if (id != null) {
                out.get(IDS).output(KV.of(id, source));
              }
            }

            @Override
            public void failed(FailedRecord failure) {}
          });
      out.get(COUNTS).output(KV.of(index, rows.count()));
    }
  }

  /** A sidecar's bad record, to be reported with its dataset's first file (by name). */
  private static final class ToFirstFileFn extends DoFn<FailedRecord, KV<String, ChunkUnits>> {
    private final int index;
    private final String dataset;
    private final PCollectionView<List<KV<Integer, FileCount>>> files;

    ToFirstFileFn(int index, String dataset, PCollectionView<List<KV<Integer, FileCount>>> files) {
      this.index = index;
      this.dataset = dataset;
      this.files = files;
    }

    @ProcessElement
    public void process(@Element FailedRecord failure, ProcessContext c) {
      String first = c.sideInput(files).stream().filter(f -> f.getKey() == index).map(f -> f.getValue().source())
          .min(Comparator.naturalOrder()).orElseThrow();
      c.output(KV.of(fileKey(dataset, first), ChunkUnits.ofFailure(failure)));
    }
  }

  /** The chunk with its rows' units, where its dataset has them. */
  private static final class AttachFn extends DoFn<KV<String, CoGbkResult>, MixtureChunk> {
    private final TupleTag<MixtureChunk> chunkSide;
    private final TupleTag<ChunkUnits> unitSide;

    AttachFn(TupleTag<MixtureChunk> chunkSide, TupleTag<ChunkUnits> unitSide) {
      this.chunkSide = chunkSide;
      this.unitSide = unitSide;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> file, OutputReceiver<MixtureChunk> out) {
      for (MixtureChunk chunk : file.getValue().getAll(chunkSide)) {
        out.output(chunk.hasSpeechUnits() ? chunk.withUnits(ChunkUnits.merge(file.getValue().getAll(unitSide))) : chunk);
      }
    }
  }

  /** Every file's chunk, with its offsets in its dataset and its number in the mixture. */
  private static final class NumberFn extends DoFn<List<KV<Integer, FileCount>>, MixtureChunk> {
    private final List<DatasetConfig> datasets;
    private final long seed;

    NumberFn(List<DatasetConfig> datasets, long seed) {
      this.datasets = datasets;
      this.seed = seed;
    }

    @ProcessElement
    public void process(@Element List<KV<Integer, FileCount>> counts, OutputReceiver<MixtureChunk> out) {
      List<KV<Integer, FileCount>> sorted = new ArrayList<>(counts);
      sorted.sort(Comparator.<KV<Integer, FileCount>>comparingInt(KV::getKey).thenComparing(c -> c.getValue().source()));
      long[] lengths = new long[datasets.size()];
      for (KV<Integer, FileCount> c : sorted) {
        lengths[c.getKey()] += c.getValue().kept();
      }
      long ordinal = 0;
      int dataset = -1;
      long rows = 0;
      long kept = 0;
      for (KV<Integer, FileCount> c : sorted) {
        if (c.getKey() != dataset) {
          dataset = c.getKey();
          rows = 0;
          kept = 0;
        }
        FileCount file = c.getValue();
        out.output(new MixtureChunk(datasets.get(dataset), seed, file.source(), rows, kept, lengths[dataset], ordinal++));
        rows += file.rows();
        kept += file.kept();
      }
    }
  }
}
