package io.omniprep.wds;

import io.omniprep.io.AtomicFiles;
import io.omniprep.metrics.Counters;
import io.omniprep.wds.format.EnergonIndexDb;
import io.omniprep.wds.format.EnergonIndexRows;
import io.omniprep.wds.format.EnergonMetadata;
import io.omniprep.wds.format.EnergonShardSplit;
import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once every shard is written: {@code .nv-meta/index.sqlite} and {@code index.uuid} (Energon 7's
 * random-access index, which joins, {@code aux:} datasets, {@code need_primary} cookers, {@code
 * WebdatasetFileStore} and {@code get_media_metadata} need), {@code .info.yaml} (Energon 4.x,
 * which Pai pins), {@code .info.json} (Energon 7+), {@code split.yaml} and {@code dataset.yaml}, so
 * the output loads without running {@code energon prepare}. Empty shards are left out, as Energon
 * requires. The index is merged from the rows each shard's writer recorded ({@link
 * ShardWriter#indexRowsLocation}); no tar is read. Last, the temporary files of writers killed
 * mid-write (a crash, a lost worker) are deleted: nothing writes to these folders any more.
 */
final class WriteEnergonMetadataFn extends DoFn<List<ShardInfo>, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(WriteEnergonMetadataFn.class);

  private final String outputDirectory;
  private final Splits splits;
  private final String datasetYaml;
  private final boolean energonIndex;

  /** Without {@code energonIndex}, no index is written and an earlier run's is removed. */
  WriteEnergonMetadataFn(String outputDirectory, Splits splits, String datasetYaml, boolean energonIndex) {
    this.outputDirectory = outputDirectory;
    this.splits = splits;
    this.datasetYaml = datasetYaml;
    this.energonIndex = energonIndex;
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
    // Every split that has a weight but no shard: Energon raises EmptyDatasetError when it is asked for.
    List<List<String>> bySplit = List.of(parts.train(), parts.val(), parts.test());
    for (int i = 0; i < bySplit.size(); i++) {
      if (splits.weight(i) > 0 && bySplit.get(i).isEmpty()) {
        String name = Splits.NAMES.get(i);
        LOG.warn("The {} split has weight {} but no shard: Energon cannot load it (split {}, {} shards{})", name, splits.weight(i),
            splits, counts.size(), splits.mode() == Splits.Mode.SHARD ? "; --splitMode=sample gives every weighted split samples" : "");
        Counters.named("energon_" + name + "_split_empty").inc();
      }
    }
    ResourceId dir = AtomicFiles.resolve(AtomicFiles.directory(outputDirectory), ".nv-meta/x").getCurrentDirectory();
    String splitYaml = EnergonMetadata.splitYaml(parts.train(), parts.val(), parts.test());
    if (energonIndex) {
      writeIndex(dir, counts, splitYaml);
    } else {
      AtomicFiles.delete(List.of(AtomicFiles.resolve(dir, "index.sqlite"), AtomicFiles.resolve(dir, "index.uuid")));
    }
    write(dir, ".info.yaml", EnergonMetadata.infoYaml(counts));
    write(dir, ".info.json", EnergonMetadata.infoJson(EnergonMetadata.ENERGON_VERSION, counts));
    write(dir, "split.yaml", splitYaml);
    write(dir, "dataset.yaml", datasetYaml);
    deleteLeftoverTemporaries(shards, dir);
  }

  /**
   * {@code index.sqlite} from the shards' index rows, {@code tar_file_id} in {@code counts}' order
   * (that of {@code .info.json}), built in a local file: beside its target on a local output (then
   * renamed), in the temporary folder otherwise (then uploaded), as SQLite writes local files only.
   * Then {@code index.uuid}. If the index can not be built from what the shards recorded (two samples
   * share a key, which Energon's index refuses too, or a shard's rows are missing), both files are
   * removed with a warning: the dataset still loads sequentially, as before the index existed.
   */
  private void writeIndex(ResourceId dir, Map<String, Long> counts, String splitYaml) throws IOException {
    ResourceId output = AtomicFiles.directory(outputDirectory);
    ResourceId sqliteTarget = AtomicFiles.resolve(dir, "index.sqlite");
    ResourceId uuidTarget = AtomicFiles.resolve(dir, "index.uuid");
    long started = System.nanoTime();
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long startedCpu = threads.getCurrentThreadCpuTime();
    boolean local = AtomicFiles.isLocal(sqliteTarget);
    Path tempDir = null;
    Path file;
    if (local) {
      file = Paths.get(AtomicFiles.temporaryBeside(sqliteTarget).toString());
      Files.createDirectories(file.getParent());
    } else {
      tempDir = Files.createTempDirectory("omniprep-index-");
      file = tempDir.resolve("index.sqlite");
    }
    try {
      String uuid;
      long samples;
      long mediaRows;
      try (EnergonIndexDb db = new EnergonIndexDb(file)) {
        for (Map.Entry<String, Long> shard : counts.entrySet()) {
          List<EnergonIndexRows.Sample> rows;
          try (InputStream in = new BufferedInputStream(
              Channels.newInputStream(FileSystems.open(ShardWriter.indexRowsLocation(output, shard.getKey()))), 1 << 16)) {
            rows = EnergonIndexRows.read(in);
          }
          if (rows.size() != shard.getValue()) {
            throw new IOException("the index rows of " + shard.getKey() + " list " + rows.size() + " samples, the shard "
                + shard.getValue());
          }
          db.addShard(shard.getKey(), rows);
        }
        db.addSplits(splitYaml);
        db.finish();
        uuid = db.uuid();
        samples = db.samples();
        mediaRows = db.mediaRows();
      }
      if (local) {
        Files.move(file, Paths.get(sqliteTarget.toString()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } else {
        Path built = file;
        AtomicFiles.write(sqliteTarget, out -> Files.copy(built, out));
      }
      write(dir, "index.uuid", uuid);
      LOG.info("Wrote Energon's index.sqlite ({} samples, {} with media metadata, {} shards) in {} ms ({} ms CPU)", samples,
          mediaRows, counts.size(), (System.nanoTime() - started) / 1_000_000, (threads.getCurrentThreadCpuTime() - startedCpu) / 1_000_000);
    } catch (EnergonIndexDb.DuplicateKeyException | FileNotFoundException | NoSuchFileException e) {
      LOG.warn("No Energon index.sqlite written (joins, aux datasets and random access need it; sequential loading does not): {}",
          e.getMessage());
      Counters.named("energon_index_not_written").inc();
      AtomicFiles.delete(List.of(sqliteTarget, uuidTarget));
    } finally {
      Files.deleteIfExists(file);
      if (tempDir != null) {
        Files.deleteIfExists(tempDir);
      }
    }
  }

  private void deleteLeftoverTemporaries(List<ShardInfo> shards, ResourceId metadataDirectory) throws IOException {
    ResourceId output = AtomicFiles.directory(outputDirectory);
    Map<String, ResourceId> folders = new LinkedHashMap<>();
    folders.put(output.toString(), output);
    folders.put(metadataDirectory.toString(), metadataDirectory);
    List<ResourceId> files = new java.util.ArrayList<>();
    files.add(WriteJournal.location(output, "chunks/x"));
    files.add(AtomicFiles.resolve(output, io.omniprep.errors.WriteErrors.DIRECTORY + "/x"));
    files.add(io.omniprep.stats.SampleTable.partLocation(output, 0));
    for (ShardInfo s : shards) {
      files.add(AtomicFiles.resolve(output, s.path()));
      files.add(WriteJournal.location(output, "shards/" + s.path()));
      files.add(ShardWriter.indexRowsLocation(output, s.path()));
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
