package io.omniprep.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

/** The near-duplicate decision on hand-made hashes: buckets, the chain rule, the earliest kept. */
class DecideNearDropsFnTest {
  private static NearOccurrence at(String source, long position, long... hashes) {
    return new NearOccurrence(new Occurrence(source, position, position / 10, source + "-" + position), hashes);
  }

  /** Every sample's drop over all buckets, as the pipeline decides it: each bucket, then the earliest per sample. */
  private static Map<String, Drop> decideAll(List<NearOccurrence> all, int distance) {
    Map<String, List<NearOccurrence>> buckets = new TreeMap<>();
    for (NearOccurrence o : all) {
      for (String bucket : Bands.buckets(o.hashes(), distance)) {
        buckets.computeIfAbsent(bucket, k -> new ArrayList<>()).add(o);
      }
    }
    Map<String, KV<Long, Drop>> earliest = new TreeMap<>();
    for (List<NearOccurrence> bucket : buckets.values()) {
      Collections.reverse(bucket); // the order met does not matter
      for (KV<String, KV<Long, Drop>> d : DecideNearDropsFn.decide(bucket, distance)) {
        earliest.merge(d.getKey(), d.getValue(), DecideNearDropsFn.EARLIEST::apply);
      }
    }
    Map<String, Drop> drops = new TreeMap<>();
    earliest.forEach((key, d) -> drops.put(key, d.getValue()));
    return drops;
  }

  @Test
  void aChainDropsEverySampleWithAnEarlierNeighbourKeptOrNot() {
    long a = 0x0F0F_0F0F_0F0F_0F0FL;
    long b = a ^ 0b111L; // 3 from a
    long c = b ^ (0b111L << 40); // 3 from b, 6 from a
    Map<String, Drop> drops = decideAll(List.of(at("x", 2, c), at("x", 0, a), at("x", 1, b)), 4);

    assertEquals(Map.of("x-1", new Drop("x-1", "x-0", "x", 0, 3), "x-2", new Drop("x-2", "x-1", "x", 1, 3)), drops);
  }

  @Test
  void theEarliestNeighbourIsNamedWhicheverBandItSharesAndAPairInManyBandsIsOneDrop() {
    long a = 0L;
    long b = 1L << 63; // 1 from a, shares bands 0..3
    long c = 1L; // 1 from a (band 0 differs), 2 from b
    Map<String, Drop> drops = decideAll(List.of(at("y", 0, c), at("x", 5, b), at("x", 9, a)), 4);

    assertEquals(Map.of("x-9", new Drop("x-9", "x-5", "x", 5, 1), "y-0", new Drop("y-0", "x-5", "x", 5, 2)), drops);
  }

  @Test
  void everyImageMustBeNearAndTheCountsEqual() {
    Map<String, Drop> drops = decideAll(List.of(
        at("x", 0, 0L, 0L),
        at("x", 1, 1L, -1L), // first image near, second far: kept
        at("x", 2, 0L), // one image: compared only with one-image samples
        at("x", 3, 3L, 1L << 62)), 4);

    assertEquals(Map.of("x-3", new Drop("x-3", "x-0", "x", 0, 2)), drops);
  }

  @Test
  void onRandomHashesTheBucketsFindWhatComparingEveryPairFinds() {
    Random random = new Random(20);
    List<NearOccurrence> all = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long hash = i < 60 ? random.nextLong() : all.get(random.nextInt(all.size())).hashes()[0];
      for (int flips = random.nextInt(7); flips > 0; flips--) {
        hash ^= 1L << random.nextInt(64);
      }
      all.add(at("s", i, hash));
    }
    for (int distance : new int[] {0, 3, 4, 8}) {
      Map<String, Drop> expected = new TreeMap<>();
      for (int j = 0; j < all.size(); j++) {
        for (int i = 0; i < j; i++) {
          int apart = PerceptualHash.distance(all.get(i).hashes()[0], all.get(j).hashes()[0]);
          if (apart <= distance) {
            expected.put("s-" + j, new Drop("s-" + j, "s-" + i, "s", i, apart));
            break;
          }
        }
      }
      assertTrue(expected.size() > 20, "the data has near pairs at " + distance);
      assertEquals(expected, decideAll(all, distance), "distance " + distance);
    }
  }

  @Test
  void theBandsCoverEveryBitOnce() {
    for (int distance = 0; distance <= Dedup.MAX_DISTANCE; distance++) {
      Set<String> ofZero = new HashSet<>(Bands.buckets(new long[] {0L}, distance));
      for (int bit = 0; bit < 64; bit++) {
        List<String> flipped = Bands.buckets(new long[] {1L << bit}, distance);
        flipped.removeAll(ofZero);
        assertEquals(1, flipped.size(), "bit " + bit + " at distance " + distance + " lies in exactly one band");
      }
    }
  }

  @Test
  void dedupParsesItsModesAndDistance() {
    assertEquals(new Dedup(DedupMode.PHASH, 4), Dedup.parse("phash"));
    assertEquals(new Dedup(DedupMode.PHASH, 7), Dedup.parse("phash:7"));
    assertEquals(new Dedup(DedupMode.MEDIA, 0), Dedup.parse("media"));
    assertEquals("phash:4", Dedup.parse("phash").label());
    for (String bad : List.of("phash:9", "phash:-1", "phash:", "media:2", "fuzzy")) {
      assertThrows(IllegalArgumentException.class, () -> Dedup.parse(bad), bad);
    }
  }
}
