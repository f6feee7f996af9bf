package io.omniprep.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.omniprep.testing.Fixtures;
import io.omniprep.testing.ShardReadBack;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --minSide}, {@code --maxAspect} and {@code --minDuration}/{@code --maxDuration} in
 * webdataset, pack-patches and convert: each dropped sample counted by its rule and listed in
 * {@code _dropped/}, the others written; the
 * expected verdicts come from the sizes the test gives its images and from the frame folder's own
 * files.
 */
class FilterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final int MIN_SIDE = 32;
  private static final double MAX_ASPECT = 3.0;

  /**
   * Five one-image records of the sizes below in {@code dir/in/r.json} (record 4 an exact copy of
   * record 1's image); returns the drop each should get under --minSide=32 --maxAspect=3, by id.
   */
  private static Map<String, String> imageRecords(Path dir) throws Exception {
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    int[][] sizes = {{64, 48}, {20, 64}, {200, 40}, {40, 40}, {20, 64}};
    ArrayNode records = JSON.createArrayNode();
    for (int i = 0; i < sizes.length; i++) {
      BufferedImage image = new BufferedImage(sizes[i][0], sizes[i][1], BufferedImage.TYPE_INT_RGB);
      var g = image.createGraphics();
      g.setColor(new Color(i * 40, 100, 200));
      g.fillRect(0, 0, sizes[i][0], sizes[i][1]);
      g.dispose();
      // Record 4 is an exact copy of record 1's image: with --dedup it is dropped by the side rule too, never as a duplicate.
      if (i == 4) {
        Files.copy(in.resolve("1.jpg"), in.resolve("4.jpg"));
      } else {
        ImageIO.write(image, "jpeg", in.resolve(i + ".jpg").toFile());
      }
      var o = records.addObject();
      o.put("id", "r" + i);
      o.put("image", i + ".jpg");
      o.putArray("conversations").addObject().put("from", "human").put("value", "<image>\nWhat is it?");
      ((ArrayNode) o.get("conversations")).addObject().put("from", "gpt").put("value", "A box.");
    }
    Files.write(in.resolve("r.json"), JSON.writeValueAsBytes(records));
    Map<String, String> expected = new TreeMap<>();
    for (int i = 0; i < sizes.length; i++) {
      int shortSide = Math.min(sizes[i][0], sizes[i][1]);
      double aspect = (double) Math.max(sizes[i][0], sizes[i][1]) / shortSide;
      if (shortSide < MIN_SIDE) {
        expected.put("r" + i, "min_side");
      } else if (aspect > MAX_ASPECT) {
        expected.put("r" + i, "max_aspect");
      }
    }
    assertEquals(Map.of("r1", "min_side", "r2", "max_aspect", "r4", "min_side"), expected, "the fixture means what it says");
    return expected;
  }

  private static String[] rules() {
    return new String[] {"--minSide=" + MIN_SIDE, "--maxAspect=" + MAX_ASPECT};
  }

  private static String[] args(String... more) {
    List<String> all = new ArrayList<>(List.of(rules()));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  /** A stage run over {@link #imageRecords} with the rules, its drops checked: its output and the ids it kept. */
  private record Filtered(Path out, RunSummary summary, List<String> kept) {}

  private static Filtered filtered(String stage, Path dir, String... more) throws Exception {
    Map<String, String> expected = imageRecords(dir);
    Path out = dir.resolve("out");
    List<String> all = new ArrayList<>(List.of("--input=" + dir.resolve("in/r.json"), PipelineRuns.out(out)));
    all.addAll(List.of(more));
    RunSummary summary = PipelineRuns.run(stage, args(all.toArray(new String[0])));
    assertDropped(expected, summary, out);
    return new Filtered(out, summary, kept(expected));
  }

  @Test
  void imagesAreJudgedByTheirSidesAndAspectAndAFilteredImageKeepsNoCopy(@TempDir Path dir) throws Exception {
    Filtered run = filtered("webdataset", dir, "--dedup=media");
    assertEquals(run.summary().written(), ShardReadBack.readAll(run.out()).size());
  }

  @Test
  void packPatchesDropsWhatTheRulesRefuseBeforePackingIt(@TempDir Path dir) throws Exception {
    Filtered run = filtered("pack-patches", dir);
    assertEquals(run.kept(), ids(run.out().resolve(PackPatchesPipeline.JSON_NAME + ".json")));
    long packed = 0;
    try (var patches = Files.list(run.out().resolve("patches"))) {
      for (Path patch : patches.toList()) {
        packed += Files.size(patch);
      }
    }
    long keptBytes = 0;
    for (String id : run.kept()) {
      keptBytes += Files.size(dir.resolve("in/" + id.substring(1) + ".jpg"));
    }
    assertEquals(keptBytes, packed, "the patches hold the kept samples' images only");
  }

  @Test
  void convertDropsWhatTheRulesRefuse(@TempDir Path dir) throws Exception {
    Filtered run = filtered("convert", dir);
    assertEquals(run.kept(), ids(run.out().resolve("llava.json")));
  }

  @Test
  void convertRefusesRulesItCannotApply(@TempDir Path dir) throws Exception {
    imageRecords(dir);
    for (String other : new String[] {"--checkMedia=false", "--maxRecordsPerFile=2"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PipelineRuns.run("convert",
          args("--input=" + dir.resolve("in/r.json"), other, PipelineRuns.out(dir.resolve("out")))), other);
      assertTrue(e.getMessage().contains("--minSide"), e.getMessage());
    }
  }

  /** The ids of the five records less the dropped ones, in input order. */
  private static List<String> kept(Map<String, String> dropped) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      if (!dropped.containsKey("r" + i)) {
        ids.add("r" + i);
      }
    }
    return ids;
  }

  private static List<String> ids(Path json) throws Exception {
    List<String> ids = new ArrayList<>();
    for (JsonNode record : JSON.readTree(json.toFile())) {
      ids.add(record.get("id").asText());
    }
    return ids;
  }

  @Test
  void videosAreJudgedByTheirKnownDuration(@TempDir Path dir) throws Exception {
    Path input = Fixtures.testdata("sharegpt/dataset.json");
    Path clip1 = input.getParent().resolve("videos/clip1");
    long frames;
    try (var files = Files.list(clip1)) {
      frames = files.filter(f -> f.getFileName().toString().startsWith("frame_")).count();
    }
    double seconds = frames / ShardReadBack.json(input.getParent().resolve("videos/clip1.json")).get("fps").asDouble();
    assertEquals(3.0, seconds, 1e-9, "clip1 is 3 s; clip2 has no fps, so no known duration");

    RunSummary under = PipelineRuns.run("webdataset", "--input=" + input, "--layout=chatml", "--minDuration=" + (seconds + 1),
        PipelineRuns.out(dir.resolve("min")));
    assertDropped(Map.of("sg-2", "min_duration"), under, dir.resolve("min"));
    assertEquals(under.written(), ShardReadBack.readAll(dir.resolve("min")).size());
    RunSummary over = PipelineRuns.run("webdataset", "--input=" + input, "--layout=chatml", "--maxDuration=" + (seconds - 1),
        PipelineRuns.out(dir.resolve("max")));
    assertDropped(Map.of("sg-2", "max_duration"), over, dir.resolve("max"));
  }

  @Test
  void packPatchesJudgesAVideoFileByItsContainersDuration(@TempDir Path dir) throws Exception {
    // testdata's clip lasts a few seconds: more than a millisecond, less than an hour
    Path input = Fixtures.testdata("video/records.json");
    RunSummary tooLong = PipelineRuns.run("pack-patches", "--input=" + input, "--maxDuration=0.001", PipelineRuns.out(dir.resolve("long")));
    assertDropped(Map.of("v1", "max_duration"), tooLong, dir.resolve("long"));
    RunSummary tooShort = PipelineRuns.run("pack-patches", "--input=" + input, "--minDuration=3600", PipelineRuns.out(dir.resolve("short")));
    assertDropped(Map.of("v1", "min_duration"), tooShort, dir.resolve("short"));
    RunSummary within = PipelineRuns.run("pack-patches", "--input=" + input, "--minDuration=0.001", "--maxDuration=3600",
        PipelineRuns.out(dir.resolve("within")));
    assertEquals(1, within.written());
    assertEquals(0, within.get("records_dropped"));
  }

  private static void assertDropped(Map<String, String> expected, RunSummary summary, Path out) throws Exception {
    assertTrue(summary.balanced(), summary.toJson("webdataset").toString());
    assertEquals(expected.size(), summary.get("records_dropped"));
    Map<String, Long> byReason = new TreeMap<>();
    expected.values().forEach(r -> byReason.merge(r, 1L, Long::sum));
    byReason.forEach((reason, n) -> assertEquals(n, summary.get("dropped_" + reason), reason));
    assertEquals(0, summary.get("dropped_duplicate"));
    Map<String, String> listed = new TreeMap<>();
    for (String line : Files.readAllLines(out.resolve("_dropped/dropped-000000.jsonl"))) {
      JsonNode d = JSON.readTree(line);
      listed.put(d.get("id").asText(), d.get("reason").asText());
    }
    assertEquals(expected, listed);
    assertEquals(summary.read() - expected.size() - summary.failed(), summary.written());
  }
}
