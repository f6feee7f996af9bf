package io.omniprep.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.av.testing.TestVideos;
import io.omniprep.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPipelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path PRETRAIN = Fixtures.testdata("llava-pretrain/blip_laion_cc_sbu_sample.json");
  private static final Path DEFECTS = Fixtures.testdata("llava-defects/defects.json");

  private static JsonNode report(Path out) throws Exception {
    return JSON.readTree(out.resolve("report.json").toFile());
  }

  /** The histogram of a distribution as {lower edge: count}, empty bins left out. */
  private static Map<String, Long> bins(JsonNode distribution) {
    Map<String, Long> bins = new TreeMap<>();
    for (JsonNode bin : distribution.get("histogram")) {
      if (bin.get("count").asLong() > 0) {
        bins.put(bin.get("from").asText(), bin.get("count").asLong());
      }
    }
    return bins;
  }

  @Test
  void theFiguresOfTheLlavaPretrainFixtureAreItsKnownValues(@TempDir Path out) throws Exception {
    RunSummary summary = PipelineRuns.run("report", "--input=" + PRETRAIN, PipelineRuns.out(out));
    assertTrue(summary.balanced(), summary.toJson("report").toString());
    assertEquals(32, summary.written());
    JsonNode r = report(out);

    assertEquals(32, r.at("/samples/total").asLong());
    assertEquals(Map.of(PRETRAIN.toString(), 32L), JSON.convertValue(r.at("/samples/bySource"), Map.class).entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(e -> (String) ((Map.Entry<?, ?>) e).getKey(), e -> ((Number) ((Map.Entry<?, ?>) e).getValue()).longValue())));
    assertEquals(0, r.at("/samples/bySplit").size(), "records have no splits");

    assertEquals(32, r.at("/media/image/total").asLong());
    assertEquals(32, r.at("/media/image/samplesWith").asLong());
    assertEquals(Map.of("1", 32L), bins(r.at("/media/image/perSample")));
    assertEquals(0, r.at("/media/video/total").asLong());

    // 30 JPEGs: 160x120, 128x96, 96x128, 200x150, 120x120, 144x96, five each; PNGs 120x90 and 90x120.
    JsonNode images = r.get("images");
    assertEquals(32, images.get("measured").asLong());
    assertEquals(0, images.get("unreadable").asLong());
    assertEquals(Map.of("jpeg", 30L, "png", 2L), JSON.convertValue(images.get("formats"), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Long>>() {}));
    JsonNode width = images.get("width");
    assertEquals(90, width.get("min").asInt());
    assertEquals(200, width.get("max").asInt());
    assertEquals("139.0625", width.get("mean").asText(), "4450 / 32");
    assertEquals(96, width.at("/percentiles/p10").asInt());
    assertEquals(128, width.at("/percentiles/p50").asInt());
    assertEquals(200, width.at("/percentiles/p90").asInt());
    assertEquals(Map.of("64", 12L, "128", 15L, "192", 5L), bins(width));
    assertEquals(Map.of("64", 22L, "128", 10L), bins(images.get("height")));
    JsonNode aspect = images.get("aspectRatio");
    assertEquals("0.75", aspect.get("min").asText());
    assertEquals("1.5", aspect.get("max").asText());
    assertEquals(Map.of("0.7", 6L, "1", 5L, "1.25", 16L, "1.4", 5L), bins(aspect));

    JsonNode turns = r.at("/conversations/turnsPerConversation");
    assertEquals(32, turns.get("count").asLong());
    assertEquals(Map.of("2", 32L), bins(turns));
    JsonNode chars = r.at("/conversations/charactersPerTurn");
    assertEquals(64, chars.get("count").asLong());
    assertEquals(28, chars.get("min").asInt());
    assertEquals(67, chars.get("max").asInt());
    assertEquals("47.46875", chars.get("mean").asText(), "3038 characters over 64 turns");

    assertEquals(0, r.at("/errors/total").asLong());
    assertEquals(0, r.at("/videos/measured").asLong());
  }

  @Test
  void failuresAreCountedByReasonWithTheirFirstRecordsAsExamples(@TempDir Path out) throws Exception {
    RunSummary summary =
        PipelineRuns.run("report", "--input=" + DEFECTS, "--mediaRoot=" + DEFECTS.getParent(), PipelineRuns.out(out));
    assertTrue(summary.balanced(), summary.toJson("report").toString());
    JsonNode r = report(out);
    Map<String, Long> byReason = new TreeMap<>();
    r.at("/errors/byReason").fields().forEachRemaining(e -> byReason.put(e.getKey(), e.getValue().get("count").asLong()));
    assertEquals(
        Map.of("malformed_json", 1L, "wrong_type", 2L, "missing_conversations", 1L, "unknown_speaker", 1L,
            "token_media_mismatch", 2L, "media_missing", 1L, "path_traversal", 2L),
        byReason);
    assertEquals(10, r.at("/errors/total").asLong());
    assertEquals(summary.failed(), r.at("/errors/total").asLong());
    assertEquals(summary.written(), r.at("/samples/total").asLong());
    for (JsonNode reason : r.at("/errors/byReason")) {
      List<Long> positions = new ArrayList<>();
      for (JsonNode x : reason.get("examples")) {
        assertEquals(DEFECTS.toString(), x.get("source").asText());
        assertFalse(x.get("record").asText().isEmpty());
        positions.add(x.get("position").asLong());
      }
      assertEquals(Math.min(3, reason.get("count").asLong()), positions.size());
      assertEquals(positions.stream().sorted().toList(), positions, "examples are the first records");
    }
    JsonNode traversal = r.at("/errors/byReason/path_traversal/examples");
    assertEquals("path-traversal", traversal.get(0).get("id").asText());
    assertEquals("absolute-path", traversal.get(1).get("id").asText());
  }

  @Test
  void theHtmlHasAChartPerSectionAndReferencesNothingOutside(@TempDir Path out) throws Exception {
    PipelineRuns.run("report", "--input=" + PRETRAIN + "," + DEFECTS, PipelineRuns.out(out));
    String html = Files.readString(out.resolve("report.html"));
    for (String section : List.of("samples", "media", "images", "videos", "conversations", "errors")) {
      int start = html.indexOf("<section id=\"" + section + "\">");
      assertTrue(start >= 0, "section " + section);
      String body = html.substring(start, html.indexOf("</section>", start));
      assertTrue(body.contains("<svg"), "a chart in section " + section);
    }
    for (String external : List.of("http:", "https:", "src=", "<script", "<link", "url(", "@import")) {
      assertFalse(html.contains(external), "no " + external);
    }
  }

  @Test
  void shardsGiveTheSameFiguresAsTheRecordsTheyWereWrittenFrom(@TempDir Path dir) throws Exception {
    Path fromRecords = dir.resolve("records");
    Path wds = dir.resolve("wds");
    Path fromShards = dir.resolve("shards");
    Path fromPattern = dir.resolve("pattern");
    PipelineRuns.run("report", "--input=" + PRETRAIN, PipelineRuns.out(fromRecords));
    PipelineRuns.run("webdataset", "--input=" + PRETRAIN, "--layout=raw", "--maxSamplesPerShard=10", "--report", PipelineRuns.out(wds));
    RunSummary shards = PipelineRuns.run("report", "--input=" + wds, PipelineRuns.out(fromShards));
    assertTrue(shards.balanced());
    PipelineRuns.run("report", "--input=" + wds + "/*.tar", PipelineRuns.out(fromPattern));

    JsonNode records = report(fromRecords);
    JsonNode run = report(wds);
    JsonNode read = report(fromShards);
    for (String figure : List.of("/samples/total", "/media", "/images", "/videos", "/conversations")) {
      assertEquals(records.at(figure), read.at(figure), figure + " read back from shards");
      assertEquals(records.at(figure), run.at(figure), figure + " of the webdataset run's report");
    }
    // 9,1,0 by sample, dealt within each chunk of 10 records (10, 10, 10, 2): rank 1 of a chunk goes
    // to val, the rest to train, so 9 + 9 + 9 + 1 train and 1 + 1 + 1 + 1 val.
    assertEquals(JSON.readTree("{\"train\": 28, \"val\": 4}"), read.at("/samples/bySplit"));
    assertEquals(read.at("/samples/bySplit"), run.at("/samples/bySplit"));
    assertEquals(read.at("/samples/bySplit"), report(fromPattern).at("/samples/bySplit"));
    assertEquals(read.at("/conversations"), report(fromPattern).at("/conversations"));
    assertEquals(1, read.at("/samples/bySource").size(), "one source file, named by its key prefix");
    assertTrue(read.at("/samples/bySource").fieldNames().next().startsWith("blip_laion_cc_sbu_sample-"));
  }

  @Test
  void theChatMlLayoutsFrameListsAreReadBackWithTheirFrameRates(@TempDir Path dir) throws Exception {
    Path sharegpt = Fixtures.testdata("sharegpt/dataset.json");
    Path fromRecords = dir.resolve("records");
    Path wds = dir.resolve("wds");
    Path fromShards = dir.resolve("shards");
    PipelineRuns.run("report", "--input=" + sharegpt, "--videoAs=frames", PipelineRuns.out(fromRecords));
    PipelineRuns.run("webdataset", "--input=" + sharegpt, "--layout=chatml", "--split=1,0,0", PipelineRuns.out(wds));
    PipelineRuns.run("report", "--input=" + wds + "/", PipelineRuns.out(fromShards));

    JsonNode videos = report(fromRecords).get("videos");
    // clip1: 6 frames, fps "2.0" (3 s); clip2: 5 frames, no sidecar (no rate, no duration).
    assertEquals(2, videos.get("measured").asLong());
    assertEquals(2, videos.get("frameLists").asLong());
    assertEquals(Map.of("4", 2L), bins(videos.get("frames")));
    assertEquals(1, videos.at("/fps/count").asLong());
    assertEquals("2", videos.at("/fps/min").asText());
    assertEquals("3", videos.at("/durationSeconds/max").asText());
    assertEquals(4, report(fromRecords).at("/media/image/total").asLong(), "img0, img1 and img2, img3");

    JsonNode read = report(fromShards);
    assertEquals(5, read.at("/samples/total").asLong());
    assertEquals(4, read.at("/media/image/total").asLong());
    assertEquals(2, read.at("/media/video/total").asLong());
    // The chatml layout keeps an even number of frames, and 2 fps where no rate is known.
    assertEquals(6, read.at("/videos/frames/max").asLong());
    assertEquals(4, read.at("/videos/frames/min").asLong());
    assertEquals("2", read.at("/videos/fps/max").asText());
    assertEquals(report(fromRecords).at("/conversations"), read.at("/conversations"));
  }

  @Test
  void videoFilesAreProbedForDurationAndFrameRate(@TempDir Path dir) throws Exception {
    TestVideos.write(dir.resolve("v.mp4"), TestVideos.spec().withDuration(2.0).withFps(10).withoutAudio());
    Path records = Fixtures.write(dir.resolve("v.json"),
        "[{\"id\": \"v\", \"video\": \"v.mp4\", \"conversations\": [{\"from\": \"human\", \"value\": \"<video>\\nWhat moves?\"}, {\"from\": \"gpt\", \"value\": \"Squares.\"}]}]");
    PipelineRuns.run("report", "--input=" + records, PipelineRuns.out(dir.resolve("out")));
    JsonNode videos = report(dir.resolve("out")).get("videos");
    assertEquals(1, videos.get("measured").asLong());
    assertEquals(0, videos.get("frameLists").asLong());
    assertEquals("10", videos.at("/fps/min").asText());
    assertEquals(20, videos.at("/frames/min").asLong());
    assertEquals(2.0, videos.at("/durationSeconds/min").asDouble(), 0.05);

    // The raw layout stores the file as a member: probed through a temporary copy.
    PipelineRuns.run("webdataset", "--input=" + records, "--layout=raw", PipelineRuns.out(dir.resolve("wds")));
    PipelineRuns.run("report", "--input=" + dir.resolve("wds") + "/", PipelineRuns.out(dir.resolve("shards")));
    assertEquals(videos, report(dir.resolve("shards")).get("videos"));
  }

  @Test
  void aMixtureYamlIsReportedAsTheMixtureWouldBeWritten(@TempDir Path dir) throws Exception {
    Path yaml = Fixtures.write(dir.resolve("mix.yaml"), String.join("\n",
        "datasets:",
        "  - name: pretrain",
        "    json_path: " + PRETRAIN,
        "    sampling_strategy: first:10",
        "    image_root: " + PRETRAIN.getParent() + "/",
        "  - name: last3",
        "    json_path: " + PRETRAIN,
        "    sampling_strategy: end:3",
        "    image_root: " + PRETRAIN.getParent() + "/",
        ""));
    RunSummary summary = PipelineRuns.run("report", "--input=" + yaml, PipelineRuns.out(dir.resolve("out")));
    JsonNode r = report(dir.resolve("out"));
    assertEquals(JSON.readTree("{\"pretrain\": 10, \"last3\": 3}"), r.at("/samples/bySource"), r.at("/errors").toString());
    assertEquals(13, r.at("/images/measured").asLong());
    assertEquals(summary.written(), r.at("/samples/total").asLong());
  }

  @Test
  void theSameInputGivesTheSameBytes(@TempDir Path dir) throws Exception {
    String inputs = "--input=" + PRETRAIN + "," + DEFECTS + "," + Fixtures.testdata("jsonl/ola.jsonl");
    PipelineRuns.run("report", inputs, PipelineRuns.out(dir.resolve("a")));
    PipelineRuns.run("report", inputs, "--targetParallelism=1", PipelineRuns.out(dir.resolve("b")));
    for (String file : List.of("report.json", "report.html")) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(file)), Files.readAllBytes(dir.resolve("b").resolve(file)), file);
    }
    ObjectNode r = (ObjectNode) report(dir.resolve("a"));
    assertEquals(3, r.at("/samples/bySource").size());
  }
}
