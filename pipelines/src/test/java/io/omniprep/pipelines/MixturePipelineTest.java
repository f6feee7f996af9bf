package io.omniprep.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.testing.Fixtures;
import io.omniprep.testing.ParquetFiles;
import io.omniprep.testing.ShardReadBack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MixturePipelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path IMAGES = Fixtures.testdata("llava-pretrain/00000");

  /** A CSV of captions for text-to-image (absolute image paths) and a Parquet of LLaVA records (relative ones). */
  private static Path mixture(Path dir) throws Exception {
    Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(dir.resolve("img"));
    List<Path> jpgs = new ArrayList<>();
    try (var files = Files.list(IMAGES)) {
      files.sorted().limit(6).forEach(jpgs::add);
    }
    StringBuilder csv = new StringBuilder("s3_path,caption,fltLaionAesthScore\n");
    for (int i = 0; i < 4; i++) {
      csv.append(jpgs.get(i)).append(",caption number ").append(i).append(",").append(4.5 + i).append('\n');
    }
    Files.writeString(dir.resolve("data/t2i.csv"), csv);
    Schema turn = SchemaBuilder.record("turn").fields().requiredString("from").requiredString("value").endRecord();
    Schema schema = SchemaBuilder.record("row").fields().requiredString("id").requiredString("image")
        .name("conversations").type().array().items(turn).noDefault().endRecord();
    List<GenericRecord> rows = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Files.copy(jpgs.get(4 + i), dir.resolve("img/" + i + ".jpg"));
      GenericRecord q = new GenericData.Record(turn);
      q.put("from", "human");
      q.put("value", "<image>\nWhat is in picture " + i + "?");
      GenericRecord a = new GenericData.Record(turn);
      a.put("from", "gpt");
      a.put("value", "Thing " + i + ".");
      GenericRecord r = new GenericData.Record(schema);
      r.put("id", "v" + i);
      r.put("image", "img/" + i + ".jpg");
      r.put("conversations", List.of(q, a));
      rows.add(r);
    }
    ParquetFiles.write(dir.resolve("data/vqa.parquet"), schema, rows);
    return Fixtures.write(dir.resolve("mix.yaml"), String.join("\n",
        "datasets:",
        "  - name: t2i",
        "    json_path: data/t2i.csv",
        "    preprocess_fn: preproces_text_to_image_generation_s3",
        "    aes_cutoff: 5.0",
        "  - name: vqa",
        "    json_path: data/vqa.parquet",
        "    sampling_strategy: dup:2",
        ""));
  }

  @Test
  void twoDatasetsOfDifferentFormatsEndInOneWebDataset(@TempDir Path dir) throws Exception {
    Path yaml = mixture(dir);
    Path out = dir.resolve("out");
    RunSummary summary = PipelineRuns.run("mixture", "--config=" + yaml, "--layout=raw", "--split=1,0,0", PipelineRuns.out(out));
    // t2i: 4 rows, aes_cutoff 5.0 keeps 5.5, 6.5, 7.5; vqa: 2 rows, each twice.
    assertEquals(7, summary.written(), summary.toJson("mixture").toString());
    assertEquals(0, summary.failed());
    assertTrue(summary.balanced(), "6 rows read + 2 dup copies = 7 written + 1 filtered: " + summary.toJson("mixture"));
    List<ShardReadBack.ReadSample> samples = ShardReadBack.readAll(out);
    assertEquals(7, samples.size());
    Set<String> keys = new HashSet<>();
    int generation = 0;
    for (ShardReadBack.ReadSample s : samples) {
      keys.add(s.key());
      JsonNode record = ShardReadBack.json(s.parts().get("json"));
      if (record.has("image_gen")) {
        generation++;
        assertTrue(record.get("conversations").get(0).get("value").asText().startsWith("Generate an image with the caption: caption number "));
        assertEquals("Sure <image_gen>", record.get("conversations").get(1).get("value").asText());
        assertArrayEquals(Files.readAllBytes(Path.of(record.get("image_gen").asText())), s.parts().get("jpg"));
      } else {
        assertArrayEquals(Files.readAllBytes(dir.resolve(record.get("image").asText())), s.parts().get("jpg"));
      }
    }
    assertEquals(3, generation);
    assertEquals(7, keys.size(), "dup copies keep distinct keys");
  }

  /** Digests of the shards and their indexes. */
  private static Map<String, String> shardDigests(Path out) {
    Map<String, String> digests = new TreeMap<>(ShardReadBack.digests(out));
    digests.keySet().removeIf(f -> !(f.endsWith(".tar") || f.endsWith(".tar.idx")));
    return digests;
  }

  @Test
  void eachTableFileIsCutIntoItsOwnShardsAndARerunResumesTheUnchangedOnes(@TempDir Path dir) throws Exception {
    Path yaml = mixture(dir);
    Path out = dir.resolve("out");
    String[] args = {"--config=" + yaml, "--layout=raw", "--split=1,0,0", "--maxSamplesPerShard=2", PipelineRuns.out(out)};
    RunSummary first = PipelineRuns.run("mixture", args);
    assertEquals(7, first.written());
    // Chunk 0 is t2i.csv (3 rows kept), chunk 1 vqa.parquet (2 rows, each twice): 2 + 1 and 2 + 2 samples.
    JsonNode counts = ShardReadBack.json(out.resolve(".nv-meta/.info.json")).get("shard_counts");
    Map<String, Integer> expected = new TreeMap<>(Map.of(
        "shard-000000.tar", 2, "shard-000000_1.tar", 1, "shard-000001.tar", 2, "shard-000001_1.tar", 2));
    Map<String, Integer> actual = new TreeMap<>();
    counts.fields().forEachRemaining(e -> actual.put(e.getKey(), e.getValue().asInt()));
    assertEquals(expected, actual);
    for (String shard : expected.keySet()) {
      String dataset = shard.startsWith("shard-000000") ? "t2i-" : "vqa-";
      for (ShardReadBack.ReadSample s : ShardReadBack.readShard(out, shard)) {
        assertTrue(s.key().startsWith(dataset), shard + " holds " + s.key());
      }
    }
    Map<String, String> digests = shardDigests(out);

    RunSummary same = PipelineRuns.run("mixture", args);
    JsonNode counters = same.toJson("mixture").get("counters");
    assertEquals(4, counters.get("shards_resumed").asInt(), counters.toString());
    assertEquals(digests, shardDigests(out));
    assertEquals(7, same.written());

    // Another caption of the same length in the CSV: its file's shards are written anew, the other file's kept.
    Path csv = dir.resolve("data/t2i.csv");
    Files.writeString(csv, Files.readString(csv).replace("caption number 3", "caption number X"));
    RunSummary edited = PipelineRuns.run("mixture", args);
    counters = edited.toJson("mixture").get("counters");
    assertEquals(2, counters.get("shards_written").asInt(), counters.toString());
    assertEquals(2, counters.get("shards_resumed").asInt(), counters.toString());
    boolean found = false;
    for (ShardReadBack.ReadSample s : ShardReadBack.readShard(out, "shard-000000_1.tar")) {
      found |= new String(s.parts().get("json"), StandardCharsets.UTF_8).contains("caption number X");
    }
    assertTrue(found, "the edited row is in its file's rewritten shard");
  }

  @Test
  void writesJsonWhenAsked(@TempDir Path dir) throws Exception {
    Path yaml = mixture(dir);
    Path out = dir.resolve("out");
    PipelineRuns.run("mixture", "--config=" + yaml, "--to=llava", PipelineRuns.out(out));
    JsonNode records = JSON.readTree(out.resolve("llava.json").toFile());
    assertEquals(7, records.size());
    Set<String> ids = new HashSet<>();
    records.forEach(r -> ids.add(r.get("id").asText()));
    assertEquals(5, ids.size(), "three unique generated ids, and v0 and v1 twice each (dup copies keep the row's id)");
    assertTrue(ids.contains("v0") && ids.contains("v1"));
  }

  @Test
  void aYamlMistakeIsReportedWithItsLineBeforeAnythingRuns(@TempDir Path dir) throws Exception {
    Path yaml = Fixtures.write(dir.resolve("bad.yaml"), String.join("\n",
        "datasets:",
        "  - name: x",
        "    json_path: x.csv",
        "    sampling_strategy: sometimes:3",
        "    colour: blue",
        ""));
    Files.writeString(dir.resolve("x.csv"), "a\n1\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PipelineRuns.run("mixture", "--config=" + yaml, PipelineRuns.out(dir.resolve("out"))));
    assertTrue(e.getMessage().contains("bad.yaml:4"), e.getMessage());
    assertTrue(e.getMessage().contains("bad.yaml:5"), e.getMessage());
    assertTrue(!Files.exists(dir.resolve("out")), "nothing ran");
  }

  @Test
  void spokenQuestionsGetEmovasInstructionWithTheirCollapsedUnits(@TempDir Path dir) throws Exception {
    Fixtures.write(dir.resolve("spoken.jsonl"),
        "{\"id\": \"s1\", \"conversations\": [{\"from\": \"human\", \"value\": \"(spoken)\"}, {\"from\": \"gpt\", \"value\": \"ok\"}]}\n");
    Fixtures.write(dir.resolve("units.jsonl"), "{\"id\": \"s1\", \"units\": [7, 7, 12, 7]}\n");
    Path yaml = Fixtures.write(dir.resolve("m.yaml"), String.join("\n",
        "datasets:",
        "  - name: spoken",
        "    json_path: spoken.jsonl",
        "    preprocess_fn: emova_speech_question",
        "    speech_units: units.jsonl",
        ""));
    PipelineRuns.run("mixture", "--config=" + yaml, "--to=llava", PipelineRuns.out(dir.resolve("out")));
    JsonNode record = JSON.readTree(dir.resolve("out/llava.json").toFile()).get(0);
    String expected = Fixtures.read(Fixtures.testdata("emova/chat_format.txt")) + "<|speech_7|><|speech_12|><|speech_7|>";
    assertEquals(expected, record.get("conversations").get(0).get("value").asText());
    assertTrue(!record.has("speech_units"), "the units column is consumed");
  }

  /**
   * testdata/mixture/speech.yaml: a speech dataset over two files whose units are joined from a
   * sidecar on the chunk plan. Every sidecar record ends in one place (joined or unused: dropped; bad:
   * failed), every row too; expectations are worked out here from the fixture's own lines.
   */
  @Test
  void speechUnitsAreJoinedOnTheChunkPlanAndEverySidecarRecordIsCounted(@TempDir Path dir) throws Exception {
    Path data = Fixtures.testdata("mixture");
    Path out = dir.resolve("out");
    RunSummary summary = PipelineRuns.run("mixture", "--config=" + data.resolve("speech.yaml"), "--to=llava", PipelineRuns.out(out));

    List<JsonNode> rows = new ArrayList<>();
    for (String file : List.of("spoken/a.jsonl", "spoken/b.jsonl")) {
      for (String line : Files.readAllLines(data.resolve(file))) {
        rows.add(JSON.readTree(line));
      }
    }
    Map<String, Set<String>> unitsById = new TreeMap<>();
    int sidecarLines = 0;
    int badSidecar = 0;
    for (String line : Files.readAllLines(data.resolve("spoken-units.jsonl"))) {
      sidecarLines++;
      JsonNode unit;
      try {
        unit = JSON.readTree(line);
      } catch (java.io.IOException e) {
        badSidecar++;
        continue;
      }
      if (!unit.has("id") || !unit.has("units")) {
        badSidecar++;
        continue;
      }
      unitsById.computeIfAbsent(unit.get("id").asText(), k -> new HashSet<>()).add(unit.get("units").toString());
    }
    Set<String> rowIds = new HashSet<>();
    rows.forEach(r -> rowIds.add(r.has("id") ? r.get("id").asText() : ""));
    long goodSidecar = sidecarLines - badSidecar;
    long joined = 0;
    for (String line : Files.readAllLines(data.resolve("spoken-units.jsonl"))) {
      joined += line.contains("\"id\"") && line.contains("\"units\"") && rowIds.contains(JSON.readTree(line).get("id").asText()) ? 1 : 0;
    }
    long t2iRows = Files.readAllLines(data.resolve("t2i.csv")).size() - 1;

    assertTrue(summary.balanced(), summary.toJson("mixture").toString());
    assertEquals(t2iRows + rows.size() + sidecarLines, summary.read(), "every row and every sidecar record is read once");
    assertEquals(joined, summary.get("dataset/spoken/speech_units_joined"));
    assertEquals(goodSidecar - joined, summary.get("dataset/spoken/speech_units_unused"));

    // A row fails without an id, or with no units or several different ones; the others are written twice (dup:2).
    List<String> written = new ArrayList<>();
    List<String> failedRows = new ArrayList<>();
    for (JsonNode row : rows) {
      Set<String> units = row.has("id") ? unitsById.getOrDefault(row.get("id").asText(), Set.of()) : Set.of();
      (units.size() == 1 ? written : failedRows).add(row.has("id") ? row.get("id").asText() : "(none)");
    }
    Map<String, String> reasons = PipelineRuns.reasonsById(out);
    for (String id : failedRows) {
      if (!id.equals("(none)")) {
        assertEquals("bad_row", reasons.get(id), id + " in " + reasons);
      }
    }
    assertEquals(failedRows.size() + badSidecar, summary.failed(), summary.toJson("mixture").toString());
    Map<String, Integer> copies = new TreeMap<>();
    for (JsonNode record : JSON.readTree(out.resolve("llava.json").toFile())) {
      if (!record.has("image_gen")) {
        String id = record.get("id").asText();
        copies.merge(id, 1, Integer::sum);
        String question = record.get("conversations").get(0).get("value").asText();
        String expected = collapsedTokens(JSON.readTree(unitsById.get(id).iterator().next()));
        assertTrue(question.endsWith(expected), question + " ends with " + expected);
      }
    }
    Map<String, Integer> expectedCopies = new TreeMap<>();
    written.forEach(id -> expectedCopies.put(id, 2));
    assertEquals(expectedCopies, copies);
  }

  /** EMOVA's tokens for units (a list of ints or a token string), consecutive repeats collapsed. */
  private static String collapsedTokens(JsonNode units) {
    List<String> tokens = new ArrayList<>();
    if (units.isArray()) {
      units.forEach(u -> tokens.add("<|speech_" + u.asInt() + "|>"));
    } else {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("<\\|speech_\\d+\\|>").matcher(units.asText());
      while (m.find()) {
        tokens.add(m.group());
      }
    }
    StringBuilder text = new StringBuilder();
    String last = null;
    for (String t : tokens) {
      if (!t.equals(last)) {
        text.append(t);
      }
      last = t;
    }
    return text.toString();
  }
}
