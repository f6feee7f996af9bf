package io.omniprep.lengths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.media.MediaResolver;
import io.omniprep.llava.ParseLlava;
import io.omniprep.media.Resize;
import io.omniprep.wds.ImagePolicy;
import io.omniprep.testing.Fixtures;
import io.omniprep.testing.ShardReadBack;
import io.omniprep.validate.SampleValidator;
import io.omniprep.wds.Layout;
import io.omniprep.wds.WriteWebDataset;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chunk plan with {@code withLengths}: lengths against a reference built here, too_long, refused aspect ratios, packs. */
class LengthsOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static HuggingFaceTokenizer tokenizer;
  private static long imagePad;
  private static long videoPad;

  @BeforeAll
  static void load() throws IOException {
    tokenizer = HuggingFaceTokenizer.newInstance(TestTokenizer.path(), Map.of("addSpecialTokens", "false", "truncation", "false"));
    imagePad = tokenizer.encode("<|image_pad|>", false, false).getIds()[0];
    videoPad = tokenizer.encode("<|video_pad|>", false, false).getIds()[0];
  }

  @AfterAll
  static void close() {
    tokenizer.close();
  }

  private static void run(String input, Path out, Layout layout, long maxSequenceLength, long packTo) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    MeasureLengths measure = MeasureLengths.with(TextTokens.from(TestTokenizer.path().toString())).withMaxSequenceLength(maxSequenceLength);
    p.apply(ParseLlava.chunks().from(input).withMaxRecordsPerChunk(3))
        .apply(WriteWebDataset.to(out.toString()).withLayout(layout)
            .fromChunks(SampleValidator.withResolver(MediaResolver.create()), 1 << 20).withLengths(measure, packTo));
    p.run().waitUntilFinish();
  }

  /** Text, image and video tokens of a record, from its JSON and media, as Qwen2-VL's template and processor count them. */
  private static long[] expected(JsonNode record, Path base, boolean framesTrimmedToEven) throws IOException {
    StringBuilder chat = new StringBuilder();
    JsonNode turns = record.get("conversations");
    if (!turns.get(0).get("from").asText().equals("system")) {
      chat.append("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n");
    }
    Map<String, String> roles = Map.of("human", "user", "gpt", "assistant", "system", "system");
    for (JsonNode turn : turns) {
      chat.append("<|im_start|>").append(roles.get(turn.get("from").asText())).append('\n')
          .append(turn.get("value").asText().replace("<image>", "<|vision_start|><|image_pad|><|vision_end|>")
              .replace("<video>", "<|vision_start|><|video_pad|><|vision_end|>"))
          .append("<|im_end|>\n");
    }
    long[] ids = tokenizer.encode(chat.toString(), false, false).getIds();
    long text = Stream.of(ids).flatMapToLong(java.util.Arrays::stream).filter(id -> id != imagePad && id != videoPad).count();
    long image = 0;
    for (JsonNode path : media(record, "image", "images")) {
      BufferedImage decoded = ImageIO.read(base.resolve(path.asText()).toFile());
      image += QwenReference.imageTokens(decoded.getWidth(), decoded.getHeight());
    }
    long video = 0;
    for (JsonNode path : media(record, "video", "videos")) {
      String file = path.asText();
      List<Path> frames;
      try (Stream<Path> list = Files.list(base.resolve(file.substring(0, file.lastIndexOf('.'))))) {
        frames = list.filter(f -> f.toString().endsWith(".jpg")).sorted().toList();
      }
      int n = framesTrimmedToEven ? frames.size() / 2 * 2 : frames.size();
      BufferedImage first = ImageIO.read(frames.get(0).toFile());
      video += QwenReference.videoTokens(n, first.getWidth(), first.getHeight());
    }
    return new long[] {text, image, video, text + image + video};
  }

  private static List<JsonNode> media(JsonNode record, String one, String many) {
    List<JsonNode> out = new ArrayList<>();
    if (record.has(one)) {
      out.add(record.get(one));
    }
    if (record.has(many)) {
      record.get(many).forEach(out::add);
    }
    return out;
  }

  private static Map<String, JsonNode> lines(Path file) throws IOException {
    Map<String, JsonNode> byId = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      JsonNode row = JSON.readTree(line);
      byId.put(row.get("id").asText(), row);
    }
    return byId;
  }

  private static void assertLengths(long[] expected, JsonNode actual, String what) {
    assertEquals(expected[0], actual.get("text").asLong(), what + " text");
    assertEquals(expected[1], actual.get("image").asLong(), what + " image");
    assertEquals(expected[2], actual.get("video").asLong(), what + " video");
    assertEquals(expected[3], actual.get("total").asLong(), what + " total");
  }

  @Test
  void chatMlSamplesCarryTheirLengthsInTheirJsonAndInLengthsJsonl(@TempDir Path out) throws IOException {
    Path input = Fixtures.testdata("sharegpt/dataset.json");
    run(input.toString(), out, Layout.CHATML, 0, 0);
    JsonNode records = JSON.readTree(input.toFile());
    Map<String, JsonNode> rows = lines(out.resolve("lengths.jsonl"));
    assertEquals(records.size(), rows.size());
    Map<String, JsonNode> byKey = new HashMap<>();
    for (JsonNode record : records) {
      JsonNode row = rows.get(record.get("id").asText());
      assertLengths(expected(record, input.getParent(), true), row, record.get("id").asText());
      byKey.put(row.get("key").asText(), row);
    }
    assertTrue(rows.get("sg-3").get("video").asLong() > 0, "clip2's frames are counted");
    List<ShardReadBack.ReadSample> samples = ShardReadBack.readAll(out);
    assertEquals(records.size(), samples.size());
    for (ShardReadBack.ReadSample sample : samples) {
      JsonNode json = ShardReadBack.json(sample.parts().get("json"));
      JsonNode row = byKey.get(sample.key());
      assertLengths(new long[] {row.get("text").asLong(), row.get("image").asLong(), row.get("video").asLong(), row.get("total").asLong()},
          json.get("sequence_lengths"), sample.key());
      assertTrue(json.has("conversations"), "the layout's fields stay");
      assertEquals(row.get("split").asText(), sample.shard().equals("shard-000001.tar") || sample.shard().equals("shard-000003.tar") ? "val" : "train");
    }
    JsonNode report = JSON.readTree(out.resolve("lengths-report.json").toFile());
    assertEquals(records.size(), report.get("samples").asLong());
    long max = rows.values().stream().mapToLong(r -> r.get("total").asLong()).max().orElseThrow();
    assertEquals(max, report.get("total_tokens").get("max").asLong());
    assertEquals(max, report.get("total_tokens").get("percentiles").get("p99").asLong(), "nearest rank of 5 samples");
    assertFalse(Files.exists(out.resolve(".omniprep/lengths")), "the parts are joined and removed");
  }

  @Test
  void vqaJsonIsAListAndKeepsItsBytesWhileLengthsJsonlHasEverySample(@TempDir Path out) throws IOException {
    Path input = Fixtures.testdata("llava-pretrain/blip_laion_cc_sbu_sample.json");
    run(input.toString(), out, Layout.VQA, 0, 0);
    JsonNode records = JSON.readTree(input.toFile());
    Map<String, JsonNode> rows = lines(out.resolve("lengths.jsonl"));
    assertEquals(records.size(), rows.size());
    for (JsonNode record : records) {
      assertLengths(expected(record, input.getParent(), false), rows.get(record.get("id").asText()), record.get("id").asText());
    }
    for (ShardReadBack.ReadSample sample : ShardReadBack.readAll(out)) {
      assertTrue(ShardReadBack.json(sample.parts().get("json")).isArray());
    }
  }

  @Test
  void resizedImagesAreCountedAtTheSizeTheyAreStoredAt(@TempDir Path out) throws IOException {
    Path input = Fixtures.testdata("llava-pretrain/blip_laion_cc_sbu_sample.json");
    Resize resize = Resize.parse("max-side:64", 3136, 12_845_056);
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    MeasureLengths measure = MeasureLengths.with(TextTokens.from(TestTokenizer.path().toString())).withResize(resize);
    p.apply(ParseLlava.chunks().from(input.toString()).withMaxRecordsPerChunk(3))
        .apply(WriteWebDataset.to(out.toString()).withImagePolicy(ImagePolicy.parse("always", 95).withResize(resize))
            .fromChunks(SampleValidator.withResolver(MediaResolver.create()), 1 << 20).withLengths(measure, 0));
    p.run().waitUntilFinish();

    Map<String, JsonNode> byKey = new HashMap<>();
    lines(out.resolve("lengths.jsonl")).values().forEach(row -> byKey.put(row.get("key").asText(), row));
    int resized = 0;
    for (ShardReadBack.ReadSample sample : ShardReadBack.readAll(out)) {
      BufferedImage stored = ImageIO.read(new java.io.ByteArrayInputStream(sample.parts().get("jpg")));
      assertTrue(Math.max(stored.getWidth(), stored.getHeight()) <= 64, sample.key());
      long tokens = QwenReference.imageTokens(stored.getWidth(), stored.getHeight());
      assertEquals(tokens, byKey.get(sample.key()).get("image").asLong(), sample.key());
      String id = byKey.get(sample.key()).get("id").asText();
      Path original = null;
      for (JsonNode record : JSON.readTree(input.toFile())) {
        if (record.get("id").asText().equals(id)) {
          original = input.getParent().resolve(record.get("image").asText());
        }
      }
      BufferedImage read = ImageIO.read(original.toFile());
      if (QwenReference.imageTokens(read.getWidth(), read.getHeight()) != tokens) {
        resized++;
      }
    }
    assertTrue(resized > 0, "the budget changes some images' token counts, so the test tells the two apart");
  }

  @Test
  void samplesOverTheLimitAndExtremeAspectRatiosGoToErrorsWithTheirReasons(@TempDir Path dir) throws IOException {
    Path images = Files.createDirectories(dir.resolve("in/images"));
    ImageIO.write(new BufferedImage(5700, 20, BufferedImage.TYPE_INT_RGB), "png", images.resolve("strip.png").toFile());
    ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "png", images.resolve("small.png").toFile());
    String longText = "many words ".repeat(300);
    Path input = Fixtures.write(dir.resolve("in/records.json"), "["
        + "{\"id\":\"strip\",\"image\":\"images/strip.png\",\"conversations\":[{\"from\":\"human\",\"value\":\"<image>\\nWhat?\"},{\"from\":\"gpt\",\"value\":\"A strip.\"}]},"
        + "{\"id\":\"long\",\"image\":\"images/small.png\",\"conversations\":[{\"from\":\"human\",\"value\":\"<image>\\n" + longText + "\"},{\"from\":\"gpt\",\"value\":\"Yes.\"}]},"
        + "{\"id\":\"short\",\"image\":\"images/small.png\",\"conversations\":[{\"from\":\"human\",\"value\":\"<image>\\nWhat?\"},{\"from\":\"gpt\",\"value\":\"Black.\"}]}"
        + "]");
    JsonNode records = JSON.readTree(input.toFile());
    long longTotal = expected(records.get(1), input.getParent(), false)[3];
    long shortTotal = expected(records.get(2), input.getParent(), false)[3];
    assertTrue(longTotal > 600 && shortTotal < 100, longTotal + " " + shortTotal);
    Path out = dir.resolve("out");
    run(input.toString(), out, Layout.VQA, 500, 0);

    Map<String, JsonNode> rows = lines(out.resolve("lengths.jsonl"));
    assertEquals(Set.of("short"), rows.keySet());
    Map<String, JsonNode> errors = new HashMap<>();
    for (String line : Files.readAllLines(out.resolve("_errors/errors-000000.jsonl"))) {
      JsonNode e = JSON.readTree(line);
      errors.put(e.get("id").asText(), e);
    }
    assertEquals(Set.of("strip", "long"), errors.keySet());
    assertEquals("extreme_aspect_ratio", errors.get("strip").get("reason").asText());
    assertEquals("too_long", errors.get("long").get("reason").asText());
    assertTrue(errors.get("long").get("message").asText().startsWith(longTotal + " tokens"), errors.get("long").toString());
    assertEquals(1, ShardReadBack.readAll(out).size());
  }

  @Test
  void packsHoldEverySampleOnceWithinTheSizeAndTellTheirEfficiency(@TempDir Path out) throws IOException {
    Path input = Fixtures.testdata("llava-pretrain/blip_laion_cc_sbu_sample.json");
    long packTo = 400;
    run(input.toString(), out, Layout.VQA, 0, packTo);
    Map<String, JsonNode> rows = new HashMap<>();
    lines(out.resolve("lengths.jsonl")).values().forEach(r -> rows.put(r.get("key").asText(), r));
    Set<String> seen = new HashSet<>();
    long used = 0;
    long packs = 0;
    for (String line : Files.readAllLines(out.resolve("packs.jsonl"))) {
      JsonNode pack = JSON.readTree(line);
      long tokens = 0;
      for (JsonNode key : pack.get("keys")) {
        assertTrue(seen.add(key.asText()), "once: " + key);
        JsonNode row = rows.get(key.asText());
        assertEquals(pack.get("split").asText(), row.get("split").asText(), "a pack stays in its split");
        tokens += row.get("total").asLong();
      }
      assertEquals(tokens, pack.get("tokens").asLong());
      assertTrue(tokens <= packTo || pack.get("keys").size() == 1, line);
      used += tokens;
      packs++;
    }
    assertEquals(rows.keySet(), seen);
    assertTrue(packs < rows.size(), "samples share packs");
    JsonNode packing = JSON.readTree(out.resolve("lengths-report.json").toFile()).get("packing");
    assertEquals(packs, packing.get("packs").asLong());
    assertEquals(used / (double) (packTo * packs), packing.get("efficiency").asDouble(), 1e-6);
  }
}
