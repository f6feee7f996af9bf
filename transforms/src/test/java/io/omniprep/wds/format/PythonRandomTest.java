package io.omniprep.wds.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.testing.Python3;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PythonRandomTest {
  @Test
  void firstOutputsForSeed42() {
    PythonRandom r = new PythonRandom(42);
    assertEquals(2746317213L, r.getrandbits(32));
    assertEquals(478163327L, r.getrandbits(32));
    assertEquals(107420369L, r.getrandbits(32));
  }

  @Test
  void shufflesFromFormatsSection37() {
    assertEquals(List.of(7, 3, 2, 8, 5, 6, 9, 4, 0, 1), shuffled(10, 42));
    assertEquals(List.of(3, 1, 2, 4, 0), shuffled(5, 42));
    // 12 shards in lexicographic order 0,1,10,11,2,...,9 shuffle to names 5,3,10,6,7,4,9,11,2,0,1,8.
    List<String> names = new ArrayList<>(List.of("0", "1", "10", "11", "2", "3", "4", "5", "6", "7", "8", "9"));
    new PythonRandom(42).shuffle(names);
    assertEquals(List.of("5", "3", "10", "6", "7", "4", "9", "11", "2", "0", "1", "8"), names);
  }

  @Test
  void negativeSeedsUseTheAbsoluteValue() {
    assertEquals(shuffled(20, 12345), shuffled(20, -12345));
    assertEquals(new PythonRandom(7).getrandbits(32),
        new PythonRandom(BigInteger.valueOf(-7)).getrandbits(32));
  }

  @Test
  void argumentsAreChecked() {
    PythonRandom r = new PythonRandom(1);
    assertEquals(0, r.getrandbits(0));
    assertThrows(IllegalArgumentException.class, () -> r.getrandbits(64));
    assertThrows(IllegalArgumentException.class, () -> r.randbelow(0));
  }

  @Test
  void matchesCPythonForSeveralSeedsAndSizes() throws Exception {
    Python3.assumeAvailable();
    List<String> seeds = List.of("0", "1", "42", "-3", "4294967295", "4294967296",
        "123456789012345678901234567890");
    int[] ks = {1, 5, 31, 32, 33, 47, 63};
    long[] ns = {1, 2, 3, 10, 1000, 1L << 32, (1L << 32) + 1, Long.MAX_VALUE};
    int[] sizes = {0, 1, 2, 7, 100, 1000};
    String script = String.join("\n",
        "import json, random, sys",
        "c = json.loads(sys.stdin.read())",
        "out = []",
        "for seed in c['seeds']:",
        "    r = random.Random(int(seed))",
        "    row = [r.getrandbits(k) for k in c['ks']] + [r._randbelow(n) for n in c['ns']]",
        "    for size in c['sizes']:",
        "        x = list(range(size)); r.shuffle(x); row += x",
        "    out.append(row)",
        "print(json.dumps(out))");
    ObjectMapper json = new ObjectMapper();
    String input = json.writeValueAsString(java.util.Map.of("seeds", seeds, "ks", ks, "ns", ns, "sizes", sizes));
    JsonNode rows = json.readTree(Python3.runText(script, input));
    for (int s = 0; s < seeds.size(); s++) {
      PythonRandom r = new PythonRandom(new BigInteger(seeds.get(s)));
      List<Long> row = new ArrayList<>();
      for (int k : ks) {
        row.add(r.getrandbits(k));
      }
      for (long n : ns) {
        row.add(r.randbelow(n));
      }
      for (int size : sizes) {
        List<Integer> x = new ArrayList<>(IntStream.range(0, size).boxed().toList());
        r.shuffle(x);
        x.forEach(v -> row.add((long) v));
      }
      List<Long> expected = new ArrayList<>();
      rows.get(s).forEach(v -> expected.add(v.longValue()));
      assertEquals(expected, row, "seed " + seeds.get(s));
    }
  }

  private static List<Integer> shuffled(int n, long seed) {
    List<Integer> x = new ArrayList<>(IntStream.range(0, n).boxed().toList());
    new PythonRandom(seed).shuffle(x);
    return x;
  }
}
