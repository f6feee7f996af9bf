package io.omniprep.wds;

import io.omniprep.dedup.Drop;
import io.omniprep.dedup.HashParts;
import io.omniprep.dedup.ValidatedParts;
import io.omniprep.llava.JsonChunk;
import io.omniprep.drop.DroppedParts;
import io.omniprep.drop.DroppedSample;
import io.omniprep.errors.FailedRecord;
import io.omniprep.lengths.ChunkLengths;
import io.omniprep.lengths.LengthParts;
import io.omniprep.lengths.MeasureLengths;
import io.omniprep.lengths.SequenceLengths;
import io.omniprep.filter.ChunkDrops;
import io.omniprep.filter.SampleFilter;
import io.omniprep.io.AtomicFiles;
import io.omniprep.metrics.Counters;
import io.omniprep.report.ProfileSamples;
import io.omniprep.report.SampleProfile;
import io.omniprep.sample.ByteRange;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.Sample;
import io.omniprep.stats.SampleRow;
import io.omniprep.stats.SampleTable;
import io.omniprep.validate.SampleValidator;
import io.omniprep.validate.ChunkStageFn;
import io.omniprep.chunk.InputChunk;
import io.omniprep.validate.ValidatedChunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Everything one input chunk (or, with {@code --shuffle}, one bucket's {@link io.omniprep.llava.RecordSet}) goes
 * through, in the worker that received its descriptor: parse,
 * validate, check against the layout, leave out what the size rules refuse and the duplicates
 * {@code --dedup} decided (side input {@code drops}; both listed in {@code _dropped/}; with {@code
 * carried}, the chunk as the dedup pass validated it, {@link ValidatedParts}), deal to
 * splits and shards ({@link ChunkShards}), read the media and write the shards, the chunk's part of
 * the sample table ({@link SampleTable}; with {@code phashed} ({@code --dedup=phash}) its {@code phash} column
 * from the hashes the dedup pass left, {@link HashParts}) and its errors part. Only small results leave it: the
 * written shards' {@link ShardInfo}, the failures (for the report), the record ids (to count
 * repeats), the chunk's ordinal when it has table rows, and with {@code --report} each sample's
 * {@link SampleProfile}. With lengths, each sample is measured as it is validated (too long:
 * refused), its JSON member carries them, and the chunk writes its part of {@code lengths.jsonl}
 * ({@link LengthParts}).
 *
 * <p>A rerun takes a chunk from its journal when the journal's fingerprint (the chunk's bytes, its
 * valid samples with their resolved media, the writer's options) matches and its shards are on
 * disk; otherwise the chunk is written anew.
 */
final class WriteChunkFn<C extends InputChunk> extends ChunkStageFn<C, ShardInfo> {
  private final SampleLayout layout;
  private final ShardWriter writer;
  private final ChunkShards shards;
  private final String optionsFingerprint;
  private final boolean overwrite;
  private final @Nullable TupleTag<SampleProfile> profiles;
  private final @Nullable MeasureLengths lengths;
  private final SampleFilter filter;
  private final @Nullable PCollectionView<Map<Long, Iterable<Drop>>> drops;
  private final boolean carried;
  private final boolean phashed;
  private transient ProfileSamples.@Nullable Profiler profiler;

  WriteChunkFn(SampleValidator validator, SampleLayout layout, ShardWriter writer, ChunkShards shards, long maxRecordBytes,
      String optionsFingerprint, boolean overwrite, TupleTag<FailedRecord> failures, TupleTag<KV<Integer, List<String>>> ids,
      @Nullable TupleTag<SampleProfile> profiles, @Nullable MeasureLengths lengths, SampleFilter filter,
      @Nullable PCollectionView<Map<Long, Iterable<Drop>>> drops, boolean carried, boolean phashed) {
    super(validator, maxRecordBytes, writer.outputDirectory().toString(), failures, ids);
    this.layout = layout;
    this.writer = writer;
    this.shards = shards;
    this.optionsFingerprint = optionsFingerprint;
    this.overwrite = overwrite;
    this.profiles = profiles;
    this.lengths = lengths;
    this.filter = filter;
    this.drops = drops;
    this.carried = carried;
    this.phashed = phashed;
  }

  private static long samples(WriteJournal journal) {
    return journal.shards().stream().mapToLong(ShardInfo::samples).sum();
  }

  private static boolean exists(ResourceId file) {
    try {
      return AtomicFiles.exists(file);
    } catch (IOException e) {
      return false; // unknown: write the chunk again
    }
  }

  @Setup
  public void setup() {
    if (lengths != null) {
      lengths.preload(); // loads while the first chunk is read and parsed
    }
  }

  @ProcessElement
  public void process(@Element C chunk, MultiOutputReceiver out, ProcessContext context) throws IOException {
    long ordinal = chunk.ordinal();
    ChunkLengths measured = lengths == null ? null : new ChunkLengths(lengths);
    Optional<ValidatedParts.Part> carry =
        carried && chunk instanceof JsonChunk json ? ValidatedParts.read(writer.outputDirectory(), json) : Optional.empty();
    ValidatedChunk checked = carry.isPresent()
        ? validated(chunk, carry.get().checked(), carry.get().ids(), out)
        : validate(chunk,
            sample -> WriteWebDataset.refusal(layout, sample).or(() -> measured == null ? Optional.empty() : measured.check(sample)), out);
    ChunkDrops decided = ChunkDrops.apply(checked.valid(), filter, drops == null ? List.of() : duplicates(chunk, context.sideInput(drops)));
    List<Sample> valid = decided.kept();
    List<FailedRecord> failed = checked.failed();

    Fingerprint fingerprint = new Fingerprint().add(optionsFingerprint).add(checked.digest());
    for (DroppedSample dropped : decided.dropped()) {
      fingerprint.add("dropped " + dropped.sample().key());
    }
    for (Sample sample : valid) {
      for (MediaRef ref : sample.media()) {
        if (ref.resolved() != null) {
          for (ByteRange range : ref.resolved().parts()) {
            fingerprint.add(range.resource()).add(range.offset() + ":" + range.length());
          }
        }
      }
    }
    String made = fingerprint.hex();
    ResourceId dir = writer.outputDirectory();
    ResourceId journalFile = WriteJournal.CHUNKS.location(dir, ordinal);
    ResourceId tablePart = SampleTable.partLocation(dir, ordinal);
    Optional<WriteJournal> done = (overwrite ? Optional.<WriteJournal>empty() : WriteJournal.readIfComplete(journalFile, made, writer))
        .filter(j -> samples(j) == 0 || exists(tablePart));
    WriteJournal journal;
    if (done.isPresent()) {
      journal = done.get();
      Counters.named("shards_resumed").inc(journal.shards().size());
    } else {
      List<ChunkShards.Planned> plan = shards.plan(ordinal, valid);
      Set<String> mayLeave = new TreeSet<>();
      WriteJournal.readAny(journalFile).ifPresent(earlier -> mayLeave.addAll(earlier.shardsNamed()));
      plan.forEach(shard -> mayLeave.add(shard.path()));
      if (!mayLeave.isEmpty()) {
        WriteJournal.pending(mayLeave).write(journalFile);
      }
      List<FailedRecord> writeFailures = new ArrayList<>();
      List<ShardInfo> written = new ArrayList<>();
      List<SampleRow> rows = new ArrayList<>();
      Map<String, Map<Long, Long>> phashes = phashed ? phashes(dir, chunk) : Map.of();
      for (ChunkShards.Planned shard : plan) {
        written.add(writer.write(shard.number(), shard.path(), shard.split(), shard.samples(), writeFailures, rows, measured));
        mayLeave.remove(shard.path());
      }
      if (rows.isEmpty()) {
        AtomicFiles.delete(List.of(tablePart));
      } else {
        rows.replaceAll(row -> row.withSource(chunk.keyNameOf(row.source())));
        rows.sort(Comparator.comparing(SampleRow::source).thenComparingLong(SampleRow::position)); // record order, not shard order
        rows.replaceAll(row -> row.withPhash(phashes.getOrDefault(row.source(), Map.of()).get(row.position())));
        SampleTable.writePart(dir, ordinal, rows);
      }
      journal = new WriteJournal(made, written, writeFailures, List.copyOf(mayLeave));
      journal.write(journalFile);
      Counters.named("shards_written").inc(written.size());
    }
    failed.addAll(journal.failures());

    for (ShardInfo shard : journal.shards()) {
      Counters.written().inc(shard.samples());
      out.get(WriteWebDataset.SHARDS).output(shard);
    }
    finish(chunk, failed, out);
    if (measured != null) {
      measured.count();
      LengthParts.write(dir, ordinal, lengthRows(ordinal, valid, journal.failures(), measured));
    }
    DroppedParts.write(dir, ordinal, decided.dropped());
    if (profiles != null) {
      if (profiler == null) {
        profiler = new ProfileSamples.Profiler();
      }
      for (Sample sample : valid) {
        out.get(profiles).output(profiler.profile(sample));
      }
    }
  }

  /** What {@code --dedup} decided for the samples of {@code chunk}: the drops of each input chunk its records come from. */
  private static List<Drop> duplicates(InputChunk chunk, Map<Long, Iterable<Drop>> byChunk) {
    List<Drop> found = new ArrayList<>();
    for (long input : chunk.inputChunks().keySet()) {
      byChunk.getOrDefault(input, List.of()).forEach(found::add);
    }
    return found;
  }

  /** The perceptual hashes the dedup pass left for the input chunks {@code chunk}'s records come from, by key name and position. */
  private static Map<String, Map<Long, Long>> phashes(ResourceId dir, InputChunk chunk) throws IOException {
    Map<String, Map<Long, Long>> byName = new HashMap<>();
    for (Map.Entry<Long, String> input : chunk.inputChunks().entrySet()) {
      byName.computeIfAbsent(input.getValue(), name -> new HashMap<>()).putAll(HashParts.read(dir, input.getKey()));
    }
    return byName;
  }

  /** The written samples' lengths rows, in shard order: the chunk's plan again, less the samples that failed when written. */
  private List<LengthParts.Row> lengthRows(long ordinal, List<Sample> valid, List<FailedRecord> writeFailures, ChunkLengths measured) {
    Set<Long> failedPositions = new HashSet<>();
    for (FailedRecord f : writeFailures) {
      failedPositions.add(f.position());
    }
    List<LengthParts.Row> rows = new ArrayList<>();
    for (ChunkShards.Planned shard : shards.plan(ordinal, valid)) {
      for (Sample sample : shard.samples()) {
        SequenceLengths l = measured.of(sample.key());
        if (l != null && !failedPositions.contains(sample.position())) {
          rows.add(new LengthParts.Row(sample.key(), sample.idJson(), shard.split().isEmpty() ? null : shard.split(), l));
        }
      }
    }
    return rows;
  }
}
