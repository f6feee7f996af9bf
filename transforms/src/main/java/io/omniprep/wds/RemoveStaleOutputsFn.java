package io.omniprep.wds;

import io.omniprep.dedup.HashParts;
import io.omniprep.dedup.ValidatedParts;
import io.omniprep.drop.DroppedParts;
import io.omniprep.errors.ErrorParts;
import io.omniprep.io.AtomicFiles;
import io.omniprep.io.NumberedParts;
import io.omniprep.lengths.LengthParts;
import io.omniprep.metrics.Counters;
import io.omniprep.stats.SampleTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.PCollectionView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first of the last steps, once every unit is written: deletes what an earlier run into the same
 * folder left and this run did not write, so the folder holds this run's output only (a reader that
 * globs {@code *.tar} or {@code _errors/*} would otherwise read the other run's too). That is: the
 * shards any unit's journal names ({@link WriteJournal#earlier}) that are not among this run's, with
 * their {@code .tar.idx}, stats and index rows; the journals and the numbered parts (errors,
 * dropped, lengths, sample table) of units this run does not have; the hashes handed from the dedup
 * pass to the writers; and the files of a feature this run does not use ({@code
 * notWritten}, e.g. {@code lengths.jsonl} of an earlier run with {@code --tokenizer}). Then passes
 * the list of shards on.
 */
final class RemoveStaleOutputsFn extends DoFn<List<ShardInfo>, List<ShardInfo>> {
  private static final Logger LOG = LoggerFactory.getLogger(RemoveStaleOutputsFn.class);
  private static final List<NumberedParts> UNIT_PARTS = List.of(ErrorParts.PARTS, DroppedParts.PARTS, LengthParts.PARTS, SampleTable.PARTS);

  private final String outputDirectory;
  private final PCollectionView<List<Long>> units;
  private final List<String> notWritten;

  RemoveStaleOutputsFn(String outputDirectory, PCollectionView<List<Long>> units, List<String> notWritten) {
    this.outputDirectory = outputDirectory;
    this.units = units;
    this.notWritten = List.copyOf(notWritten);
  }

  @ProcessElement
  public void process(@Element List<ShardInfo> shards, OutputReceiver<List<ShardInfo>> out, ProcessContext context) throws IOException {
    ResourceId dir = AtomicFiles.directory(outputDirectory);
    Set<Long> kept = new HashSet<>(context.sideInput(units));
    Set<String> stale = new TreeSet<>();
    List<ResourceId> journalsGone = new ArrayList<>();
    List<WriteJournal> keptNamingEarlier = new ArrayList<>();
    List<ResourceId> keptNamingEarlierAt = new ArrayList<>();
    for (Map.Entry<Long, ResourceId> file : WriteJournal.CHUNKS.list(dir).entrySet()) {
      Optional<WriteJournal> journal = WriteJournal.readAny(file.getValue());
      journal.ifPresent(read -> stale.addAll(read.shardsNamed()));
      if (!kept.contains(file.getKey())) {
        journalsGone.add(file.getValue());
      } else if (journal.isPresent() && !journal.get().earlier().isEmpty()) {
        keptNamingEarlier.add(journal.get());
        keptNamingEarlierAt.add(file.getValue());
      }
    }
    for (ShardInfo shard : shards) {
      stale.remove(shard.path());
    }
    long shardsFound = countExisting(dir, stale);
    List<ResourceId> files = new ArrayList<>();
    for (String path : stale) {
      files.addAll(ShardWriter.filesOf(dir, path));
    }
    for (String name : notWritten) {
      files.add(AtomicFiles.resolve(dir, name));
    }
    AtomicFiles.delete(files);
    AtomicFiles.delete(journalsGone);
    // the earlier shards are gone: the journals of this run's units stop naming them
    for (int i = 0; i < keptNamingEarlier.size(); i++) {
      WriteJournal j = keptNamingEarlier.get(i);
      new WriteJournal(j.fingerprint(), j.shards(), j.failures()).write(keptNamingEarlierAt.get(i));
    }
    int parts = journalsGone.size();
    for (NumberedParts kind : UNIT_PARTS) {
      parts += kind.deleteExcept(dir, kept);
    }
    HashParts.PARTS.deleteExcept(dir, Set.of());
    ValidatedParts.PARTS.deleteExcept(dir, Set.of()); // the writers read theirs: all are done with
    AtomicFiles.deleteEmptyDirectory(AtomicFiles.resolve(dir, ValidatedParts.PARTS.folder()));
    if (shardsFound > 0 || parts > 0) {
      LOG.info("Removed what an earlier run left and this one did not write: {} shards, {} parts of other units", shardsFound, parts);
      Counters.named("stale_shards_removed").inc(shardsFound);
      Counters.named("stale_parts_removed").inc(parts);
    }
    out.output(shards);
  }

  /** How many of the shards {@code paths} have a tar on disk (one request for all). */
  private static long countExisting(ResourceId dir, Set<String> paths) throws IOException {
    if (paths.isEmpty()) {
      return 0;
    }
    List<String> specs = new ArrayList<>();
    for (String path : paths) {
      specs.add(AtomicFiles.resolve(dir, path).toString());
    }
    long found = 0;
    for (MatchResult r : FileSystems.match(specs, EmptyMatchTreatment.ALLOW)) {
      if (r.status() == MatchResult.Status.OK && !r.metadata().isEmpty()) {
        found++;
      }
    }
    return found;
  }
}
