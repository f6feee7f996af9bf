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
}
