package io.omniprep.pipelines;

import static io.omniprep.pipelines.PipelineRuns.arg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.testing.Fixtures;
import io.omniprep.testing.ShardReadBack;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convert} checks images as {@code webdataset} does, and writes media paths that resolve from its output. */
class ConvertMediaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String record(String id, String image) {
    return "{\"id\": \"" + id + "\", \"image\": \"" + image + "\", \"conversations\": ["
        + "{\"from\": \"human\", \"value\": \"<image>\\nWhat?\"}, {\"from\": \"gpt\", \"value\": \"This.\"}]}";
  }

  /** {@code data/x.json}: a good JPEG, the same cut in half, an HTML page saved as .jpg, a good PNG. */
  private static Path dataset(Path root) throws Exception {
    Path images = Files.createDirectories(root.resolve("data/images"));
    BufferedImage img = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 24; y++) {
      for (int x = 0; x < 32; x++) {
        img.setRGB(x, y, (x * 8) << 16 | (y * 10) << 8 | 128);
      }
    }
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(img, "jpg", jpeg);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(img, "png", png);
    Files.write(images.resolve("good.jpg"), jpeg.toByteArray());
    Files.write(images.resolve("good.png"), png.toByteArray());
    Files.write(images.resolve("truncated.jpg"), Arrays.copyOf(jpeg.toByteArray(), jpeg.size() / 2));
    Files.write(images.resolve("page.jpg"),
        "<!DOCTYPE html><html><body>404 Not Found</body></html>\n".getBytes(StandardCharsets.UTF_8));
    return Fixtures.write(root.resolve("data/x.json"), "[\n"
        + record("good", "images/good.jpg") + ",\n"
        + record("truncated", "images/truncated.jpg") + ",\n"
        + record("html", "images/page.jpg") + ",\n"
        + record("png", "./images/../images/good.png") + "\n]");
  }

  private static List<String> corrupt(Path out) throws Exception {
    List<String> ids = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("_errors/errors-000000.jsonl"))) {
      JsonNode e = JSON.readTree(line);
      ids.add(e.get("id").asText() + " " + e.get("reason").asText());
    }
    ids.sort(null);
    return ids;
  }

  @Test
  void convertRefusesTheImagesWebDatasetRefuses(@TempDir Path root, @TempDir Path out, @TempDir Path wds) throws Exception {
    Path input = dataset(root);
    RunSummary summary = PipelineRuns.run("convert", arg("input", input), arg("output", out));
    assertEquals(4, summary.read());
    assertEquals(2, summary.written());
    assertTrue(summary.balanced());
    List<String> expected = List.of("html media_corrupt", "truncated media_corrupt");
    assertEquals(expected, corrupt(out));

    RunSummary shards = PipelineRuns.run("webdataset", arg("input", input), arg("output", wds), "--layout=raw");
    assertEquals(2, shards.written());
    assertEquals(expected, corrupt(wds), "the same records, for the same reason");
  }

  @Test
  void withoutTheMediaCheckTheTextIsConverted(@TempDir Path root, @TempDir Path out) throws Exception {
    RunSummary summary = PipelineRuns.run("convert", arg("input", dataset(root)), arg("output", out), "--checkMedia=false");
    assertEquals(4, summary.written());
  }

  @Test
  void mediaPathsResolveFromTheOutput(@TempDir Path root) throws Exception {
    Path input = dataset(root);
    Path out = root.resolve("elsewhere/json");
    PipelineRuns.run("convert", arg("input", input), arg("output", out));
    JsonNode records = ShardReadBack.json(out.resolve("llava.json"));
    assertEquals(2, records.size());
    // written relative to the output folder, naming the same files
    assertEquals("../../data/images/good.jpg", records.get(0).get("image").asText());
    assertEquals("../../data/images/good.png", records.get(1).get("image").asText());
    for (JsonNode r : records) {
      Path resolved = out.resolve(r.get("image").asText()).normalize();
      assertTrue(Files.isRegularFile(resolved), resolved.toString());
    }

    Path absolute = root.resolve("abs");
    PipelineRuns.run("convert", arg("input", input), arg("output", absolute), "--absolutePaths");
    JsonNode abs = ShardReadBack.json(absolute.resolve("llava.json"));
    assertEquals(root.resolve("data/images/good.jpg").toString(), abs.get(0).get("image").asText());

    // the absolute output converts again, from where it is, to the same files
    Path again = root.resolve("again");
    RunSummary second = PipelineRuns.run("convert", arg("input", absolute.resolve("llava.json")), arg("output", again));
    assertEquals(2, second.written());
    assertEquals("../data/images/good.jpg", ShardReadBack.json(again.resolve("llava.json")).get(0).get("image").asText());
    assertFalse(Files.exists(again.resolve("_errors")));
  }
}
