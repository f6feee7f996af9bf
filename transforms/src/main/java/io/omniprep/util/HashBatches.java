package io.omniprep.util;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.values.KV;

/**
 * One chunk's small items gathered into at most {@link #GROUPS} batches (or as many as asked) by a
 * hash of their key, for an exchange that must bring equal keys together (repeated ids, files
 * packed twice, media probes): a chunk then sends a few dozen elements instead of one per item, so
 * the exchange sorts hundreds of elements rather than millions; each group's items meet in one
 * worker, about 1/groups of them.
 */
public final class HashBatches<T> {
  public static final int GROUPS = 64;

  private final Function<T, ?> key;
  private final int groupCount;
  private final Map<Integer, List<T>> groups = new TreeMap<>();

  public HashBatches(Function<T, ?> key) {
    this(key, GROUPS);
  }

  /** With {@code groupCount} groups: more where a group's items are held at once, to bound that memory. */
  public HashBatches(Function<T, ?> key, int groupCount) {
    this.key = key;
    this.groupCount = groupCount;
  }

  /** The coder of the batches {@link #emit} hands on. */
  public static <T> Coder<KV<Integer, List<T>>> coder(Coder<T> itemCoder) {
    return KvCoder.of(VarIntCoder.of(), ListCoder.of(itemCoder));
  }

  public void add(T item) {
    groups.computeIfAbsent(Math.floorMod(key.apply(item).hashCode(), groupCount), g -> new ArrayList<>()).add(item);
  }

  /**
   * Where one group's batches meet: its items by key, each key's in the order met. The whole group
   * is held, about 1/groups of the items.
   */
  public static <K, V> Map<K, List<V>> byKey(Iterable<List<KV<K, V>>> batches) {
    Map<K, List<V>> byKey = new HashMap<>();
    for (List<KV<K, V>> batch : batches) {
      for (KV<K, V> item : batch) {
        byKey.computeIfAbsent(item.getKey(), k -> new ArrayList<>(1)).add(item.getValue());
      }
    }
    return byKey;
  }

  /** Hands each non-empty group's batch to {@code out}, in group order. */
  public void emit(Consumer<KV<Integer, List<T>>> out) {
    groups.forEach((group, items) -> out.accept(KV.of(group, items)));
  }
}
