package io.omniprep.wds;

import io.omniprep.sample.Sample;
import io.omniprep.shuffle.Shuffle;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How the samples of one input chunk become shards, decided within the chunk alone, so that the
 * worker that parsed a chunk writes its shards and no sample crosses a shuffle:
 *
 * <ul>
 *   <li>{@code --splitMode=sample}: the chunk's valid samples are dealt to the splits by their rank
 *       within the chunk ({@link Splits#locate}: of every 10 samples at 9,1,0, 9 to train and 1 to
 *       val, one of each weighted split first), one slot per weighted split;
 *       {@code --splitMode=shard}: one slot, split later by energon's own rule.
 *   <li>Shard numbers are {@code ordinal × slots + slot}: a function of the input bytes only.
 *   <li>A slot's samples are cut when the next sample would take the shard past {@code
 *       --maxShardBytes} or {@code --maxSamplesPerShard} (a chunk of a JSON input never holds more
 *       records; a table file of a mixture or a shuffle bucket may); the continuation shards are
 *       named {@code NAME_1.tar}, {@code NAME_2.tar}.
 *   <li>With {@code --shuffle}, the set's samples are first put in the shuffle's order ({@link
 *       Shuffle#sorted}), so that the splits are dealt and the shards filled in that order.
 * </ul>
 */
final class ChunkShards implements Serializable {
  private final Splits splits;
  private final String shardPattern;
  private final long maxShardBytes;
  private final int maxSamplesPerShard;
  private final @Nullable Shuffle shuffle;
  private final List<Integer> slotSplits;

  ChunkShards(Splits splits, String shardPattern, long maxShardBytes, int maxSamplesPerShard, @Nullable Shuffle shuffle) {
    this.splits = splits;
    this.shardPattern = shardPattern;
    this.maxShardBytes = maxShardBytes;
    this.maxSamplesPerShard = maxSamplesPerShard;
    this.shuffle = shuffle;
    List<Integer> slots = new ArrayList<>();
    if (splits.mode() == Splits.Mode.SAMPLE) {
      for (int split = 0; split < Splits.NAMES.size(); split++) {
        if (splits.weight(split) > 0) {
          slots.add(split);
        }
      }
    } else {
      slots.add(-1);
    }
    this.slotSplits = List.copyOf(slots);
  }

  /** One shard to write: its number, path, split (empty when decided per shard), samples. */
  record Planned(int number, String path, String split, List<Sample> samples) {}

  /** The shards of chunk (or record set) {@code ordinal}, whose valid samples are {@code inRecordOrder}. */
  List<Planned> plan(long ordinal, List<Sample> inRecordOrder) {
    List<Sample> samples = shuffle == null ? inRecordOrder : shuffle.sorted(inRecordOrder, Sample::key);
    List<List<Sample>> bySlot = new ArrayList<>();
    for (int i = 0; i < slotSplits.size(); i++) {
      bySlot.add(new ArrayList<>());
    }
    for (int rank = 0; rank < samples.size(); rank++) {
      int slot = splits.mode() == Splits.Mode.SAMPLE ? slotSplits.indexOf((int) splits.locate(rank)[0]) : 0;
      bySlot.get(slot).add(samples.get(rank));
    }
    List<Planned> shards = new ArrayList<>();
    for (int slot = 0; slot < bySlot.size(); slot++) {
      long number = ordinal * slotSplits.size() + slot;
      if (number > Integer.MAX_VALUE) {
        throw new IllegalStateException("more than 2^31 shards: raise --maxSamplesPerShard");
      }
      String split = slotSplits.get(slot) < 0 ? "" : Splits.NAMES.get(slotSplits.get(slot));
      int part = 0;
      List<Sample> current = new ArrayList<>();
      long bytes = 0;
      for (Sample sample : bySlot.get(slot)) {
        if (!current.isEmpty() && (bytes + sample.resolvedBytes() > maxShardBytes || current.size() >= maxSamplesPerShard)) {
          shards.add(new Planned((int) number, path((int) number, part++), split, current));
          current = new ArrayList<>();
          bytes = 0;
        }
        current.add(sample);
        bytes += sample.resolvedBytes();
      }
      if (!current.isEmpty()) {
        shards.add(new Planned((int) number, path((int) number, part), split, current));
      }
    }
    return shards;
  }

  /** The input chunk that wrote shard {@code number} (numbers are {@code ordinal × slots + slot}). */
  long chunkOf(int number) {
    return number / slotSplits.size();
  }

  /** {@code shard-000012.tar}, or {@code shard-000012_1.tar} for its first continuation. */
  String path(int number, int part) {
    String first = String.format(Locale.ROOT, shardPattern, number);
    return part == 0 ? first : first.substring(0, first.length() - ".tar".length()) + "_" + part + ".tar";
  }
}
