package io.omniprep.patch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.values.KV;

/**
 * One chunk's packed files as (path, (label, reference)) pairs, batched by a hash of the path for the
 * one exchange {@link WriteMapping} needs to find files packed more than once. A chunk sends at most
 * {@link #GROUPS} elements instead of one per file, so the exchange sorts a few hundred elements
 * rather than every file; a group's pairs then meet in one worker, about 1/{@value #GROUPS} of all
 * paths (some 30 MB for ten million files).
 */
final class PackedPaths implements Consumer<KV<String, KV<String, PackOutcome>>> {
  static final int GROUPS = 64;

  /** A file's path, with the kind it was packed as and where. */
  static final Coder<KV<String, KV<String, PackOutcome>>> PAIR_CODER =
      KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), PackOutcome.Coder.of()));

  /** The elements a chunk sends: a group and its pairs. */
  static final Coder<KV<Integer, List<KV<String, KV<String, PackOutcome>>>>> BATCH_CODER =
      KvCoder.of(VarIntCoder.of(), ListCoder.of(PAIR_CODER));

  private final Map<Integer, List<KV<String, KV<String, PackOutcome>>>> groups = new TreeMap<>();

  @Override
  public void accept(KV<String, KV<String, PackOutcome>> packed) {
    groups.computeIfAbsent(Math.floorMod(packed.getKey().hashCode(), GROUPS), g -> new ArrayList<>()).add(packed);
  }

  /** Hands each non-empty group's batch to {@code out}, in group order. */
  void emit(Consumer<KV<Integer, List<KV<String, KV<String, PackOutcome>>>>> out) {
    groups.forEach((group, pairs) -> out.accept(KV.of(group, pairs)));
  }
}
