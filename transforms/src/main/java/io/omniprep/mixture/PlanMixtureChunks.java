package io.omniprep.mixture;

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
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * The chunk-local plan of a mixture: one {@link MixtureChunk} per table file of each dataset. A
 * first pass counts each file's rows and the rows its dataset's filters keep (in parallel, nothing
 * but the counts leaving the worker); the counts, gathered, give each file its offsets within its
 * dataset and each dataset its filtered length, which is all a chunk needs to number its rows and
 * select them as the whole dataset would. Chunks are numbered by dataset (config order), then file
 * name, and spread over the workers.
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
    PCollectionList<KV<Integer, FileCount>> counts = PCollectionList.empty(input.getPipeline());
    List<DatasetConfig> datasets = config.datasets();
    for (int i = 0; i < datasets.size(); i++) {
      DatasetConfig dataset = datasets.get(i);
      counts = counts.and(
          input
              .apply("Files of " + dataset.name(), Create.of(dataset.jsonPath()).withCoder(StringUtf8Coder.of()))
              .apply("Match " + dataset.name(), FileIO.matchAll())
              .apply("Count rows of " + dataset.name(), ParDo.of(new CountFn(i, dataset)))
              .setCoder(countCoder));
    }
    return counts
        .apply("All file counts", Flatten.pCollections())
        .apply("Gather file counts", Combine.globally(CollectList.<KV<Integer, FileCount>>create()))
        .setCoder(ListCoder.of(countCoder))
        .apply("Number chunks", ParDo.of(new NumberFn(datasets, seed)))
        .setCoder(SerializableCoder.of(MixtureChunk.class))
        .apply("Spread chunks", Reshuffle.viaRandomKey());
  }

  /** A file's rows and the rows its dataset's filters keep, read as the chunk will read them, uncounted. */
  private static final class CountFn extends DoFn<MatchResult.Metadata, KV<Integer, FileCount>> {
    private final int index;
    private final DatasetConfig dataset;

    CountFn(int index, DatasetConfig dataset) {
      this.index = index;
      this.dataset = dataset;
    }

    @ProcessElement
    public void process(@Element MatchResult.Metadata file, OutputReceiver<KV<Integer, FileCount>> out) throws IOException {
      FilteredRows rows = FilteredRows.read(file, dataset.format(), dataset.columns(), dataset.filter(), null, false,
          new FilteredRows.Receiver() {
            @Override
            public void kept(TableRow row) {}

            @Override
            public void failed(FailedRecord failure) {}
          });
      out.output(KV.of(index, rows.count()));
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
