package io.omniprep.lengths;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * First-fit-decreasing packs of at most {@code size} tokens, per split: samples by total tokens,
 * longest first (ties in {@code lengths.jsonl} order), each into the first pack, in the order packs
 * were opened, that still has room, else into a new pack. Deterministic: the same lengths give the
 * same packs. A sample longer than {@code size} fits no pack: it gets one of its own, counted as
 * over. Hand-written (no maintained Java library offers bin packing this small): the first pack
 * with room is found in a max-tree of the packs' free room, O(log packs) a sample.
 */
public final class PackPlan {
  private final long size;
  private final Map<String, List<Pack>> bySplit;

  private PackPlan(long size, Map<String, List<Pack>> bySplit) {
    this.size = size;
    this.bySplit = bySplit;
  }

  /** One pack: its samples' keys in the order placed, and their tokens. */
  public record Pack(List<String> keys, long tokens) {}

  /** The packs of each split (the empty name for shards split by Energon), splits in the order first met. */
  public Map<String, List<Pack>> packs() {
    return bySplit;
  }

  /** Tokens used over tokens offered ({@code size} times the packs), for all splits together. */
  public double efficiency() {
    long used = 0;
    long packs = 0;
    for (List<Pack> list : bySplit.values()) {
      for (Pack p : list) {
        used += Math.min(p.tokens(), size);
        packs++;
      }
    }
    return packs == 0 ? 0 : used / (double) (size * packs);
  }

  /** {@code {"pack_to", "packs", "efficiency", "samples_over", "by_split": {...}}}. */
  public ObjectNode summary() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("pack_to", size);
    long packs = bySplit.values().stream().mapToLong(List::size).sum();
    node.put("packs", packs);
    node.put("efficiency", Math.round(efficiency() * 1e6) / 1e6);
    node.put("samples_over", bySplit.values().stream().flatMap(List::stream).filter(p -> p.tokens() > size).count());
    ObjectNode splits = node.putObject("by_split");
    bySplit.forEach((split, list) -> splits.put(split, list.size()));
    return node;
  }

  /** One line a pack: {@code {"split": S, "tokens": T, "keys": [...]}}. */
  public void writeJsonLines(OutputStream out) throws IOException {
    JsonStringEncoder json = JsonStringEncoder.getInstance();
    for (Map.Entry<String, List<Pack>> split : bySplit.entrySet()) {
      String name = split.getKey().isEmpty() ? "null" : "\"" + new String(json.quoteAsString(split.getKey())) + "\"";
      for (Pack pack : split.getValue()) {
        StringBuilder line = new StringBuilder("{\"split\":").append(name).append(",\"tokens\":").append(pack.tokens()).append(",\"keys\":[");
        for (int i = 0; i < pack.keys().size(); i++) {
          line.append(i == 0 ? "\"" : ",\"").append(json.quoteAsString(pack.keys().get(i))).append('"');
        }
        out.write(line.append("]}\n").toString().getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** Collects samples, then packs them. */
  public static final class Builder {
    private final long size;
    private final Map<String, List<Item>> items = new LinkedHashMap<>();

    public Builder(long size) {
      this.size = size;
    }

    private record Item(String key, long tokens, long order) {}

    public void add(@Nullable String split, String key, long tokens) {
      List<Item> list = items.computeIfAbsent(split == null ? "" : split, s -> new ArrayList<>());
      list.add(new Item(key, tokens, list.size()));
    }

    public PackPlan build() {
      if (size <= 0) {
        throw new IllegalArgumentException("--packTo must be positive, was " + size);
      }
      Map<String, List<Pack>> bySplit = new LinkedHashMap<>();
      items.forEach((split, list) -> bySplit.put(split, pack(list)));
      return new PackPlan(size, bySplit);
    }

    private List<Pack> pack(List<Item> list) {
      List<Item> sorted = new ArrayList<>(list);
      sorted.sort(Comparator.comparingLong(Item::tokens).reversed().thenComparingLong(Item::order));
      FreeRoom room = new FreeRoom(sorted.size());
      List<List<String>> keys = new ArrayList<>();
      List<Long> tokens = new ArrayList<>();
      for (Item item : sorted) {
        boolean over = item.tokens() > size;
        int at = over ? -1 : room.firstWith(item.tokens());
        if (at < 0) {
          at = keys.size();
          keys.add(new ArrayList<>());
          tokens.add(0L);
        }
        keys.get(at).add(item.key());
        tokens.set(at, tokens.get(at) + item.tokens());
        room.set(at, over ? -1 : size - tokens.get(at));
      }
      List<Pack> packs = new ArrayList<>(keys.size());
      for (int i = 0; i < keys.size(); i++) {
        packs.add(new Pack(List.copyOf(keys.get(i)), tokens.get(i)));
      }
      return packs;
    }
  }

  /** The free room of packs 0..n-1 (-1 before a pack is opened) in a max-tree: the first with room for a sample. */
  private static final class FreeRoom {
    private final int leaves;
    private final long[] tree;

    FreeRoom(int n) {
      int l = 1;
      while (l < Math.max(1, n)) {
        l <<= 1;
      }
      leaves = l;
      tree = new long[2 * l];
      java.util.Arrays.fill(tree, -1);
    }

    void set(int pack, long free) {
      int i = pack + leaves;
      tree[i] = free;
      for (i >>= 1; i >= 1; i >>= 1) {
        tree[i] = Math.max(tree[2 * i], tree[2 * i + 1]);
      }
    }

    /** The first opened pack whose free room is at least {@code need}, or -1. */
    int firstWith(long need) {
      if (tree[1] < need) {
        return -1;
      }
      int i = 1;
      while (i < leaves) {
        i = tree[2 * i] >= need ? 2 * i : 2 * i + 1;
      }
      return i - leaves;
    }
  }
}
