package io.omniprep.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertPipelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DEFECTS = Fixtures.testdata("llava-defects/defects.json");

  private static List<JsonNode> lines(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  @Test
  void everyRecordEndsInExactlyOnePlaceAndTheSummaryAddsUp(@TempDir Path out) throws Exception {
    RunSummary summary = PipelineRuns.run("convert", "--input=" + DEFECTS, PipelineRuns.out(out));
    assertEquals(17, summary.read());
    // 6: corrupt-image (a JPEG cut short) and absolute-path (/etc/hostname: text, not an image) are
    // media_corrupt, as webdataset and pack-patches find them
    assertEquals(6, summary.written());
    assertEquals(11, summary.failed());
    assertTrue(summary.balanced());
    assertEquals(1, summary.get("duplicate_ids"));
    JsonNode json = summary.toJson("convert");
    assertEquals(2, json.get("failedByReason").get("token_media_mismatch").asInt());
    assertEquals(1, json.get("failedByReason").get("path_traversal").asInt());
    assertEquals(2, json.get("failedByReason").get("media_corrupt").asInt());

    JsonNode written = JSON.readTree(out.resolve("llava.json").toFile());
    assertEquals(6, written.size());
    List<JsonNode> errors = lines(out.resolve("_errors/errors-000000.jsonl"));
    assertEquals(11, errors.size());
    for (JsonNode e : errors) {
      for (String field : List.of("source", "position", "id", "stage", "reason", "message", "record")) {
        assertTrue(e.has(field), field + " in " + e);
      }
    }
    assertEquals(List.of(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 12L, 14L, 15L),
        errors.stream().map(e -> e.get("position").asLong()).toList(), "errors sorted by position");
  }

  @Test
  void llavaRoundTripLosesNoField(@TempDir Path out) throws Exception {
    PipelineRuns.run("convert", "--input=" + DEFECTS, PipelineRuns.out(out));
    Map<String, JsonNode> inputById = new java.util.HashMap<>();
    for (JsonNode record : JSON.readTree(Fixtures.read(DEFECTS).replace("\"just a string\"", "{}")
        .replace("{\"id\": \"bad-json\", \"image\": \"images/d03.jpg\" \"conversations\"", "{\"id\": \"bad-json\", \"conversations\""))) {
      JsonNode r = record.isArray() ? record.get(0) : record;
      if (r.has("id") && !r.get("id").asText().equals("good-1")) {
        inputById.put(r.get("id").asText(), r);
      }
    }
    for (JsonNode written : JSON.readTree(out.resolve("llava.json").toFile())) {
      String id = written.get("id").asText();
      if (!id.equals("good-1")) {
        // as read, but for the image path: relative to the output folder now, naming the same file
        com.fasterxml.jackson.databind.node.ObjectNode expected = inputById.get(id).deepCopy();
        if (expected.has("image")) {
          Path image = DEFECTS.getParent().resolve(expected.get("image").asText()).toAbsolutePath().normalize();
          expected.put("image", out.toAbsolutePath().relativize(image).toString());
        }
        assertEquals(expected, written, "record " + id + " written back as read");
      }
    }
    // Numbers keep their spelling: the raw text of "duration": 1.5 in the input.
    assertTrue(Fixtures.read(out.resolve("llava.json")).contains("\"duration\":1.5,\"gen_score\":[5.25]"));
  }

  @Test
  void writesShareGptListsForPlainRecordsToo(@TempDir Path out) throws Exception {
    PipelineRuns.run("convert", "--input=" + Fixtures.testdata("llava-pretrain/blip_laion_cc_sbu_sample.json"), "--to=sharegpt",
        PipelineRuns.out(out));
    JsonNode records = JSON.readTree(out.resolve("sharegpt.json").toFile());
    assertEquals(32, records.size());
    for (JsonNode r : records) {
      assertTrue(r.get("images").isArray() && r.get("images").size() == 1, r.toString());
      assertTrue(!r.has("image"));
    }
  }

  @Test
  void shardedOutputFilesAreEachAValidArrayInOrder(@TempDir Path out) throws Exception {
    PipelineRuns.run("convert", "--input=" + Fixtures.testdata("llava-pretrain/blip_laion_cc_sbu_sample.json"),
        "--maxRecordsPerFile=10", PipelineRuns.out(out));
    List<String> ids = new ArrayList<>();
    for (String f : List.of("llava-000000.json", "llava-000001.json", "llava-000002.json", "llava-000003.json")) {
      for (JsonNode r : JSON.readTree(out.resolve(f).toFile())) {
        ids.add(r.get("id").asText());
      }
    }
    List<String> expected = new ArrayList<>();
    JSON.readTree(Fixtures.testdata("llava-pretrain/blip_laion_cc_sbu_sample.json").toFile()).forEach(r -> expected.add(r.get("id").asText()));
    assertEquals(expected, ids);
  }

  /**
   * A lone surrogate escape in a turn, a turn's key or a field name is kept, as Python's json keeps
   * it: llava.json holds it escaped (UTF-8 cannot hold it bare), never '?', and reads back as the
   * same strings as the input does (the expectation: Jackson's reading of the input itself).
   */
  @Test
  void loneSurrogatesAreKeptEscaped(@TempDir Path dir) throws Exception {
    String record = "{\"id\": \"s\\ud800\", \"k\\udc00\": [\"\\udbff\"], \"conversations\": ["
        + "{\"from\": \"human\", \"value\": \"a\\ud800b\", \"x\\udfff\": 1}, {\"from\": \"gpt\", \"value\": \"\\udc00z\"}]}";
    Path input = Fixtures.write(dir.resolve("lone.json"), "[" + record + "]");
    RunSummary summary = PipelineRuns.run("convert", "--input=" + input, PipelineRuns.out(dir.resolve("out")));
    assertEquals(1, summary.written(), () -> summary.toJson("convert").toString());
    byte[] written = Files.readAllBytes(dir.resolve("out/llava.json"));
    for (byte b : written) {
      assertTrue(b != '?' && b >= 0, "ASCII only, no '?': " + new String(written, java.nio.charset.StandardCharsets.UTF_8));
    }
    assertEquals(JSON.readTree(record), JSON.readTree(written).get(0));
  }

  @Test
  void anEmptyInputGivesAnEmptyArray(@TempDir Path dir) throws Exception {
    Path empty = Fixtures.write(dir.resolve("empty.json"), "[]");
    RunSummary summary = PipelineRuns.run("convert", "--input=" + empty, PipelineRuns.out(dir.resolve("out")));
    assertEquals(0, summary.read());
    assertEquals(0, JSON.readTree(dir.resolve("out/llava.json").toFile()).size());
  }

  @Test
  void chunksWrittenApartConcatenateInRecordOrderWithTheirFailuresInPlace(@TempDir Path dir) throws Exception {
    // 10,000 records are three chunks of at most 4,096; every 1,000th record is malformed.
    StringBuilder json = new StringBuilder("[");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      json.append(i > 0 ? ",\n" : "");
      if (i % 1000 == 999) {
        json.append("{\"id\": \"bad-").append(i).append("\", oops}");
      } else {
        json.append("{\"id\": \"r").append(i).append("\", \"conversations\": [{\"from\": \"human\", \"value\": \"q\"}, ")
            .append("{\"from\": \"gpt\", \"value\": \"a").append(i).append("\"}]}");
        expected.add("r" + i);
      }
    }
    Path input = Fixtures.write(dir.resolve("many.json"), json.append("]").toString());
    Path out = dir.resolve("out");
    RunSummary summary = PipelineRuns.run("convert", "--input=" + input, "--checkMedia=false", PipelineRuns.out(out));
    assertEquals(10_000, summary.read());
    assertEquals(9_990, summary.written());
    assertEquals(10, summary.failed());
    List<String> ids = new ArrayList<>();
    JSON.readTree(out.resolve("llava.json").toFile()).forEach(r -> ids.add(r.get("id").asText()));
    assertEquals(expected, ids);
    // Failures are written by the chunk that met them: positions 999..4095 in part 0, and so on.
    List<Long> positions = new ArrayList<>();
    for (String part : List.of("errors-000000.jsonl", "errors-000001.jsonl", "errors-000002.jsonl")) {
      for (String line : Files.readAllLines(out.resolve("_errors/" + part))) {
        positions.add(JSON.readTree(line).get("position").asLong());
      }
    }
    assertEquals(List.of(999L, 1999L, 2999L, 3999L, 4999L, 5999L, 6999L, 7999L, 8999L, 9999L), positions);
  }

  @Test
  void aRerunLeavesOnlyItsOwnFailuresInTheErrorsOutput(@TempDir Path dir) throws Exception {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 10_000; i++) {
      json.append(i > 0 ? ",\n" : "").append(i % 1000 == 999 ? "{\"id\": \"bad\", oops}" : "{\"id\": \"r" + i + "\", \"conversations\": []}");
    }
    Path many = Fixtures.write(dir.resolve("many.json"), json.append("]").toString());
    Path few = Fixtures.write(dir.resolve("few.json"), "[{\"id\": \"bad\", oops}, {\"id\": \"ok\", \"conversations\": "
        + "[{\"from\": \"human\", \"value\": \"q\"}, {\"from\": \"gpt\", \"value\": \"a\"}]}]");
    Path clean = Fixtures.write(dir.resolve("clean.json"), "[{\"id\": \"ok\", \"conversations\": "
        + "[{\"from\": \"human\", \"value\": \"q\"}, {\"from\": \"gpt\", \"value\": \"a\"}]}]");
    Path out = dir.resolve("out");
    PipelineRuns.run("convert", "--input=" + many, "--checkMedia=false", PipelineRuns.out(out));
    assertEquals(3, errorFiles(out).size(), "three chunks, each with failures");

    // one chunk now: the parts of chunks 1 and 2 are the earlier run's
    RunSummary fewer = PipelineRuns.run("convert", "--input=" + few, "--checkMedia=false", PipelineRuns.out(out));
    assertEquals(1, fewer.failed());
    List<String> lines = new ArrayList<>();
    for (Path f : errorFiles(out)) {
      lines.addAll(Files.readAllLines(f));
    }
    assertEquals(1, lines.size(), lines.toString());
    assertEquals(0, JSON.readTree(lines.get(0)).get("position").asLong());

    // the sample-at-a-time plan, with nothing failing: no error file is left at all
    RunSummary none = PipelineRuns.run("convert", "--input=" + clean, "--checkMedia=false", "--maxRecordsPerFile=5", PipelineRuns.out(out));
    assertEquals(0, none.failed());
    assertEquals(List.of(), errorFiles(out));
  }

  private static List<Path> errorFiles(Path out) throws Exception {
    Path errors = out.resolve("_errors");
    if (!Files.isDirectory(errors)) {
      return List.of();
    }
    try (var files = Files.list(errors)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
    }
  }
}
