package io.omniprep.pipelines;

import static io.omniprep.pipelines.PipelineRuns.arg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.av.testing.TestVideos;
import io.omniprep.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractAudioPipelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code videos/}: a tone, a video without audio, a corrupt file; {@code records.json} naming them. */
  @TempDir static Path in;

  @BeforeAll
  static void generate() throws Exception {
    Path videos = Files.createDirectories(in.resolve("videos"));
    TestVideos.toneVideo(videos);
    TestVideos.videoWithoutAudio(videos);
    TestVideos.truncatedVideo(videos);
    String turns = "\"conversations\": [{\"from\": \"human\", \"value\": \"<image>\\nHeard?\"}, {\"from\": \"gpt\", \"value\": \"Yes.\"}]";
    Fixtures.write(in.resolve("records.json"), "[\n"
        + "{\"id\": \"tone\", \"video\": \"videos/tone.mp4\", " + turns + "},\n"
        + "{\"id\": \"silent\", \"video\": \"videos/silent.mp4\", " + turns + "},\n"
        + "{\"id\": \"missing\", \"video\": \"videos/none.mp4\", " + turns + "}\n]");
  }

  private static List<String> reasons(Path out) throws Exception {
    List<String> reasons = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("_errors/errors-000000.jsonl"))) {
      JsonNode e = JSON.readTree(line);
      reasons.add(e.get("stage").asText() + " " + e.get("reason").asText());
    }
    reasons.sort(null);
    return reasons;
  }

  @Test
  void videoFilesGiveABalancedSummary(@TempDir Path out) throws Exception {
    RunSummary summary = PipelineRuns.run("extract-audio", "--input=" + in.resolve("videos") + "/*", arg("output", out));
    assertEquals(3, summary.read());
    assertEquals(1, summary.written());
    assertEquals(2, summary.failed());
    assertTrue(summary.balanced());
    assertEquals(1, summary.get("failed_no_audio_stream"));
    assertEquals(1, summary.get("failed_cannot_decode"));
    assertEquals(List.of("extract-audio cannot_decode", "extract-audio no_audio_stream"), reasons(out));
    assertTrue(Files.exists(out.resolve("tone.wav")));
    assertTrue(JSON.readTree(out.resolve("_SUMMARY.json").toFile()).get("balanced").asBoolean());

    RunSummary again = PipelineRuns.run("extract-audio", "--input=" + in.resolve("videos") + "/*", arg("output", out));
    assertEquals(1, again.written(), "an existing output counts as written");
    assertEquals(1, again.get("videos_skipped_existing"));
    assertTrue(again.balanced());
  }

  @Test
  void recordsGiveABalancedSummaryAndTheirJson(@TempDir Path out) throws Exception {
    RunSummary summary = PipelineRuns.run("extract-audio", arg("input", in.resolve("records.json")), arg("output", out));
    assertEquals(3, summary.read());
    assertEquals(1, summary.written());
    assertEquals(2, summary.failed());
    assertTrue(summary.balanced());
    assertEquals(List.of("extract-audio no_audio_stream", "validate media_missing"), reasons(out));
    JsonNode records = JSON.readTree(out.resolve("dataset.json").toFile());
    assertEquals(1, records.size());
    assertEquals("videos/tone.wav", records.get(0).get("audio").asText());
    assertTrue(Files.exists(out.resolve("videos/tone.wav")));
  }

  @Test
  void aGlobOverAMixedTreeTakesOnlyTheVideosAndMirrorsIt(@TempDir Path out) {
    PipelineRuns.run("extract-audio", "--input=" + in + "/**", arg("output", out));
    assertEquals(List.of("_SUMMARY.json", "_errors/errors-000000.jsonl", "videos/tone.wav"), Fixtures.listFiles(out));
  }

  @Test
  void recordFilesAndVideoGlobsCannotBeMixed(@TempDir Path out) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PipelineRuns.run("extract-audio",
        "--input=" + in.resolve("records.json") + "," + in.resolve("videos") + "/*", arg("output", out)));
    assertTrue(e.getMessage().contains("mixes record files and video files"), e.getMessage());
  }
}
