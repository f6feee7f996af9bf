package io.omniprep.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.testing.ShardReadBack;
import io.omniprep.testing.ShuffleInput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code webdataset --shuffle=SEED} against a layout the test derives itself, from the README's rule
 * (bucket and rank from SHA-256 of the seed and the key, the bucket count from the record total and
 * {@code --maxSamplesPerShard}) and the keys a run without the shuffle writes: the same samples,
 * each once, in that order; another seed, another order; the same seed, the same bytes; the failures
 * the same as without the shuffle.
 */
class ShuffleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX = 30;
  @TempDir static Path dir;
  private static String input;
  private static Path plain;
  /** The keys the run without --shuffle writes, in its shards' order. */
  private static List<String> plainKeys;

  @BeforeAll
  static void plainRun() throws Exception {
    input = ShuffleInput.write(dir.resolve("in"));
    plain = dir.resolve("plain");
    RunSummary summary = run(plain);
    assertEquals(ShuffleInput.RECORDS - ShuffleInput.FAILING, summary.written(), summary.toJson("webdataset").toString());
    plainKeys = keysInOrder(plain).values().stream().flatMap(List::stream).toList();
  }

  @Test
  void theShardsHoldTheSeededOrder(@TempDir Path out) throws Exception {
    RunSummary summary = run(out, "--shuffle=42");

    assertTrue(summary.balanced(), summary.toJson("webdataset").toString());
    assertEquals(ShuffleInput.RECORDS, summary.read());
    assertEquals(ShuffleInput.FAILING, summary.failed());
    Map<String, List<String>> shards = keysInOrder(out);
    assertEquals(expected(42, plainKeys), shards);
    List<String> all = shards.values().stream().flatMap(List::stream).toList();
    assertEquals(new TreeSet<>(plainKeys), new TreeSet<>(all), "the same samples");
    assertEquals(plainKeys.size(), all.size(), "each once");
    assertNotEquals(plainKeys, all, "not in input order");
  }

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedAnotherOrder(@TempDir Path out) throws Exception {
    run(out.resolve("first"), "--shuffle=7");
    run(out.resolve("again"), "--shuffle=7");
    run(out.resolve("other"), "--shuffle=8");

    assertEquals(ShardReadBack.digests(out.resolve("first")), ShardReadBack.digests(out.resolve("again")));
    Map<String, List<String>> seven = keysInOrder(out.resolve("first"));
    Map<String, List<String>> eight = keysInOrder(out.resolve("other"));
    assertNotEquals(seven, eight);
    assertEquals(expected(8, plainKeys), eight);
  }

  @Test
  void failuresAreRoutedAsWithoutTheShuffle(@TempDir Path out) throws Exception {
    run(out, "--shuffle=3");

    Set<String> failures = failures(out);
    assertEquals(ShuffleInput.FAILING, failures.size(), failures::toString);
    assertEquals(failures(plain), failures);
  }

  @Test
  void aRerunWithAnotherSeedServesNoStaleShard(@TempDir Path out) throws Exception {
    run(out.resolve("rerun"), "--shuffle=1");
    run(out.resolve("rerun"), "--shuffle=2");
    run(out.resolve("fresh"), "--shuffle=2");

    Map<String, String> rerun = ShardReadBack.digests(out.resolve("rerun"));
    Map<String, String> fresh = ShardReadBack.digests(out.resolve("fresh"));
    rerun.keySet().removeIf(f -> f.startsWith("_SUMMARY")); // holds counters of resumed work
    fresh.keySet().removeIf(f -> f.startsWith("_SUMMARY"));
    assertEquals(fresh, rerun);
  }

  @Test
  void aRerunWithTheSameSeedResumesEveryShard(@TempDir Path out) throws Exception {
    run(out, "--shuffle=5");
    RunSummary again = run(out, "--shuffle=5");

    assertEquals(keysInOrder(out).size(), again.get("shards_resumed"));
    assertEquals(0, again.get("shards_written"));
  }

  /**
   * {@code convert} writes one file: 65 records make one bucket (a bucket holds about 9,600), so
   * the file is every valid record in rank order. The keys are computed here from the documented
   * rule ({@code <stem>-<hash8>-<position>}), checked against what webdataset wrote.
   */
  @Test
  void convertWritesTheRecordsInRankOrder(@TempDir Path out) throws Exception {
    RunSummary summary = PipelineRuns.run("convert", "--input=" + input, "--shuffle=42", PipelineRuns.out(out));
    assertTrue(summary.balanced(), summary.toJson("convert").toString());

    Map<String, String> keyById = new TreeMap<>();
    for (int i = 0; i < 40; i++) {
      keyById.put("a-" + i, key("a", "a.json", i));
    }
    for (int i = 0; i < 25; i++) {
      keyById.put("b-" + i, key("b", "b.jsonl", i + 1)); // JSON Lines positions are line numbers
    }
    keyById.keySet().removeAll(List.of("a-7", "b-10", "b-20"));
    assertEquals(new TreeSet<>(plainKeys), new TreeSet<>(keyById.values()), "the keys as the rule makes them");
    List<String> expected = new ArrayList<>(keyById.keySet());
    expected.sort(Comparator.comparing((String id) -> rank(42, keyById.get(id)), Long::compareUnsigned));
    List<String> written = new ArrayList<>();
    JSON.readTree(out.resolve("llava.json").toFile()).forEach(r -> written.add(r.get("id").asText()));
    assertEquals(expected, written);
  }

  @Test
  void convertRefusesToShuffleIntoSeveralFiles(@TempDir Path out) {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> PipelineRuns.run("convert", "--input=" + input, "--shuffle=1", "--maxRecordsPerFile=10", PipelineRuns.out(out)));
    assertEquals("convert shuffles one file only: --shuffle cannot be combined with --maxRecordsPerFile", e.getMessage());
  }

  private static String key(String stem, String file, long position) throws Exception {
    byte[] d = MessageDigest.getInstance("SHA-256").digest(file.getBytes(StandardCharsets.UTF_8));
    return stem + "-" + java.util.HexFormat.of().formatHex(d, 0, 4) + "-" + String.format(Locale.ROOT, "%09d", position);
  }

  private static long rank(long seed, String key) {
    try {
      return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest((seed + "\n" + key).getBytes(StandardCharsets.UTF_8))).getLong(8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RunSummary run(Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("--input=" + input, "--split=1,0,0", "--maxSamplesPerShard=" + MAX, PipelineRuns.out(out)));
    args.addAll(List.of(more));
    return PipelineRuns.run("webdataset", args.toArray(new String[0]));
  }

  /**
   * The shards as the rule makes them: bucket = the digest's first 8 bytes mod B, B = ceil(records /
   * max(MAX / 2, floor(MAX - 4 sqrt(MAX)))) (here 65 / 15: 5 buckets), within a bucket by the next 8
   * bytes (unsigned); one split, so shard number = bucket, cut at MAX.
   */
  private static Map<String, List<String>> expected(long seed, List<String> keys) throws Exception {
    long target = Math.max(MAX / 2, (long) Math.floor(MAX - 4 * Math.sqrt(MAX)));
    int buckets = (int) ((ShuffleInput.RECORDS + target - 1) / target);
    Map<Integer, List<String>> byBucket = new TreeMap<>();
    Map<String, byte[]> digests = new TreeMap<>();
    for (String key : keys) {
      byte[] d = MessageDigest.getInstance("SHA-256").digest((seed + "\n" + key).getBytes(StandardCharsets.UTF_8));
      digests.put(key, d);
      int bucket = (int) Long.remainderUnsigned(ByteBuffer.wrap(d).getLong(), buckets);
      byBucket.computeIfAbsent(bucket, b -> new ArrayList<>()).add(key);
    }
    Map<String, List<String>> shards = new TreeMap<>();
    for (Map.Entry<Integer, List<String>> e : byBucket.entrySet()) {
      List<String> sorted = new ArrayList<>(e.getValue());
      sorted.sort(Comparator.comparing((String k) -> ByteBuffer.wrap(digests.get(k)).getLong(8), Long::compareUnsigned));
      for (int part = 0; part * MAX < sorted.size(); part++) {
        String name = String.format(Locale.ROOT, "shard-%06d", e.getKey()) + (part == 0 ? "" : "_" + part) + ".tar";
        shards.put(name, sorted.subList(part * MAX, Math.min(sorted.size(), (part + 1) * MAX)));
      }
    }
    return shards;
  }

  /** Each shard's keys in tar order, shards by name. */
  private static Map<String, List<String>> keysInOrder(Path out) {
    Map<String, List<String>> shards = new TreeMap<>();
    for (ShardReadBack.ReadSample s : ShardReadBack.readAll(out)) {
      shards.computeIfAbsent(s.shard(), k -> new ArrayList<>()).add(s.key());
    }
    return shards;
  }

  /** Each failure of the errors output as source, position and reason. */
  private static Set<String> failures(Path out) throws Exception {
    Set<String> found = new TreeSet<>();
    try (Stream<Path> parts = Files.list(out.resolve("_errors"))) {
      for (Path part : parts.toList()) {
        for (String line : Files.readAllLines(part)) {
          JsonNode e = JSON.readTree(line);
          found.add(Path.of(e.get("source").asText()).getFileName() + "#" + e.get("position").asLong() + " " + e.get("reason").asText());
        }
      }
    }
    return found;
  }
}
