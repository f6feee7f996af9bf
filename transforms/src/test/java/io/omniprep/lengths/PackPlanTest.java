package io.omniprep.lengths;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PackPlanTest {
  /** First-fit decreasing by the book, scanning every pack: {keys} per pack. */
  private static List<List<String>> naive(List<String> keys, List<Long> tokens, long size) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing((Integer i) -> -tokens.get(i)).thenComparing(i -> i));
    List<List<String>> packs = new ArrayList<>();
    List<Long> used = new ArrayList<>();
    for (int i : order) {
      int at = -1;
      for (int p = 0; p < packs.size() && tokens.get(i) <= size; p++) {
        if (used.get(p) <= size && used.get(p) + tokens.get(i) <= size) {
          at = p;
          break;
        }
      }
      if (at < 0) {
        packs.add(new ArrayList<>());
        used.add(tokens.get(i) > size ? Long.MAX_VALUE / 2 : 0L);
        at = packs.size() - 1;
      }
      packs.get(at).add(keys.get(i));
      used.set(at, used.get(at) + tokens.get(i));
    }
    return packs;
  }

  @Test
  void matchesFirstFitDecreasingByTheBook() {
    Random random = new Random(7);
    for (int round = 0; round < 20; round++) {
      List<String> keys = new ArrayList<>();
      List<Long> tokens = new ArrayList<>();
      PackPlan.Builder plan = new PackPlan.Builder(1000);
      for (int i = 0; i < 300; i++) {
        keys.add("k" + i);
        tokens.add((long) random.nextInt(round % 4 == 0 ? 1200 : 600)); // some rounds have samples over the size
        plan.add("train", keys.get(i), tokens.get(i));
      }
      List<List<String>> actual = new ArrayList<>();
      for (PackPlan.Pack pack : plan.build().packs().get("train")) {
        actual.add(pack.keys());
      }
      assertEquals(naive(keys, tokens, 1000), actual, "round " + round);
    }
  }

  @Test
  void efficiencyIsTokensUsedOverTheSpaceOffered() {
    PackPlan.Builder builder = new PackPlan.Builder(10);
    for (long t : new long[] {6, 5, 4, 3, 2}) {
      builder.add("train", "k" + t, t);
    }
    builder.add("val", "v", 7);
    PackPlan plan = builder.build();
    // train: {6,4} {5,3,2}; val: {7}: 27 tokens in 3 packs of 10.
    assertEquals(List.of(List.of("k6", "k4"), List.of("k5", "k3", "k2")),
        plan.packs().get("train").stream().map(PackPlan.Pack::keys).toList());
    assertEquals(0.9, plan.efficiency(), 1e-12);
  }
}
