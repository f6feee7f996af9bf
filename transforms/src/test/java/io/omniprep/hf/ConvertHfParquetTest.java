package io.omniprep.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import io.omniprep.testing.ParquetFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class ConvertHfParquetTest {
  private static final Schema TURN =
      SchemaBuilder.record("turn")
          .fields()
          .requiredString("from")
          .requiredString("value")
          .endRecord();

  /**
   * The Arrow schema HF {@code datasets} gives an Image feature: struct<bytes: binary, path:
   * string>.
   */
  private static final Schema IMAGE =
      SchemaBuilder.record("image")
          .fields()
          .optionalBytes("bytes")
          .optionalString("path")
          .endRecord();

  private static final Schema ROW =
      SchemaBuilder.record("row")
          .fields()
          .requiredString("id")
          .name("image")
          .type()
          .optional()
          .type(IMAGE)
          .name("conversations")
          .type()
          .array()
          .items(TURN)
          .noDefault()
          .endRecord();

  @TempDir Path dir;

  private static BufferedImage picture(int width, int height, int seed) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(
            x,
            y,
            ((x * 37 + seed) & 0xff) << 16
                | ((y * 11 + seed * 3) & 0xff) << 8
                | ((x * y + seed) & 0xff));
      }
    }
    return image;
  }

  private static byte[] encode(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(image, format, out));
    return out.toByteArray();
  }

  private static GenericRecord row(String id, byte[] imageBytes, String path, String question) {
    GenericRecord q = new GenericData.Record(TURN);
    q.put("from", "human");
    q.put("value", question);
    GenericRecord a = new GenericData.Record(TURN);
    a.put("from", "gpt");
    a.put("value", "答え: é");
    GenericRecord r = new GenericData.Record(ROW);
    r.put("id", id);
    if (imageBytes != null || path != null) {
      GenericRecord image = new GenericData.Record(IMAGE);
      image.put("bytes", imageBytes == null ? null : ByteBuffer.wrap(imageBytes));
      image.put("path", path);
      r.put("image", image);
    }
    r.put("conversations", List.of(q, a));
    return r;
  }

  private static int[] pixels(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  @Test
  void imagesBecomeNumberedPngsAndRowsAPythonStyleJsonArray(TestPipeline p) throws Exception {
    BufferedImage png0 = picture(8, 6, 1);
    BufferedImage jpg1 = picture(16, 16, 2);
    byte[] jpgBytes = encode(jpg1, "jpg");
    Files.createDirectories(dir.resolve("hf/chart"));
    Files.createDirectories(dir.resolve("hf/text"));
    Files.write(dir.resolve("hf/chart/side.png"), encode(picture(4, 4, 9), "png"));
    ParquetFiles.write(
        dir.resolve("hf/chart/train-00000-of-00002.parquet"),
        ROW,
        List.of(
            row("c0", encode(png0, "png"), "orig0.png", "<image>\nWhat is \"this\"?\tTab"),
            row("c1", jpgBytes, null, "<image>\nAnd this?")));
    ParquetFiles.write(
        dir.resolve("hf/chart/train-00001-of-00002.parquet"),
        ROW,
        List.of(
            row("c2", "garbage".getBytes(StandardCharsets.UTF_8), null, "<image>\nBroken"),
            row("c3", null, null, "No image"),
            row("c4", null, "side.png", "<image>\nBy path")));
    ParquetFiles.write(
        dir.resolve("hf/chart/test-00000-of-00001.parquet"),
        ROW,
        List.of(row("t0", null, null, "not train")));
    Schema textRow =
        SchemaBuilder.record("row")
            .fields()
            .requiredString("id")
            .name("conversations")
            .type()
            .array()
            .items(TURN)
            .noDefault()
            .endRecord();
    GenericRecord text = new GenericData.Record(textRow);
    text.put("id", "t");
    text.put("conversations", List.of());
    ParquetFiles.write(dir.resolve("hf/text/train-00000-of-00001.parquet"), textRow, List.of(text));

    Map<String, List<String>> files =
        HfParquetLayout.discover(dir.resolve("hf").toString(), "train", "all");
    assertEquals(List.of("chart", "text"), new ArrayList<>(files.keySet()));
    files.put("empty", List.of());
    String out = dir.resolve("out").toString();
    WithFailures.Result<PCollection<String>, FailedRecord> result =
        p.apply(ConvertHfParquet.from(files).to(out));
    PAssert.that(result.output())
        .containsInAnyOrder(
            out + "/annotations/chart.json",
            out + "/annotations/text.json",
            out + "/annotations/empty.json");
    String brokenFile = dir.resolve("hf/chart/train-00001-of-00002.parquet").toString();
    PAssert.that(result.failures())
        .satisfies(
            failures -> {
              FailedRecord f = failures.iterator().next();
              assertEquals(brokenFile, f.source());
              assertEquals(0, f.position());
              assertEquals(Reason.MEDIA_CORRUPT, f.reason());
              assertTrue(f.record().contains("\"bytes\":\"<7 bytes>\""), f.record());
              return null;
            });
    p.run().waitUntilFinish();

    Path root = dir.resolve("out");
    assertArrayEquals(pixels(png0), pixels(ImageIO.read(root.resolve("chart/0.png").toFile())));
    assertArrayEquals(
        pixels(ImageIO.read(new ByteArrayInputStream(jpgBytes))),
        pixels(ImageIO.read(root.resolve("chart/1.png").toFile())));
    assertArrayEquals(
        pixels(picture(4, 4, 9)), pixels(ImageIO.read(root.resolve("chart/4.png").toFile())));
    assertFalse(Files.exists(root.resolve("chart/2.png")));
    assertEquals(
        String.join(
            "\n",
            "[",
            "    {",
            "        \"id\": \"c0\",",
            "        \"conversations\": [",
            "            {",
            "                \"from\": \"human\",",
            "                \"value\": \"<image>\\nWhat is \\\"this\\\"?\\tTab\"",
            "            },",
            "            {",
            "                \"from\": \"gpt\",",
            "                \"value\": \"答え: é\"",
            "            }",
            "        ],",
            "        \"image\": \"chart/0.png\"",
            "    },"),
        Files.readString(root.resolve("annotations/chart.json"))
            .lines()
            .limit(15)
            .collect(Collectors.joining("\n")));
    String chart = Files.readString(root.resolve("annotations/chart.json"));
    assertEquals(List.of("chart/0.png", "chart/1.png", "chart/4.png"), lines(chart, "\"image\": "));
    assertEquals(List.of("\"c0\",", "\"c1\",", "\"c3\",", "\"c4\","), lines(chart, "\"id\": "));
    assertTrue(chart.endsWith("\n    }\n]"));
    assertEquals(
        "[\n    {\n        \"id\": \"t\",\n        \"conversations\": []\n    }\n]",
        Files.readString(root.resolve("annotations/text.json")));
    assertEquals("[]", Files.readString(root.resolve("annotations/empty.json")));
    try (Stream<Path> all = Files.walk(root)) {
      List<String> leftovers =
          all.map(Path::toString)
              .filter(s -> s.contains(".omniprep-tmp") || s.endsWith(".tmp"))
              .collect(Collectors.toList());
      assertEquals(List.of(), leftovers);
    }
    assertPythonWouldWriteTheSame(root.resolve("annotations/chart.json"));
  }

  @Test
  void keepImageBytesWritesTheOriginalsUnderTheirOwnExtension(TestPipeline p) throws Exception {
    byte[] jpg = encode(picture(8, 8, 3), "jpg");
    byte[] png = encode(picture(8, 8, 4), "png");
    Path file = dir.resolve("default.parquet");
    ParquetFiles.write(
        file, ROW, List.of(row("a", jpg, null, "<image>\nq"), row("b", png, null, "<image>\nq")));
    String out = dir.resolve("out").toString();
    p.apply(
        ConvertHfParquet.from(Map.of("default", List.of(file.toString())))
            .to(out)
            .withKeepImageBytes(true));
    p.run().waitUntilFinish();
    assertArrayEquals(jpg, Files.readAllBytes(dir.resolve("out/default/0.jpg")));
    assertArrayEquals(png, Files.readAllBytes(dir.resolve("out/default/1.png")));
    assertEquals(
        List.of("default/0.jpg", "default/1.png"),
        lines(Files.readString(dir.resolve("out/annotations/default.json")), "\"image\": "));
  }

  private static List<String> lines(String text, String key) {
    return text.lines()
        .map(String::trim)
        .filter(l -> l.startsWith(key))
        .map(l -> l.substring(key.length()).replaceAll("^\"(.*)\"$", "$1"))
        .collect(Collectors.toList());
  }

  /** Re-dumps the file with Python's json module, when python3 is there, and compares bytes. */
  private static void assertPythonWouldWriteTheSame(Path file) throws Exception {
    Process process;
    try {
      process =
          new ProcessBuilder(
                  "python3",
                  "-c",
                  "import json,sys; d=json.load(open(sys.argv[1],encoding='utf-8'));"
                      + " sys.stdout.write(json.dumps(d, ensure_ascii=False, indent=4))",
                  file.toString())
              .start();
    } catch (IOException e) {
      return;
    }
    byte[] python = process.getInputStream().readAllBytes();
    if (process.waitFor() == 0) {
      assertEquals(new String(python, StandardCharsets.UTF_8), Files.readString(file));
    }
  }
}
