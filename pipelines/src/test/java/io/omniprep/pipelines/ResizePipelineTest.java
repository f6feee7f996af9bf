package io.omniprep.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.omniprep.testing.ShardReadBack;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code webdataset --resize=max-side:N}: images over the budget are stored as JPEG of the size
 * worked out by hand below, with their original size in the JSON; one within it keeps its bytes.
 */
class ResizePipelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_SIDE = 200;

  /** Image id, its format and size, and the size max-side:200 stores it at (by hand: side x 200 / longer side). */
  private record Case(String id, String format, int width, int height, int storedWidth, int storedHeight) {}

  private static final List<Case> CASES =
      List.of(
          new Case("landscape", "png", 400, 300, 200, 150), // 300 * 200 / 400 = 150
          new Case("portrait", "jpg", 90, 300, 60, 200), // 90 * 200 / 300 = 60
          new Case("odd", "jpg", 333, 101, 200, 61), // 101 * 200 / 333 = 60.66 -> 61
          new Case("small", "jpg", 120, 80, 120, 80)); // within the budget

  private static Path input(Path dir) throws Exception {
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    ArrayNode records = JSON.createArrayNode();
    for (Case c : CASES) {
      BufferedImage image = new BufferedImage(c.width(), c.height(), BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < c.height(); y++) {
        for (int x = 0; x < c.width(); x++) {
          image.setRGB(x, y, (x % 256) << 16 | (y % 256) << 8 | 90);
        }
      }
      ImageIO.write(image, c.format().equals("png") ? "png" : "jpeg", in.resolve(c.id() + "." + c.format()).toFile());
      var o = records.addObject();
      o.put("id", c.id());
      o.put("image", c.id() + "." + c.format());
      o.putArray("conversations").addObject().put("from", "human").put("value", "<image>\nWhat is it?");
      ((ArrayNode) o.get("conversations")).addObject().put("from", "gpt").put("value", "A gradient.");
    }
    Files.write(in.resolve("r.json"), JSON.writeValueAsBytes(records));
    return in;
  }

  @Test
  void imagesOverTheBudgetAreStoredAtItAndKeepTheirOriginalSizeInTheJson(@TempDir Path dir) throws Exception {
    Path in = input(dir);
    Path out = dir.resolve("out");
    RunSummary summary = PipelineRuns.run("webdataset", "--input=" + in.resolve("r.json"), "--layout=raw",
        "--resize=max-side:" + MAX_SIDE, PipelineRuns.out(out));
    assertTrue(summary.balanced());
    assertEquals(CASES.size(), summary.written());

    Map<String, ShardReadBack.ReadSample> byId = new HashMap<>();
    for (ShardReadBack.ReadSample s : ShardReadBack.readAll(out)) {
      byId.put(JSON.readTree(s.parts().get("json")).get("id").asText(), s);
    }
    for (Case c : CASES) {
      ShardReadBack.ReadSample s = byId.get(c.id());
      boolean resized = c.storedWidth() != c.width();
      byte[] image = s.parts().get(resized ? "jpg" : c.format());
      BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image));
      assertEquals(c.storedWidth(), decoded.getWidth(), c.id());
      assertEquals(c.storedHeight(), decoded.getHeight(), c.id());
      if (!resized) {
        assertArrayEquals(Files.readAllBytes(in.resolve(c.id() + "." + c.format())), image, "within the budget: the bytes as they are");
      }
      JsonNode sizes = JSON.readTree(s.parts().get("json")).get("image_sizes");
      assertEquals(JSON.readTree("[{\"width\": " + c.storedWidth() + ", \"height\": " + c.storedHeight()
          + ", \"original_width\": " + c.width() + ", \"original_height\": " + c.height() + "}]"), sizes, c.id());
    }
    // the sample table describes the media as read: their original sizes
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement q = db.createStatement();
        ResultSet rs = q.executeQuery("SELECT id, width, height FROM read_parquet('" + out.resolve("samples.parquet") + "')")) {
      int rows = 0;
      while (rs.next()) {
        String id = rs.getString("id");
        Case c = CASES.stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow();
        assertEquals(c.width(), rs.getInt("width"), c.id());
        assertEquals(c.height(), rs.getInt("height"), c.id());
        rows++;
      }
      assertEquals(CASES.size(), rows);
    }
  }

  @Test
  void theVqaLayoutResizesButKeepsItsConversationListAsItIs(@TempDir Path dir) throws Exception {
    Path in = input(dir);
    Path out = dir.resolve("out");
    PipelineRuns.run("webdataset", "--input=" + in.resolve("r.json"), "--resize=max-side:" + MAX_SIDE, "--jpegQuality=80",
        PipelineRuns.out(out));

    for (ShardReadBack.ReadSample s : ShardReadBack.readAll(out)) {
      JsonNode json = JSON.readTree(s.parts().get("json"));
      assertTrue(json.isArray(), "Energon's VQASample reads json[0] and json[1]");
      assertFalse(new String(s.parts().get("json"), java.nio.charset.StandardCharsets.UTF_8).contains("image_sizes"));
      BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(s.parts().get("jpg")));
      assertTrue(Math.max(decoded.getWidth(), decoded.getHeight()) <= MAX_SIDE, s.key());
    }
  }

  @Test
  void aRerunWritesTheSameBytes(@TempDir Path dir) throws Exception {
    Path in = input(dir);
    PipelineRuns.run("webdataset", "--input=" + in.resolve("r.json"), "--layout=raw", "--resize=max-side:" + MAX_SIDE,
        PipelineRuns.out(dir.resolve("a")));
    PipelineRuns.run("webdataset", "--input=" + in.resolve("r.json"), "--layout=raw", "--resize=max-side:" + MAX_SIDE,
        PipelineRuns.out(dir.resolve("b")));

    Map<String, String> a = ShardReadBack.digests(dir.resolve("a"));
    a.remove("_SUMMARY.json");
    Map<String, String> b = ShardReadBack.digests(dir.resolve("b"));
    b.remove("_SUMMARY.json");
    assertEquals(a, b);
  }
}
