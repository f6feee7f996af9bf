package io.omniprep.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.sample.SampleKeys;
import io.omniprep.testing.Fixtures;
import io.omniprep.testing.ShardReadBack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebDatasetPipelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DEFECTS = Fixtures.testdata("llava-defects/defects.json");

  @Test
  void everyDefectEndsInTheErrorsOutputNeverInAShard(@TempDir Path out) throws Exception {
    RunSummary summary =
        PipelineRuns.run("webdataset", "--input=" + DEFECTS, "--mediaRoot=" + DEFECTS.getParent(), "--layout=raw", PipelineRuns.out(out));
    assertTrue(summary.balanced(), summary.toJson("webdataset").toString());
    Map<String, String> reasonById = new TreeMap<>();
    Set<String> failedKeys = new HashSet<>();
    for (String line : Files.readAllLines(out.resolve("_errors/errors-000000.jsonl"))) {
      JsonNode e = JSON.readTree(line);
      reasonById.put(e.get("id").isNull() ? "#" + e.get("position") : e.get("id").asText(), e.get("reason").asText());
      failedKeys.add(SampleKeys.of(e.get("source").asText(), e.get("position").asLong(), 0));
    }
    assertEquals(
        Map.ofEntries(
            Map.entry("#12", "wrong_type"),
            Map.entry("bad-json", "malformed_json"),
            Map.entry("no-conversations", "missing_conversations"),
            Map.entry("unknown-speaker", "unknown_speaker"),
            Map.entry("non-string-value", "wrong_type"),
            Map.entry("token-mismatch", "token_media_mismatch"),
            Map.entry("missing-media", "media_missing"),
            Map.entry("path-traversal", "path_traversal"),
            Map.entry("absolute-path", "path_traversal"),
            Map.entry("speech-without-audio", "token_media_mismatch"),
            Map.entry("corrupt-image", "media_corrupt")),
        reasonById);
    int samples = 0;
    for (ShardReadBack.ReadSample s : ShardReadBack.readAll(out)) {
      assertFalse(failedKeys.contains(s.key()), "failed record " + s.key() + " must not be in a shard");
      samples++;
    }
    assertEquals(summary.written(), samples);
    assertEquals(6, samples);
  }

  @Test
  void aSampleTheLayoutCannotHoldIsReportedNotDropped(@TempDir Path out) throws Exception {
    RunSummary summary = PipelineRuns.run("webdataset", "--input=" + Fixtures.testdata("jsonl/ola.jsonl"), "--layout=vqa", PipelineRuns.out(out));
    assertTrue(summary.balanced());
    assertEquals(2, summary.written(), "one-image records only");
    assertEquals(2, summary.toJson("webdataset").get("failedByReason").get("unsuitable_for_layout").asInt());
  }

  private static final Path PRETRAIN = Fixtures.testdata("llava-pretrain/blip_laion_cc_sbu_sample.json");

  /** Digests of the shards, their indexes and the Energon metadata (not the run's own summary). */
  private static Map<String, String> shardDigests(Path out) {
    Map<String, String> digests = new TreeMap<>(ShardReadBack.digests(out));
    digests.keySet().removeIf(f -> !(f.endsWith(".tar") || f.endsWith(".tar.idx") || f.startsWith(".nv-meta")));
    return digests;
  }

  private static JsonNode counters(RunSummary summary) {
    return summary.toJson("webdataset").get("counters");
  }

  @Test
  void eachChunkIsCutIntoItsOwnShardsAndEverySplitGetsSamples(@TempDir Path out) throws Exception {
    RunSummary summary = PipelineRuns.run("webdataset", "--input=" + PRETRAIN, "--maxSamplesPerShard=5", PipelineRuns.out(out));
    assertEquals(32, summary.written());
    // Chunks of 5 records: six of 5 and one of 2. Within a chunk at 9,1,0, rank 1 goes to val and the
    // rest to train: 4 + 1 per full chunk, 1 + 1 for the last. Chunk c writes shards 2c (train), 2c+1 (val).
    JsonNode counts = ShardReadBack.json(out.resolve(".nv-meta/.info.json")).get("shard_counts");
    Map<String, Integer> expected = new TreeMap<>();
    for (int c = 0; c < 7; c++) {
      expected.put(String.format("shard-%06d.tar", 2 * c), c < 6 ? 4 : 1);
      expected.put(String.format("shard-%06d.tar", 2 * c + 1), 1);
    }
    Map<String, Integer> actual = new TreeMap<>();
    counts.fields().forEachRemaining(e -> actual.put(e.getKey(), e.getValue().asInt()));
    assertEquals(expected, actual);
    String split = Fixtures.read(out.resolve(".nv-meta/split.yaml"));
    assertTrue(split.contains("val:\n  - shard-000001.tar\n  - shard-000003.tar\n"), split);
    assertEquals(32, ShardReadBack.readAll(out).size());
  }

  @Test
  void aRecordLargerThanTheLimitGoesToTheErrorsAndTheJobFinishes(@TempDir Path dir) throws Exception {
    // One record with a 200 MB string value between two good ones.
    JsonNode records = ShardReadBack.json(PRETRAIN);
    Path input = dir.resolve("in/huge.json");
    Files.createDirectories(input.getParent());
    String first = records.get(0).toString().replace("\"00000/", "\"" + PRETRAIN.getParent() + "/00000/");
    String last = records.get(1).toString().replace("\"00000/", "\"" + PRETRAIN.getParent() + "/00000/");
    try (java.io.Writer w = Files.newBufferedWriter(input)) {
      w.write("[" + first + ",\n{\"id\": \"huge\", \"conversations\": [{\"from\": \"human\", \"value\": \"");
      char[] block = new char[1 << 20];
      java.util.Arrays.fill(block, 'x');
      for (int i = 0; i < 200; i++) {
        w.write(block);
      }
      w.write("\"}]},\n" + last + "]");
    }
    Path out = dir.resolve("out");
    RunSummary summary = PipelineRuns.run("webdataset", "--input=" + input, PipelineRuns.out(out));
    assertEquals(3, summary.read());
    assertEquals(2, summary.written());
    assertEquals(1, summary.toJson("webdataset").get("failedByReason").get("record_too_large").asInt());
    String errors = Files.readString(out.resolve("_errors/errors-000001.jsonl"));
    JsonNode error = JSON.readTree(errors.lines().findFirst().orElseThrow());
    assertEquals(1, error.get("position").asInt());
    assertTrue(error.get("record").asText().startsWith("{\"id\": \"huge\""), error.get("record").asText().substring(0, 40));
    assertTrue(error.get("record").asText().length() < 10_000, "the errors output quotes only the beginning");
  }

  @Test
  void aRerunResumesOnlyChunksMadeFromTheSameBytesAndOptions(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("in/data.json");
    Files.createDirectories(input.getParent());
    String text = Files.readString(PRETRAIN).replace("\"image\": \"", "\"image\": \"" + PRETRAIN.getParent() + "/");
    Files.writeString(input, text);
    Path out = dir.resolve("out");
    String[] args = {"--input=" + input, "--maxSamplesPerShard=10", PipelineRuns.out(out)};
    PipelineRuns.run("webdataset", args);
    Map<String, String> first = shardDigests(out);

    RunSummary same = PipelineRuns.run("webdataset", args);
    assertEquals(8, counters(same).get("shards_resumed").asInt(), counters(same).toString());
    assertEquals(first, shardDigests(out));

    // Same length, other bytes, in the first record only: its chunk (records 0-9) is written anew.
    String edited = text.replaceFirst("a red ball on a wooden table", "a red bell on a wooden table");
    assertEquals(text.length(), edited.length());
    Files.writeString(input, edited);
    RunSummary afterEdit = PipelineRuns.run("webdataset", args);
    assertEquals(2, counters(afterEdit).get("shards_written").asInt(), counters(afterEdit).toString());
    assertEquals(6, counters(afterEdit).get("shards_resumed").asInt());
    boolean found = false;
    for (ShardReadBack.ReadSample s : ShardReadBack.readShard(out, "shard-000000.tar")) {
      found |= new String(s.parts().get("json"), java.nio.charset.StandardCharsets.UTF_8).contains("a red bell");
    }
    assertTrue(found, "the edited record is in the rewritten shard");

    // Other options: nothing is taken from the earlier runs.
    RunSummary raw = PipelineRuns.run("webdataset", "--input=" + input, "--maxSamplesPerShard=10", "--layout=raw", PipelineRuns.out(out));
    assertFalse(counters(raw).has("shards_resumed"), counters(raw).toString());
    assertTrue(Fixtures.read(out.resolve(".nv-meta/dataset.yaml")).contains("__class__: CrudeWebdataset"));
    assertTrue(ShardReadBack.readShard(out, "shard-000000.tar").get(0).parts().containsKey("txt"), "raw layout members");
  }

  @Test
  void aRerunPlannedOtherwiseLeavesNothingOfTheEarlierRun(@TempDir Path dir) throws Exception {
    Path reused = dir.resolve("reused");
    Path fresh = dir.resolve("fresh");
    String[] common = {"--input=" + DEFECTS, "--mediaRoot=" + DEFECTS.getParent(), "--layout=raw"};
    // many small chunks (shards, errors parts) first; then a few large ones into the same folder
    PipelineRuns.run("webdataset", concat(common, "--maxSamplesPerShard=2", PipelineRuns.out(reused)));
    Set<String> before = ShardReadBack.digests(reused).keySet();
    RunSummary rerun = PipelineRuns.run("webdataset", concat(common, "--maxSamplesPerShard=100", PipelineRuns.out(reused)));
    PipelineRuns.run("webdataset", concat(common, "--maxSamplesPerShard=100", PipelineRuns.out(fresh)));

    Map<String, String> expected = outputDigests(fresh);
    assertTrue(before.stream().anyMatch(f -> f.endsWith(".tar") && !expected.containsKey(f)), "the first run has shards the second has not");
    assertEquals(expected, outputDigests(reused), "the folder holds exactly what a run into an empty folder writes");
    long errorLines = 0;
    for (String f : expected.keySet()) {
      if (f.startsWith("_errors/")) {
        errorLines += Files.readAllLines(reused.resolve(f)).size();
      }
    }
    assertEquals(rerun.failed(), errorLines, "the errors output lists this run's failures, once each");
    assertTrue(counters(rerun).path("stale_shards_removed").asInt() > 0, counters(rerun).toString());
  }

  /** Every output file's digest but the summary's (its timings differ from run to run). */
  private static Map<String, String> outputDigests(Path out) {
    Map<String, String> digests = new TreeMap<>(ShardReadBack.digests(out));
    digests.remove("_SUMMARY.json");
    return digests;
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  @Test
  void everyWeightedSplitLeftWithoutAShardIsCounted(@TempDir Path out) throws Exception {
    // One chunk, so one shard; energon's ratio split of one shard at 9,1,0 gives train int(1 x 0.9) = 0
    // shards and val the one: train (weighted) is empty, val is not, test has no weight.
    RunSummary summary = PipelineRuns.run("webdataset", "--input=" + PRETRAIN, "--splitMode=shard", PipelineRuns.out(out));
    assertEquals(1, counters(summary).path("energon_train_split_empty").asInt(), counters(summary).toString());
    assertFalse(counters(summary).has("energon_val_split_empty"));
    assertFalse(counters(summary).has("energon_test_split_empty"), "test has no weight");
  }

  @Test
  void theCrudeReaderChangesDatasetYamlAloneNotTheMembers(@TempDir Path dir) throws Exception {
    Path input = Fixtures.testdata("llava-pretrain/blip_laion_cc_sbu_sample.json");
    Path pai = dir.resolve("pai");
    Path crude = dir.resolve("crude");
    PipelineRuns.run("webdataset", "--input=" + input, "--layout=chatml", PipelineRuns.out(pai));
    PipelineRuns.run("webdataset", "--input=" + input, "--layout=chatml", "--energonReader=crude", PipelineRuns.out(crude));

    assertTrue(Fixtures.read(pai.resolve(".nv-meta/dataset.yaml")).contains("__module__: megatron_patch.data.energon.chatml"));
    // What `energon prepare` writes for a crude dataset (Megatron-Energon PR #55).
    assertEquals("__module__: megatron.energon\n__class__: CrudeWebdataset\n", Fixtures.read(crude.resolve(".nv-meta/dataset.yaml")));
    Map<String, String> shards = new TreeMap<>(ShardReadBack.digests(pai));
    shards.keySet().removeIf(f -> !f.endsWith(".tar"));
    assertFalse(shards.isEmpty());
    Map<String, String> crudeShards = new TreeMap<>(ShardReadBack.digests(crude));
    crudeShards.keySet().removeIf(f -> !f.endsWith(".tar"));
    assertEquals(shards, crudeShards, "the same shards");
  }
}
