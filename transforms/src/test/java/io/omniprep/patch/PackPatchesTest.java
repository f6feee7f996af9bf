package io.omniprep.patch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.av.testing.FramePattern;
import io.omniprep.av.testing.TestVideos;
import io.omniprep.testing.Fixtures;
import io.omniprep.testing.PatchFixtures;
import io.omniprep.testing.PatchReadBack;
import io.omniprep.testing.ShardReadBack;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackPatchesTest {
  private static final Set<String> MEDIA_FIELDS = Set.of("image", "video", "audio");

  @TempDir static Path corpusDir;
  @TempDir static Path packed;
  private static Path data;

  /** One packing of the corpus, shared by the read-back tests (references relative to the output). */
  @BeforeAll
  static void packCorpus() {
    data = PatchFixtures.corpus(corpusDir);
    PatchRun.run(data.toString(), packed, PackPatches.to(packed.toString()).withPatchPathPrefix("patches/"));
  }

  private static JsonNode records(Path output) {
    return ShardReadBack.json(output.resolve("patched.json"));
  }

  private static JsonNode record(Path output, String id) {
    for (JsonNode r : records(output)) {
      if (r.get("id").asText().equals(id)) {
        return r;
      }
    }
    throw new AssertionError("no record " + id);
  }

  private static byte[] source(String relative) throws IOException {
    return Files.readAllBytes(corpusDir.resolve(relative));
  }

  private static List<Integer> patternIndices(List<byte[]> frames) throws IOException {
    List<Integer> indices = new ArrayList<>();
    for (byte[] frame : frames) {
      assertEquals((byte) 0xFF, frame[0], "a standalone JPEG starts with SOI");
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(frame));
      assertNotNull(image, "each frame decodes on its own");
      indices.add(FramePattern.decode(image));
    }
    return indices;
  }

  @Test
  void imagesAndAudioReadBackAsTheirSourceBytes() throws IOException {
    assertArrayEquals(source("images/a/cat.jpg"), PatchReadBack.blob(packed, record(packed, "img-a").get("image")));
    assertArrayEquals(source("images/b/cat.jpg"), PatchReadBack.blob(packed, record(packed, "img-b").get("image")));
    JsonNode pair = record(packed, "3").get("image");
    assertTrue(pair.isArray(), "a list field stays a list");
    assertArrayEquals(source("images/a/dog.png"), PatchReadBack.blob(packed, pair.get(0)));
    assertArrayEquals(source("images/a/cat.jpg"), PatchReadBack.blob(packed, pair.get(1)));
    assertArrayEquals(source("images/c/bird.jpg"), PatchReadBack.blob(packed, record(packed, "bird").get("image")));
    assertArrayEquals(source("audio/q1.wav"), PatchReadBack.blob(packed, record(packed, "vid-audio").get("audio")));
    assertEquals("patches/patch_000000", record(packed, "bird").get("image").get("patch").asText());
  }

  @Test
  void videosBecomeStandaloneJpegFramesInTemporalOrder() throws IOException {
    // 1 fps from 10 fps video: frames 0, 10 (2 s) and 0, 10, 20 (3 s).
    assertEquals(List.of(0, 10), patternIndices(PatchReadBack.frames(packed, record(packed, "vid-1").get("video"))));
    assertEquals(List.of(0, 10, 20), patternIndices(PatchReadBack.frames(packed, record(packed, "vid-audio").get("video"))));
  }

  @Test
  void recordsKeepTheirOrderAndEveryOtherFieldUntouched() {
    JsonNode input = ShardReadBack.json(data);
    JsonNode output = records(packed);
    assertEquals(input.size(), output.size());
    for (int i = 0; i < input.size(); i++) {
      List<String> inFields = new ArrayList<>();
      input.get(i).fieldNames().forEachRemaining(inFields::add);
      List<String> outFields = new ArrayList<>();
      output.get(i).fieldNames().forEachRemaining(outFields::add);
      assertEquals(inFields, outFields, "field order of record " + i);
      ObjectNode in = input.get(i).deepCopy();
      ObjectNode out = output.get(i).deepCopy();
      in.remove(MEDIA_FIELDS);
      out.remove(MEDIA_FIELDS);
      assertEquals(in, out, "record " + i + " apart from its media");
    }
    assertTrue(Fixtures.read(packed.resolve("patched.json")).contains("{\"k\":[1,2.50,\"x\"]}"),
        "raw values are kept as written (2.50 stays 2.50)");
  }

  @Test
  void eachFileIsPackedOnceAndTheMappingIsKeyedByItsPathUnderTheInputsFolder() throws IOException {
    JsonNode mapping = ShardReadBack.json(packed.resolve("patch_mapping.json"));
    List<String> keys = new ArrayList<>();
    mapping.fieldNames().forEachRemaining(keys::add);
    // The records (one chunk) use them in this order: img-a, img-b, 3 (dog, then cat again), vid-1,
    // vid-audio (clip, then its audio), bird.
    assertEquals(
        List.of("images/a/cat.jpg", "images/b/cat.jpg", "images/a/dog.png", PatchFixtures.CLIP1, PatchFixtures.CLIP2,
            "audio/q1.wav", "images/c/bird.jpg"),
        keys, "every distinct file, by its path under the folder the inputs share (both cat.jpg), in the order first used");
    for (String key : keys) {
      JsonNode entry = mapping.get(key);
      assertEquals(key, entry.get("original_path").asText());
      Path file = corpusDir.resolve(key);
      String label = key.endsWith(".mp4") ? "video" : key.endsWith(".wav") ? "audio" : "image";
      assertEquals(List.of("original_path", label), fieldNames(entry));
      if (!label.equals("video")) {
        assertArrayEquals(Files.readAllBytes(file), PatchReadBack.blob(packed, entry.get(label)));
      }
    }
    assertEquals(record(packed, "img-a").get("image"), record(packed, "3").get("image").get(1), "a shared image has one reference");

    long distinct = 0;
    for (String file : List.of("audio/q1.wav", "images/a/cat.jpg", "images/a/dog.png", "images/b/cat.jpg", "images/c/bird.jpg")) {
      distinct += Files.size(corpusDir.resolve(file));
    }
    for (String video : List.of("vid-1", "vid-audio")) {
      for (JsonNode size : record(packed, video).get("video").get("size")) {
        distinct += size.asLong();
      }
    }
    assertEquals(distinct, Files.size(packed.resolve("patches/patch_000000")), "no byte is packed twice, none added");
    assertEquals(List.of("patch_000000"), Fixtures.listFiles(packed.resolve("patches")));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void nothingTemporaryIsLeftAndNothingFailed() {
    assertFalse(Files.exists(packed.resolve(".omniprep-tmp")), "frame files and mapping parts are deleted");
    assertEquals(List.of(), errorLines(packed));
  }

  private static List<String> errorLines(Path output) {
    List<String> lines = new ArrayList<>();
    Path errors = output.resolve("_errors");
    if (Files.isDirectory(errors)) {
      for (String file : Fixtures.listFiles(errors)) {
        lines.addAll(Fixtures.read(errors.resolve(file)).lines().toList());
      }
    }
    return lines;
  }

  @Test
  void twoRunsWriteIdenticalBytes(@TempDir Path again) {
    PatchRun.run(data.toString(), again, PackPatches.to(again.toString()).withPatchPathPrefix("patches/"));
    assertEquals(ShardReadBack.digests(packed), ShardReadBack.digests(again));
  }

  @Test
  void framesFollowTheRateUnlessThereWouldBeMoreThanMaxFrames(@TempDir Path out) throws IOException {
    PatchRun.run(data.toString(), out, PackPatches.to(out.toString()).withVideoFps(4).withMaxFrames(10));
    // 20 frames at 10 fps, 4 fps: 8 frames at k * 2.5. 30 frames would give 12: 10 spread uniformly instead.
    assertEquals(List.of(0, 2, 5, 7, 10, 12, 15, 17), patternIndices(PatchReadBack.frames(out, record(out, "vid-1").get("video"))));
    assertEquals(List.of(0, 3, 6, 9, 12, 16, 19, 22, 25, 29),
        patternIndices(PatchReadBack.frames(out, record(out, "vid-audio").get("video"))));
    assertEquals(out.resolve("patches").toString() + "/patch_000000", record(out, "vid-1").get("video").get("patch").asText(),
        "by default references hold the absolute path of OUTPUT/patches/");
  }

  /** {@code n} small JPEGs, one record each. */
  private static Path images(Path dir, int n) throws IOException {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      PatchFixtures.jpeg(dir.resolve("img/" + i + ".jpg"), 100 + i);
      json.append(i == 0 ? "" : ",").append("{\"id\": ").append(i).append(", \"image\": \"img/").append(i)
          .append(".jpg\", \"conversations\": [{\"from\": \"human\", \"value\": \"<image>\"}, {\"from\": \"gpt\", \"value\": \"x\"}]}");
    }
    return Fixtures.write(dir.resolve("images.json"), json.append("]").toString());
  }

  /** Patch name → the ids referenced in it. */
  private static Map<String, List<String>> idsByPatch(Path out) {
    Map<String, List<String>> byPatch = new TreeMap<>();
    for (JsonNode r : records(out)) {
      String patch = r.get("image").get("patch").asText();
      byPatch.computeIfAbsent(patch.substring(patch.lastIndexOf('/') + 1), k -> new ArrayList<>()).add(r.get("id").asText());
    }
    return byPatch;
  }

  @Test
  void patchesRollByCountWithoutAnEmptyTrailingPatch(@TempDir Path in, @TempDir Path out) throws IOException {
    Path json = images(in, 4);
    PatchRun.run(json.toString(), out, PackPatches.to(out.toString()).withMaxFilesPerPatch(2));
    assertEquals(Map.of("patch_000000", List.of("0", "1"), "patch_000001", List.of("2", "3")), idsByPatch(out));
    assertEquals(List.of("patch_000000", "patch_000001"), Fixtures.listFiles(out.resolve("patches")));
    for (JsonNode r : records(out)) {
      assertArrayEquals(Files.readAllBytes(in.resolve("img/" + r.get("id").asText() + ".jpg")), PatchReadBack.blob(out, r.get("image")));
    }
  }

  @Test
  void patchesRollByBytesWithoutExceedingTheLimit(@TempDir Path in, @TempDir Path out) throws IOException {
    Path json = images(in, 5);
    long limit = 0;
    for (int i = 0; i < 5; i++) {
      limit = Math.max(limit, Files.size(in.resolve("img/" + i + ".jpg")));
    }
    limit = limit * 2 + 1;
    PatchRun.run(json.toString(), out, PackPatches.to(out.toString()).withMaxPatchBytes(limit));
    Map<String, List<String>> byPatch = idsByPatch(out);
    assertEquals(3, byPatch.size(), "two images fit under the limit, never three: " + byPatch);
    for (String patch : byPatch.keySet()) {
      assertTrue(Files.size(out.resolve("patches").resolve(patch)) <= limit, patch);
    }
    for (JsonNode r : records(out)) {
      assertArrayEquals(Files.readAllBytes(in.resolve("img/" + r.get("id").asText() + ".jpg")), PatchReadBack.blob(out, r.get("image")));
    }
  }

  @Test
  void aPrefixThatMakesOlaSwapColoursIsRefused() {
    for (String marker : PatchNames.COLOUR_SWAP_MARKERS) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> PackPatches.to("/out").withPatchPathPrefix("/data/" + marker + "/v/"));
      assertTrue(e.getMessage().contains("'" + marker + "'") && e.getMessage().contains("--patchPathPrefix"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> PackPatches.to("/out").withPatchPathPrefix("/data/ShareGPT4Video/new_patches"),
        "a marker anywhere in the path counts, as Python's 'in' finds it");
    assertThrows(IllegalArgumentException.class, () -> PackPatches.to("/data/nextqa/out").patchPathPrefix(),
        "the default prefix (the output folder) is checked too");
    assertEquals("/data/ShareGPT4Video/patches/", PackPatches.to("/out").withPatchPathPrefix("/data/ShareGPT4Video/patches").patchPathPrefix());
    assertEquals("/out/patches/", PackPatches.to("/out/").patchPathPrefix());
  }

  @Test
  void patchReferencesAreCopiedAsTheyAreAndAOneElementImageSizeIsUnwrapped(@TempDir Path out) throws IOException {
    JsonNode cat = record(packed, "img-a").get("image");
    // The reference script writes an image's size as a one-element list, which Ola cannot load.
    String listSized = "{\"patch\": \"" + packed.resolve(cat.get("patch").asText()) + "\", \"start_num\": " + cat.get("start_num")
        + ", \"size\": [" + cat.get("size") + "]}";
    byte[] base64 = Base64.getEncoder().encode(source("images/c/bird.jpg"));
    Path textPatch = Files.write(Files.createDirectories(out.resolve("in")).resolve("base64_patch"), base64);
    String base64Ref = "{\"patch\": \"" + textPatch + "\", \"start_num\": 0, \"size\": " + base64.length + ", \"image_encoding\": \"base64\"}";
    Path json = Fixtures.write(out.resolve("in/repack.json"),
        "[{\"id\": \"r\", \"image\": [" + listSized + ", " + base64Ref + "], \"video\": " + withAbsolutePatch(record(packed, "vid-1").get("video"))
            + ", \"conversations\": [{\"from\": \"human\", \"value\": \"<image><image><video>\"}, {\"from\": \"gpt\", \"value\": \"x\"}]}]");
    Path result = out.resolve("out");
    PatchRun.run(json.toString(), result, PackPatches.to(result.toString()).withPatchPathPrefix("patches/"));
    JsonNode images = record(result, "r").get("image");
    assertArrayEquals(source("images/a/cat.jpg"), PatchReadBack.blob(result, images.get(0)));
    assertArrayEquals(base64, PatchReadBack.blob(result, images.get(1)), "base64 text is copied as it is");
    assertEquals("base64", images.get(1).get("image_encoding").asText(), "extra keys of a patch reference are kept");
    List<byte[]> before = PatchReadBack.frames(packed, record(packed, "vid-1").get("video"));
    List<byte[]> after = PatchReadBack.frames(result, record(result, "r").get("video"));
    assertEquals(before.size(), after.size());
    for (int i = 0; i < before.size(); i++) {
      assertArrayEquals(before.get(i), after.get(i), "frame " + i + " copied, not decoded again");
    }
    assertEquals("{}\n", Fixtures.read(result.resolve("patch_mapping.json")), "copied references have no original file to map");
  }

  private static String withAbsolutePatch(JsonNode ref) {
    ObjectNode copy = ref.deepCopy();
    copy.put("patch", packed.resolve(ref.get("patch").asText()).toString());
    return copy.toString();
  }

  @Test
  void missingCorruptAndUndecodableMediaFailTheirRecordsAndTheRestIsPacked(@TempDir Path in, @TempDir Path out) throws IOException {
    PatchFixtures.jpeg(in.resolve("good.jpg"), 7);
    byte[] jpeg = Files.readAllBytes(PatchFixtures.jpeg(in.resolve("whole.jpg"), 8));
    Files.write(in.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
    TestVideos.truncatedVideo(in);
    TestVideos.randomBytes(in);
    TestVideos.write(in.resolve("ok.mp4"), TestVideos.spec().withoutAudio());
    String turns = ", \"conversations\": [{\"from\": \"human\", \"value\": \"<image>\"}, {\"from\": \"gpt\", \"value\": \"x\"}]}";
    Path json = Fixtures.write(in.resolve("defects.json"), "["
        + "{\"id\": \"good\", \"image\": \"good.jpg\"" + turns + ",\n"
        + "{\"id\": \"cut\", \"image\": \"cut.jpg\"" + turns + ",\n"
        + "{\"id\": \"truncated\", \"video\": \"truncated.mp4\"" + turns + ",\n"
        + "{\"id\": \"random\", \"video\": \"random.mp4\"" + turns + ",\n"
        + "{\"id\": \"random-again\", \"video\": \"random.mp4\"" + turns + ",\n"
        + "{\"id\": \"gone\", \"video\": \"gone.mp4\"" + turns + ",\n"
        + "{\"id\": \"ok\", \"video\": \"ok.mp4\"" + turns + "]");
    PatchRun.run(json.toString(), out, PackPatches.to(out.toString()));
    Map<String, String> reasons = new TreeMap<>();
    for (String line : errorLines(out)) {
      JsonNode e = ShardReadBack.json(line.getBytes(StandardCharsets.UTF_8));
      reasons.put(e.get("id").asText(), e.get("stage").asText() + " " + e.get("reason").asText());
      assertTrue(e.get("record").asText().startsWith("{\"id\":"), "the whole record is quoted: " + e);
    }
    assertEquals(
        Map.of("cut", "pack-patches media_corrupt", "truncated", "pack-patches cannot_decode", "random", "pack-patches cannot_decode",
            "random-again", "pack-patches cannot_decode", "gone", "validate media_missing"),
        reasons);
    List<String> written = new ArrayList<>();
    records(out).forEach(r -> written.add(r.get("id").asText()));
    assertEquals(List.of("good", "ok"), written);
    assertArrayEquals(Files.readAllBytes(in.resolve("good.jpg")), PatchReadBack.blob(out, record(out, "good").get("image")));
    assertEquals(List.of(0, 10), patternIndices(PatchReadBack.frames(out, record(out, "ok").get("video"))));
  }

  @Test
  void anOutputFolderIsLeftWithOnlyThisRunsPatches(@TempDir Path in, @TempDir Path out) throws IOException {
    Files.createDirectories(out.resolve("patches"));
    Files.writeString(out.resolve("patches/patch_000007"), "left by an earlier run");
    PatchRun.run(images(in, 2).toString(), out, PackPatches.to(out.toString()));
    assertEquals(List.of("patch_000000"), Fixtures.listFiles(out.resolve("patches")));
  }
}
