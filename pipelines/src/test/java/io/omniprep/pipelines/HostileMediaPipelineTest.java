package io.omniprep.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.media.Images;
import io.omniprep.media.MediaResolver;
import io.omniprep.options.ConvertOptions;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17 end to end: each hostile medium fails its own record, with its reason; the job goes on. */
class HostileMediaPipelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** SOI, SOF0 claiming {@code width} x {@code height}, EOI, padded to {@code length} bytes. */
  private static byte[] jpeg(int width, int height, int length) {
    ByteBuffer b = ByteBuffer.allocate(length);
    b.put(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 11, 8});
    b.putShort((short) height).putShort((short) width).put(new byte[] {1, 1, 0x11, 0});
    b.put(length - 2, (byte) 0xFF).put(length - 1, (byte) 0xD9);
    return b.array();
  }

  private static String record(String id, String image) {
    return "{\"id\": \"" + id + "\", \"image\": \"" + image + "\", \"conversations\": ["
        + "{\"from\": \"human\", \"value\": \"<image>\\nWhat is it?\"}, {\"from\": \"gpt\", \"value\": \"A test.\"}]}";
  }

  @Test
  void theLimitsAreOptionsWithTheResolversDefaults() {
    ConvertOptions options = PipelineOptionsFactory.fromArgs("--input=x.json", "--output=out").as(ConvertOptions.class);
    assertEquals(Images.DEFAULT_MAX_PIXELS, options.getMaxImagePixels());
    assertEquals(MediaResolver.DEFAULT_MAX_MEDIA_BYTES, options.getMaxMediaBytes());
  }

  /** Nine records, one a medium of each hostile kind and one fine; returns the input file. */
  private static Path hostileInput(Path dir) throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(dir.resolve("elsewhere"));
    Files.write(dir.resolve("elsewhere/secret.jpg"), jpeg(4, 4, 64));
    Files.createSymbolicLink(data.resolve("link.jpg"), Path.of("../elsewhere/secret.jpg"));
    Files.write(data.resolve("ok.jpg"), jpeg(20, 10, 64)); // 200 pixels, 64 bytes
    Files.write(data.resolve("wide.jpg"), jpeg(21, 10, 64)); // 210 pixels
    Files.write(data.resolve("bomb.jpg"), jpeg(60000, 60000, 64));
    Files.write(data.resolve("heavy.jpg"), jpeg(4, 4, 2001));
    Files.createSymbolicLink(data.resolve("self.jpg"), Path.of("self.jpg")); // links that never end in a file
    Files.createSymbolicLink(data.resolve("a.jpg"), Path.of("b.jpg"));
    Files.createSymbolicLink(data.resolve("b.jpg"), Path.of("a.jpg"));
    Files.createSymbolicLink(data.resolve("dangling.jpg"), Path.of("nowhere.jpg"));
    Path input = data.resolve("records.json");
    Files.writeString(input, "[" + String.join(",\n",
        record("ok", "ok.jpg"), record("wide", "wide.jpg"), record("bomb", "bomb.jpg"), record("heavy", "heavy.jpg"),
        record("link", "link.jpg"), record("scheme", "foo://bucket/x.jpg"), record("self-loop", "self.jpg"),
        record("loop", "a.jpg"), record("dangling", "dangling.jpg")) + "]");
    return input;
  }

  private static final Map<String, String> EXPECTED_REASONS = Map.of("wide", "image_too_large", "bomb", "image_too_large",
      "heavy", "media_too_large", "link", "path_traversal", "scheme", "media_missing", "self-loop", "media_missing",
      "loop", "media_missing", "dangling", "media_missing");

  private static String latin1(byte[] bytes) {
    return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  @Test
  void everyHostileMediumFailsItsRecordWithItsReason(@TempDir Path dir) throws Exception {
    Path input = hostileInput(dir);
    Path out = dir.resolve("out");

    RunSummary summary = PipelineRuns.run("convert", "--input=" + input, PipelineRuns.out(out),
        "--maxImagePixels=200", "--maxMediaBytes=2000");

    assertEquals(9, summary.read());
    assertEquals(1, summary.written());
    assertEquals(8, summary.failed());
    assertEquals(EXPECTED_REASONS, PipelineRuns.reasonsById(out));
    JsonNode byReason = summary.toJson("convert").get("failedByReason");
    assertEquals(2, byReason.get("image_too_large").asInt());
    assertEquals(1, byReason.get("media_too_large").asInt());
    assertEquals(4, byReason.get("media_missing").asInt(), "an unknown scheme, two link loops and a dangling link");
    JsonNode written = JSON.readTree(out.resolve("llava.json").toFile());
    assertEquals(1, written.size());
    assertEquals("ok", written.get(0).get("id").asText());
    assertTrue(Files.readString(out.resolve("_errors/errors-000000.jsonl")).contains("--maxImagePixels"));
  }

  /**
   * The WebDataset writer checks the pixel limit on the bytes it reads (the resolver no longer
   * opens each image for it): the same records fail for the same reasons, and the bomb never
   * reaches a shard.
   */
  @Test
  void theWebDatasetWriterRefusesTheSameMediaForTheSameReasons(@TempDir Path dir) throws Exception {
    Path input = hostileInput(dir);
    Path out = dir.resolve("out");

    RunSummary summary = PipelineRuns.run("webdataset", "--input=" + input, PipelineRuns.out(out),
        "--maxImagePixels=200", "--maxMediaBytes=2000", "--split=1,0,0");

    assertEquals(9, summary.read());
    assertEquals(1, summary.written());
    assertEquals(8, summary.failed());
    assertEquals(EXPECTED_REASONS, PipelineRuns.reasonsById(out));
    String shard = latin1(Files.readAllBytes(out.resolve("shard-000000.tar")));
    Path data = input.getParent();
    assertTrue(shard.contains(latin1(Files.readAllBytes(data.resolve("ok.jpg")))), "the fine image is in the shard");
    for (String refused : new String[] {"wide.jpg", "bomb.jpg", "heavy.jpg"}) {
      assertTrue(!shard.contains(latin1(Files.readAllBytes(data.resolve(refused)))), refused + " never reaches the shard");
    }
  }

  /** pack-patches checks the pixel limit as it packs each image (read once): the same reasons, no bomb in a patch. */
  @Test
  void packPatchesRefusesTheSameMediaForTheSameReasons(@TempDir Path dir) throws Exception {
    Path input = hostileInput(dir);
    Path out = dir.resolve("out");

    RunSummary summary = PipelineRuns.run("pack-patches", "--input=" + input, PipelineRuns.out(out),
        "--maxImagePixels=200", "--maxMediaBytes=2000");

    assertEquals(9, summary.read());
    assertEquals(1, summary.written());
    assertEquals(8, summary.failed());
    assertEquals(EXPECTED_REASONS, PipelineRuns.reasonsById(out));
    StringBuilder patches = new StringBuilder();
    try (var files = Files.walk(out)) {
      for (Path f : (Iterable<Path>) files.filter(f -> f.getFileName().toString().startsWith("patch_") && Files.isRegularFile(f))::iterator) {
        patches.append(latin1(Files.readAllBytes(f)));
      }
    }
    Path data = input.getParent();
    assertTrue(patches.toString().contains(latin1(Files.readAllBytes(data.resolve("ok.jpg")))), "the fine image is in a patch");
    for (String refused : new String[] {"wide.jpg", "bomb.jpg", "heavy.jpg"}) {
      assertTrue(!patches.toString().contains(latin1(Files.readAllBytes(data.resolve(refused)))), refused + " never reaches a patch");
    }
  }
}
