package io.omniprep.wds.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.testing.Python3;
import io.omniprep.wds.format.EnergonShardSplit.RatioSum;
import io.omniprep.wds.format.EnergonShardSplit.Result;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EnergonShardSplitTest {
  private static final OptionalLong SEED_42 = OptionalLong.of(EnergonShardSplit.ENERGON_SHUFFLE_SEED);

  static List<String> shards(int n) {
    List<String> names = new ArrayList<>(IntStream.range(0, n).mapToObj(i -> "pretrain-" + i + ".tar").toList());
    Collections.reverse(names); // input order must not matter
    return names;
  }

  static List<String> names(int... ids) {
    return IntStream.of(ids).mapToObj(i -> "pretrain-" + i + ".tar").toList();
  }

  @Test
  void tenShardsShuffledWithSeed42() {
    Result r = EnergonShardSplit.split(shards(10), 9, 1, 0, SEED_42);
    assertEquals(names(7, 3, 2, 8, 5, 6, 9, 4, 0), r.train());
    assertEquals(names(1), r.val());
    assertEquals(List.of(), r.test());
    assertEquals(List.of(), r.unassigned());
  }

  @Test
  void twelveShardsSortLexicographicallyBeforeShuffling() {
    assertEquals(names(0, 1, 10, 11, 2, 3, 4, 5, 6, 7, 8, 9), EnergonShardSplit.sorted(shards(12)));
    Result r = EnergonShardSplit.split(shards(12), 9, 1, 0, SEED_42);
    assertEquals(names(5, 3, 10, 6, 7, 4, 9, 11, 2, 0), r.train());
    assertEquals(names(1, 8), r.val());
  }

  @Test
  void fiveShards() {
    Result r = EnergonShardSplit.split(shards(5), 9, 1, 0, SEED_42);
    assertEquals(names(3, 1, 2, 4), r.train());
    assertEquals(names(0), r.val());
  }

  @Test
  void oneShardGivesAnEmptyTrainSplit() {
    Result r = EnergonShardSplit.split(shards(1), 9, 1, 0, OptionalLong.empty());
    assertEquals(List.of(), r.train());
    assertEquals(names(0), r.val());
    assertEquals(List.of(), r.test());
  }

  @Test
  void withoutShuffleTrainIsTheSortedPrefix() {
    Result r = EnergonShardSplit.split(shards(12), 9, 1, 0, OptionalLong.empty());
    assertEquals(names(0, 1, 10, 11, 2, 3, 4, 5, 6, 7), r.train());
    assertEquals(names(8, 9), r.val());
  }

  @Test
  void floatDriftDropsTheLastShardWith721() {
    Result r = EnergonShardSplit.split(shards(10), 7, 2, 1, OptionalLong.empty());
    assertEquals(names(0, 1, 2, 3, 4, 5, 6), r.train());
    assertEquals(names(7, 8), r.val());
    assertEquals(List.of(), r.test());
    assertEquals(names(9), r.unassigned());
  }

  @Test
  void ratioSumFollowsTheChosenPythonVersion() {
    // sum([0.1, 0.2, 0.3]) is 0.6000000000000001 on 3.11 and 0.6 on 3.12+.
    Result old = EnergonShardSplit.split(shards(10), 0.1, 0.2, 0.3, OptionalLong.empty(), RatioSum.PYTHON_3_11);
    assertEquals(List.of(1, 4, 4, 1), sizes(old));
    Result now = EnergonShardSplit.split(shards(10), 0.1, 0.2, 0.3, OptionalLong.empty(), RatioSum.PYTHON_3_12);
    assertEquals(List.of(1, 4, 5, 0), sizes(now));
  }

  @Test
  void ordersPathsComponentWiseByCodePoint() {
    List<String> in = List.of("a-b.tar", "a/x.tar", "a.tar", "b/\uFFFD.tar", "b/\uD83D\uDE00.tar", "B.tar", "a/b/c.tar");
    assertEquals(List.of("B.tar", "a/b/c.tar", "a/x.tar", "a-b.tar", "a.tar", "b/\uFFFD.tar", "b/\uD83D\uDE00.tar"),
        EnergonShardSplit.sorted(in));
  }

  @Test
  void matchesEnergonsAlgorithmInPython() throws Exception {
    Python3.assumeAvailable();
    List<String> tricky = List.of("a-b.tar", "a/x.tar", "a.tar", "b/\uFFFD.tar", "b/\uD83D\uDE00.tar",
        "B.tar", "a/b/c.tar", "shards/000010.tar", "shards/000002.tar", "shards-x/0.tar");
    // The split loop restated from energon's prepare(); sorted() over PurePosixPath as the CLI does.
    String script = String.join("\n",
        "import json, random, sys",
        "from pathlib import PurePosixPath",
        "out = []",
        "for c in json.loads(sys.stdin.read()):",
        "    shards = [str(p) for p in sorted(PurePosixPath(s) for s in c['shards'])]",
        "    total = sum(r for r in c['ratios'])",
        "    ratios = [r / total for r in c['ratios']]",
        "    if c['seed'] is not None:",
        "        random.Random(c['seed']).shuffle(shards)",
        "    cum, off, parts = 0, 0, []",
        "    for r in ratios:",
        "        cum += r",
        "        end = int(len(shards) * cum)",
        "        parts.append(shards[off:end])",
        "        off = end",
        "    out.append(parts + [shards[off:]])",
        "print(json.dumps({'v': sys.version_info[:2], 'out': out}))");
    List<Object[]> cases = new ArrayList<>();
    double[][] ratios = {{9, 1, 0}, {7, 2, 1}, {8, 1, 1}, {0.1, 0.2, 0.3}, {0.7, 0.2, 0.1}, {1, 1, 1}, {0, 0, 5}};
    for (int n : new int[] {0, 1, 2, 3, 7, 10, 12, 33, 100}) {
      for (double[] rs : ratios) {
        for (Long seed : new Long[] {null, 42L, 7L}) {
          cases.add(new Object[] {shards(n), rs, seed});
        }
      }
    }
    for (double[] rs : ratios) {
      cases.add(new Object[] {tricky, rs, null});
      cases.add(new Object[] {tricky, rs, 42L});
    }
    ObjectMapper json = new ObjectMapper();
    List<java.util.Map<String, Object>> input = new ArrayList<>();
    for (Object[] c : cases) {
      java.util.Map<String, Object> m = new java.util.HashMap<>();
      m.put("shards", c[0]);
      m.put("ratios", c[1]);
      m.put("seed", c[2]);
      input.add(m);
    }
    JsonNode result = json.readTree(Python3.runText(script, json.writeValueAsString(input)));
    boolean py312 = result.get("v").get(0).intValue() > 3 || result.get("v").get(1).intValue() >= 12;
    RatioSum mode = py312 ? RatioSum.PYTHON_3_12 : RatioSum.PYTHON_3_11;
    for (int i = 0; i < cases.size(); i++) {
      @SuppressWarnings("unchecked")
      List<String> in = (List<String>) cases.get(i)[0];
      double[] rs = (double[]) cases.get(i)[1];
      Long seed = (Long) cases.get(i)[2];
      Result r = EnergonShardSplit.split(in, rs[0], rs[1], rs[2],
          seed == null ? OptionalLong.empty() : OptionalLong.of(seed), mode);
      List<List<String>> expected = json.convertValue(result.get("out").get(i),
          json.getTypeFactory().constructCollectionType(List.class, List.class));
      assertEquals(expected, List.of(r.train(), r.val(), r.test(), r.unassigned()), "case " + i);
    }
  }

  @Test
  void rejectsInvalidInput() {
    assertThrows(IllegalArgumentException.class,
        () -> EnergonShardSplit.split(shards(3), -1, 1, 0, OptionalLong.empty()));
    assertThrows(IllegalArgumentException.class,
        () -> EnergonShardSplit.split(shards(3), 0, 0, 0, OptionalLong.empty()));
    assertThrows(IllegalArgumentException.class,
        () -> EnergonShardSplit.split(shards(3), Double.NaN, 1, 0, OptionalLong.empty()));
    for (String bad : List.of("", "/abs.tar", "a//b.tar", "./a.tar", "a/../b.tar", "dir/")) {
      assertThrows(IllegalArgumentException.class, () -> EnergonShardSplit.sorted(List.of(bad)), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> EnergonShardSplit.sorted(List.of("a.tar", "a.tar")));
  }

  private static List<Integer> sizes(Result r) {
    return List.of(r.train().size(), r.val().size(), r.test().size(), r.unassigned().size());
  }
}
