package io.omniprep.wds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.omniprep.media.ImageFormat;
import io.omniprep.sample.SampleKeys;
import io.omniprep.testing.Fixtures;
import io.omniprep.testing.ShardReadBack;
import io.omniprep.testing.ShardReadBack.ReadSample;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteWebDatasetTest {
  private static final Path PRETRAIN = Fixtures.testdata("llava-pretrain/blip_laion_cc_sbu_sample.json");

  private static WriteWebDataset vqa(Path out) {
    return WriteWebDataset.to(out.toString()).withMaxSamplesPerShard(10);
  }

  @Test
  void vqaShardsReadBackWithTheSourceBytesUnderTheSampleKeys(@TempDir Path out) throws IOException {
    WdsRun.run(PRETRAIN.toString(), out, vqa(out));
    List<ReadSample> samples = ShardReadBack.readAll(out);
    assertEquals(32, samples.size());
    JsonNode records = ShardReadBack.json(PRETRAIN);
    Set<String> keys = new HashSet<>();
    for (ReadSample s : samples) {
      assertEquals(List.of("jpg", "json"), List.copyOf(s.parts().keySet()), "members in sorted extension order");
      keys.add(s.key());
      int position = Integer.parseInt(s.key().substring(s.key().lastIndexOf('-') + 1));
      assertEquals(SampleKeys.of(PRETRAIN.getFileName().toString(), position, 0), s.key(), "one input: keyed by its file name");
      JsonNode record = records.get(position);
      byte[] source = Files.readAllBytes(PRETRAIN.getParent().resolve(record.get("image").asText()));
      byte[] jpg = s.parts().get("jpg");
      if (ImageFormat.sniff(source) == ImageFormat.JPEG) {
        assertArrayEquals(source, jpg, "JPEG bytes are stored as they are");
      } else {
        assertEquals(ImageFormat.JPEG, ImageFormat.sniff(jpg), "a PNG is converted to JPEG");
        var decoded = ImageIO.read(new ByteArrayInputStream(jpg));
        var original = ImageIO.read(new ByteArrayInputStream(source));
        assertEquals(original.getWidth(), decoded.getWidth());
      }
      assertEquals(record.get("conversations"), ShardReadBack.json(s.parts().get("json")));
    }
    assertEquals(32, keys.size());
    assertTrue(Files.exists(out.resolve(".nv-meta/.info.yaml")));
    assertEquals("VQASample", Fixtures.read(out.resolve(".nv-meta/dataset.yaml")).lines().skip(2).findFirst().orElse("").trim().split(": ")[1]);
  }

  @Test
  void jsonMembersAreWrittenAsPythonsJsonDumpsWouldWriteThem(@TempDir Path out) {
    WdsRun.run(PRETRAIN.toString(), out, vqa(out));
    String json = new String(ShardReadBack.readShard(out, "shard-000000.tar").get(0).parts().get("json"), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(json.startsWith("[{\"from\": \"human\", \"value\": "), json);
  }

  @Test
  void splitsInterleaveSoTrainIsNeverEmpty(@TempDir Path out) {
    WdsRun.run(PRETRAIN.toString(), out, vqa(out));
    String split = Fixtures.read(out.resolve(".nv-meta/split.yaml"));
    // Chunks of 10 records (0-9, 10-19, 20-29, 30-31), each with a train shard (2c) and a val shard (2c + 1).
    assertEquals("exclude: []\nsplit_parts:\n  test: []\n  train:\n  - shard-000000.tar\n  - shard-000002.tar\n"
        + "  - shard-000004.tar\n  - shard-000006.tar\n  val:\n  - shard-000001.tar\n  - shard-000003.tar\n  - shard-000005.tar\n"
        + "  - shard-000007.tar\n", split);
    JsonNode counts = ShardReadBack.json(out.resolve(".nv-meta/.info.json")).get("shard_counts");
    // Each cycle of 10 ranks at 9,1,0: rank 0 to train, rank 1 to val, ranks 2-9 to train. Ranks 0-29
    // are three cycles (27 train, 3 val); ranks 30 and 31 open a fourth (one each).
    assertEquals(28, counts.get("shard-000000.tar").asInt() + counts.get("shard-000002.tar").asInt() + counts.get("shard-000004.tar").asInt()
        + counts.get("shard-000006.tar").asInt());
    assertEquals(4, counts.get("shard-000001.tar").asInt() + counts.get("shard-000003.tar").asInt() + counts.get("shard-000005.tar").asInt()
        + counts.get("shard-000007.tar").asInt());
  }

  @Test
  void aSingleSampleLandsInTrain(@TempDir Path dir) throws IOException {
    Path one = dir.resolve("one/one.json");
    String record = ShardReadBack.json(PRETRAIN).get(0).toString();
    Fixtures.write(one, "[" + record.replace("\"00000/", "\"" + PRETRAIN.getParent() + "/00000/") + "]");
    Path out = dir.resolve("out");
    WdsRun.run(one.toString(), out, vqa(out));
    assertTrue(Fixtures.read(out.resolve(".nv-meta/split.yaml")).contains("train:\n  - shard-000000.tar\n"));
  }

  @Test
  void twoRunsWriteIdenticalBytes(@TempDir Path a, @TempDir Path b) {
    WdsRun.run(PRETRAIN.toString(), a, vqa(a).withMaxShardBytes(15_000));
    WdsRun.run(PRETRAIN.toString(), b, vqa(b).withMaxShardBytes(15_000));
    Map<String, String> digests = ShardReadBack.digests(a);
    assertTrue(digests.keySet().stream().filter(f -> f.endsWith(".tar")).count() > 4, "byte limit adds shards: " + digests.keySet());
    assertEquals(digests, ShardReadBack.digests(b));
  }

  @Test
  void shardsRollByBytesWithoutExceedingTheLimit(@TempDir Path out) {
    long limit = 30_000;
    WdsRun.run(PRETRAIN.toString(), out, WriteWebDataset.to(out.toString()).withMaxShardBytes(limit).withLayout(Layout.RAW));
    JsonNode counts = ShardReadBack.json(out.resolve(".nv-meta/.info.json")).get("shard_counts");
    long total = 0;
    for (var it = counts.fields(); it.hasNext(); ) {
      var e = it.next();
      long media = 0;
      for (ReadSample s : ShardReadBack.readShard(out, e.getKey())) {
        media += s.parts().entrySet().stream().filter(p -> p.getKey().equals("jpg") || p.getKey().equals("png"))
            .mapToLong(p -> p.getValue().length).sum();
      }
      assertTrue(media <= limit, e.getKey() + " holds " + media + " media bytes");
      total += e.getValue().asLong();
    }
    assertEquals(32, total);
  }

  @Test
  void aRerunAfterAnInterruptedRunGivesTheSameOutput(@TempDir Path clean, @TempDir Path resumed) throws IOException {
    WdsRun.run(PRETRAIN.toString(), clean, vqa(clean));
    WdsRun.run(PRETRAIN.toString(), resumed, vqa(resumed));
    // What a kill leaves behind: a shard whose .tar.idx was never written (chunk 1's train shard), a
    // truncated shard under a temporary name, a chunk never started (chunk 2), no metadata yet.
    Files.delete(resumed.resolve("shard-000002.tar.idx"));
    Files.write(resumed.resolve(".shard-000002.tar.1234.tmp"), new byte[700]);
    Files.delete(resumed.resolve("shard-000004.tar"));
    Files.delete(resumed.resolve("shard-000004.tar.idx"));
    Files.delete(resumed.resolve(".omniprep/chunks/chunk-000002.json"));
    Files.delete(resumed.resolve(".nv-meta/split.yaml"));
    long untouched = Files.getLastModifiedTime(resumed.resolve("shard-000000.tar")).toMillis();
    WdsRun.run(PRETRAIN.toString(), resumed, vqa(resumed));
    Files.delete(resumed.resolve(".shard-000002.tar.1234.tmp"));
    assertEquals(ShardReadBack.digests(clean), ShardReadBack.digests(resumed));
    assertEquals(untouched, Files.getLastModifiedTime(resumed.resolve("shard-000000.tar")).toMillis(), "complete shards are skipped");
  }

  @Test
  void overwriteRewritesCompleteShards(@TempDir Path out) throws IOException {
    WdsRun.run(PRETRAIN.toString(), out, vqa(out));
    Files.write(out.resolve("shard-000000.tar"), new byte[] {1, 2, 3});
    WdsRun.run(PRETRAIN.toString(), out, vqa(out).withOverwrite(true));
    // Chunk 0's train shard: its 10 records but rank 1 (to val).
    assertEquals(9, ShardReadBack.readShard(out, "shard-000000.tar").size());
  }

  @Test
  void shardModeReproducesEnergonsSeed42Split(@TempDir Path out) {
    WdsRun.run(
        PRETRAIN.toString(),
        out,
        WriteWebDataset.to(out.toString()).withMaxSamplesPerShard(3).withShardPattern("pretrain-%d.tar")
            .withSplits(Splits.parse("9,1,0", Splits.Mode.SHARD)));
    // 32 samples, 3 per shard: 11 shards pretrain-0..10. What energon prepare does with them, in
    // Python itself: sort the paths, shuffle with random.Random(42), cut by the normalised weights.
    io.omniprep.testing.Python3.assumeAvailable();
    String expected = io.omniprep.testing.Python3.runText(String.join("\n",
        "import random, sys",
        "from pathlib import PurePosixPath",
        "paths = sorted(sys.stdin.read().split(), key=PurePosixPath)",
        "random.Random(42).shuffle(paths)",
        "w = [9, 1, 0]; cum = 0; start = 0; out = []",
        "for name, x in zip(['train', 'val', 'test'], w):",
        "    cum += x / sum(w); end = int(len(paths) * cum)",
        "    out.append((name, paths[start:end])); start = end",
        "print('\\n'.join(n + ': ' + ' '.join(p) for n, p in out))"),
        String.join(" ", java.util.stream.IntStream.range(0, 11).mapToObj(i -> "pretrain-" + i + ".tar").toList()));
    String split = Fixtures.read(out.resolve(".nv-meta/split.yaml"));
    for (String line : expected.strip().split("\n")) {
      String name = line.substring(0, line.indexOf(':'));
      List<String> shards = List.of(line.substring(line.indexOf(':') + 1).trim().split(" ")).stream().filter(x -> !x.isEmpty()).toList();
      assertEquals(shards, splitList(split, name), name + " in\n" + split);
    }
    assertFalse(split.contains("train: []"));
  }

  /** The shards split.yaml lists under {@code name}, read with a YAML library. */
  @SuppressWarnings("unchecked")
  private static List<String> splitList(String yaml, String name) {
    Map<String, Object> root = new org.yaml.snakeyaml.Yaml().load(yaml);
    List<String> shards = ((Map<String, List<String>>) root.get("split_parts")).get(name);
    return shards == null ? List.of() : shards;
  }

  @Test
  void badShardPatternsAreRefused() {
    for (String bad : List.of("shard.tar", "shard-%06d.tgz", "../x-%d.tar", "%s.tar")) {
      org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> WriteWebDataset.to("/tmp/x").withShardPattern(bad), bad);
    }
  }
}
