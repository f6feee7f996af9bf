package io.omniprep.wds;

import io.omniprep.io.AtomicFiles;
import io.omniprep.stats.SampleTable;
import java.io.IOException;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * The last step of the sample table, on the list of written shards: appends the parts of the chunks
 * that wrote samples, in chunk order, into {@code OUTPUT/samples.parquet}, then passes the list on
 * to the steps after it.
 */
final class WriteSampleTableFn extends DoFn<List<ShardInfo>, List<ShardInfo>> {
  private final String outputDirectory;
  private final ChunkShards chunks;

  WriteSampleTableFn(String outputDirectory, ChunkShards chunks) {
    this.outputDirectory = outputDirectory;
    this.chunks = chunks;
  }

  @ProcessElement
  public void process(@Element List<ShardInfo> shards, OutputReceiver<List<ShardInfo>> out) throws IOException {
    TreeSet<Long> ordinals = new TreeSet<>();
    for (ShardInfo shard : shards) {
      if (shard.samples() > 0) {
        ordinals.add(chunks.chunkOf(shard.number()));
      }
    }
    SampleTable.concatenate(AtomicFiles.directory(outputDirectory), List.copyOf(ordinals));
    out.output(shards);
  }
}
