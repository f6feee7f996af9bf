package io.omniprep.wds;

import io.omniprep.io.AtomicFiles;
import io.omniprep.metrics.Counters;
import io.omniprep.wds.format.EnergonMetadata;
import io.omniprep.wds.format.EnergonShardSplit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once every shard is written: {@code .nv-meta/.info.yaml} (Energon 4.x, which Pai pins), {@code
 * .info.json} (Energon 7+), {@code split.yaml} and {@code dataset.yaml}, so the output loads without
 * running {@code energon prepare}. Empty shards are left out, as Energon requires. Last, the
 * temporary files of writers killed mid-write (a crash, a lost worker) are deleted: nothing writes
 * to these folders any more.
 */
final class WriteEnergonMetadataFn extends DoFn<List<ShardInfo>, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(WriteEnergonMetadataFn.class);

  private final String outputDirectory;
  private final Splits splits;
  private final SampleLayout layout;

  WriteEnergonMetadataFn(String outputDirectory, Splits splits, SampleLayout layout) {
    this.outputDirectory = outputDirectory;
    this.splits = splits;
    this.layout = layout;
  }

  @ProcessElement
  public void process(@Element List<ShardInfo> shards) throws IOException {
    // Energon lists shards in its own sorted order, and wants no empty ones.
    Map<String, Long> samplesByPath = new HashMap<>();
    for (ShardInfo s : shards) {
      if (s.samples() > 0) {
        samplesByPath.put(s.path(), s.samples());
      }
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String name : EnergonShardSplit.sorted(samplesByPath.keySet())) {
      counts.put(name, samplesByPath.get(name));
    }
    EnergonShardSplit.Result parts = ShardSplits.assign(shards, splits);
    if (!parts.unassigned().isEmpty()) {
      LOG.warn("Energon's ratio split leaves shards {} in no split (float rounding, as energon prepare does)", parts.unassigned());
    }
    if (parts.train().isEmpty()) {
      LOG.warn("The train split is empty: Energon cannot train on this dataset (split {}, {} shards)", splits, counts.size());
      Counters.named("energon_train_split_empty").inc();
    }
    ResourceId dir = AtomicFiles.resolve(AtomicFiles.directory(outputDirectory), ".nv-meta/x").getCurrentDirectory();
    write(dir, ".info.yaml", EnergonMetadata.infoYaml(counts));
    write(dir, ".info.json", EnergonMetadata.infoJson(null, counts));
    write(dir, "split.yaml", EnergonMetadata.splitYaml(parts.train(), parts.val(), parts.test()));
    write(dir, "dataset.yaml", layout.datasetYaml());
    deleteLeftoverTemporaries(shards, dir);
  }

  private void deleteLeftoverTemporaries(List<ShardInfo> shards, ResourceId metadataDirectory) throws IOException {
    ResourceId output = AtomicFiles.directory(outputDirectory);
    Map<String, ResourceId> folders = new LinkedHashMap<>();
    folders.put(output.toString(), output);
    folders.put(metadataDirectory.toString(), metadataDirectory);
    List<ResourceId> files = new java.util.ArrayList<>();
    files.add(WriteJournal.location(output, "chunks/x"));
    files.add(AtomicFiles.resolve(output, io.omniprep.errors.WriteErrors.DIRECTORY + "/x"));
    for (ShardInfo s : shards) {
      files.add(AtomicFiles.resolve(output, s.path()));
      files.add(WriteJournal.location(output, "shards/" + s.path()));
    }
    for (ResourceId file : files) {
      folders.putIfAbsent(file.getCurrentDirectory().toString(), file.getCurrentDirectory());
    }
    int deleted = 0;
    for (ResourceId folder : folders.values()) {
      deleted += AtomicFiles.deleteLeftoverTemporaries(folder);
    }
    if (deleted > 0) {
      LOG.info("Deleted {} temporary files left by interrupted writers", deleted);
      Counters.named("leftover_temporaries_deleted").inc(deleted);
    }
  }

  private static void write(ResourceId dir, String name, String text) throws IOException {
    AtomicFiles.write(AtomicFiles.resolve(dir, name), out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }
}
