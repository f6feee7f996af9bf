package io.omniprep.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.omniprep.options.PackPatchesOptions;
import io.omniprep.options.WebDatasetOptions;
import io.omniprep.testing.Fixtures;
import io.omniprep.testing.PatchFixtures;
import io.omniprep.testing.PatchReadBack;
import io.omniprep.testing.ShardReadBack;
import io.omniprep.testing.ShardReadBack.ReadSample;
import io.omniprep.pickle.PickleValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackPatchesPipelineTest {
  private static final Path PRETRAIN = Fixtures.testdata("llava-pretrain/blip_laion_cc_sbu_sample.json");

  @TempDir static Path corpus;
  @TempDir static Path packed;
  private static RunSummary summary;

  /** The corpus plus a record with a missing video and one with an undecodable video, packed once. */
  @BeforeAll
  static void packCorpusWithDefects() throws IOException {
    Path data = PatchFixtures.corpus(corpus);
    Files.write(corpus.resolve("videos/noise.mp4"), new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'j', 'u', 'n', 'k'});
    String turns = ", \"conversations\": [{\"from\": \"human\", \"value\": \"<image>\"}, {\"from\": \"gpt\", \"value\": \"x\"}]}";
    Path defects = Fixtures.write(corpus.resolve("defects.json"),
        "[{\"id\": \"gone\", \"video\": \"videos/gone.mp4\"" + turns + ", {\"id\": \"noise\", \"video\": \"videos/noise.mp4\"" + turns + "]");
    summary = run(PackPatchesPipeline.create(packOptions(data + "," + defects, packed)));
  }

  private static PackPatchesOptions packOptions(String input, Path output, String... more) {
    List<String> args = new ArrayList<>(List.of("--runner=DirectRunner", "--input=" + input, "--output=" + output));
    args.addAll(List.of(more));
    return PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).withValidation().as(PackPatchesOptions.class);
  }

  private static WebDatasetOptions wdsOptions(Path input, Path output, String layout) {
    return PipelineOptionsFactory.fromArgs("--runner=DirectRunner", "--input=" + input, "--output=" + output, "--layout=" + layout)
        .withValidation()
        .as(WebDatasetOptions.class);
  }

  private static RunSummary run(Pipeline p) {
    PipelineResult result = p.run();
    result.waitUntilFinish();
    return RunSummary.of(result);
  }

  /** Samples by their position in the input (keys also hold the file name, which differs). */
  private static Map<Integer, ReadSample> byPosition(Path wds) {
    Map<Integer, ReadSample> out = new TreeMap<>();
    for (ReadSample s : ShardReadBack.readAll(wds)) {
      out.put(Integer.parseInt(s.key().substring(s.key().lastIndexOf('-') + 1)), s);
    }
    return out;
  }

  @Test
  void everyRecordEndsInThePatchedJsonOrTheErrorsAndTheSummaryBalances() {
    assertEquals(9, summary.read());
    assertEquals(7, summary.written());
    assertEquals(2, summary.failed());
    assertTrue(summary.balanced());
    assertEquals(1, summary.get("failed_media_missing"));
    assertEquals(1, summary.get("failed_cannot_decode"));
    assertEquals(1, summary.get("patches_written"), "one patch for the corpus' chunk; the defects' chunk packs nothing");
    assertEquals(2, summary.get("videos_decoded"));
    assertEquals(7, ShardReadBack.json(packed.resolve("patched.json")).size());
    String errors = Fixtures.read(packed.resolve("_errors/errors-000001.jsonl")); // the second input's chunk
    assertTrue(errors.contains("\"id\":\"gone\"") && errors.contains("\"reason\":\"media_missing\""), errors);
    assertTrue(errors.contains("\"id\":\"noise\"") && errors.contains("\"stage\":\"pack-patches\"") && errors.contains("\"reason\":\"cannot_decode\""), errors);
  }

  @Test
  void referencesHoldTheAbsolutePathOfThePatchesByDefault() {
    JsonNode first = ShardReadBack.json(packed.resolve("patched.json")).get(0).get("image");
    assertEquals(packed.resolve("patches/patch_000000").toString(), first.get("patch").asText());
    assertArrayEquals(ShardReadBack.bytes(corpus.resolve("images/a/cat.jpg")), PatchReadBack.blob(packed, first));
  }

  @Test
  void webdatasetOnThePatchedJsonStoresTheSameImagesAsOnTheOriginal(@TempDir Path out) {
    Path patched = out.resolve("patched");
    assertEquals(32, run(PackPatchesPipeline.create(packOptions(PRETRAIN.toString(), patched))).written());
    Path fromOriginal = out.resolve("wds-original");
    Path fromPatches = out.resolve("wds-patched");
    run(WebDatasetPipeline.create(wdsOptions(PRETRAIN, fromOriginal, "vqa")));
    RunSummary viaPatches = run(WebDatasetPipeline.create(wdsOptions(patched.resolve("patched.json"), fromPatches, "vqa")));
    assertEquals(32, viaPatches.written());
    Map<Integer, ReadSample> original = byPosition(fromOriginal);
    Map<Integer, ReadSample> fromPatch = byPosition(fromPatches);
    assertEquals(original.keySet(), fromPatch.keySet());
    for (Integer position : original.keySet()) {
      assertArrayEquals(original.get(position).parts().get("jpg"), fromPatch.get(position).parts().get("jpg"), "image of record " + position);
      assertArrayEquals(original.get(position).parts().get("json"), fromPatch.get(position).parts().get("json"));
    }
  }

  @Test
  void theChatmlLayoutReadsVideoFramesFromPatches(@TempDir Path wds) {
    run(WebDatasetPipeline.create(wdsOptions(packed.resolve("patched.json"), wds, "chatml")));
    List<byte[]> frames = PatchReadBack.frames(packed, ShardReadBack.json(packed.resolve("patched.json")).get(3).get("video"));
    ReadSample video = byPosition(wds).get(3);
    @SuppressWarnings("unchecked")
    List<List<byte[]>> videos = (List<List<byte[]>>) PickleValues.read(video.parts().get("videos"));
    assertEquals(1, videos.size());
    assertEquals(frames.size(), videos.get(0).size());
    for (int i = 0; i < frames.size(); i++) {
      assertArrayEquals(frames.get(i), videos.get(0).get(i), "frame " + i);
    }
  }

  @Test
  void theRawLayoutReadsFramesAndAudioFromPatches(@TempDir Path wds) {
    run(WebDatasetPipeline.create(wdsOptions(packed.resolve("patched.json"), wds, "raw")));
    JsonNode record = ShardReadBack.json(packed.resolve("patched.json")).get(4);
    ReadSample sample = byPosition(wds).get(4);
    assertArrayEquals(ShardReadBack.bytes(corpus.resolve("audio/q1.wav")), sample.parts().get("wav"));
    @SuppressWarnings("unchecked")
    List<byte[]> frames = (List<byte[]>) PickleValues.read(sample.parts().get("frames.pickle"));
    List<byte[]> expected = PatchReadBack.frames(packed, record.get("video"));
    assertEquals(expected.size(), frames.size());
    for (int i = 0; i < frames.size(); i++) {
      assertArrayEquals(expected.get(i), frames.get(i));
    }
  }

  @Test
  void aPrefixThatMakesOlaSwapColoursFailsBeforeTheJobStarts(@TempDir Path out) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> PackPatchesPipeline.create(packOptions(PRETRAIN.toString(), out, "--patchPathPrefix=/mnt/cinepile/patches")));
    assertTrue(e.getMessage().contains("cinepile"), e.getMessage());
  }

  /**
   * A file several chunks use is packed by each, and the mapping holds one member for it, naming
   * its first copy, where it first appears; members follow the order the files were packed in.
   */
  @Test
  void aFileUsedBySeveralChunksIsMappedOnceToItsFirstCopy(@TempDir Path dir) throws IOException {
    Path data = PatchFixtures.corpus(dir.resolve("corpus"));
    Path images = data.getParent().resolve("images");
    String turns = ", \"conversations\": [{\"from\": \"human\", \"value\": \"<image>\"}, {\"from\": \"gpt\", \"value\": \"x\"}]}";
    Path input = Fixtures.write(data.getParent().resolve("shared.json"), "["
        + "{\"id\": \"0\", \"image\": \"images/a/cat.jpg\"" + turns + ", "
        + "{\"id\": \"1\", \"image\": \"images/a/dog.png\"" + turns + ", "
        + "{\"id\": \"2\", \"image\": \"images/a/cat.jpg\"" + turns + "]");
    Path out = dir.resolve("out");

    RunSummary result = run(PackPatchesPipeline.create(packOptions(input.toString(), out, "--maxFilesPerPatch=1")));

    assertEquals(3, result.written());
    assertEquals(3, result.get("patches_written"), "one chunk, so one patch, per record: the shared image is packed twice");
    String text = Fixtures.read(out.resolve("patch_mapping.json"));
    List<String> lines = text.lines().toList();
    assertEquals(4, lines.size(), text); // {, two members, }
    assertTrue(lines.get(1).startsWith("\"images/a/cat.jpg\":"), "packed first, listed first, under the input's folder: " + text);
    assertTrue(lines.get(2).startsWith("\"images/a/dog.png\":"), text);
    JsonNode cat = ShardReadBack.json(out.resolve("patch_mapping.json")).get("images/a/cat.jpg").get("image");
    assertEquals(out.resolve("patches/patch_000000").toString(), cat.get("patch").asText(), "the first copy, in the first chunk's patch");
    assertArrayEquals(Files.readAllBytes(images.resolve("a/cat.jpg")), PatchReadBack.blob(out, cat));
    JsonNode third = ShardReadBack.json(out.resolve("patched.json")).get(2).get("image");
    assertEquals(out.resolve("patches/patch_000002").toString(), third.get("patch").asText(), "each chunk reads its own copy");
  }

  /** The same data in two folders gives the same patched.json and patch_mapping.json (a fixed --patchPathPrefix). */
  @Test
  void theOutputDoesNotDependOnWhereTheDataLies(@TempDir Path dir) throws IOException {
    List<Path> outs = new ArrayList<>();
    for (String where : List.of("here", "elsewhere/deeper")) {
      Path data = PatchFixtures.corpus(dir.resolve(where));
      Path out = dir.resolve("out-" + outs.size());
      run(PackPatchesPipeline.create(packOptions(data.toString(), out, "--patchPathPrefix=/mnt/ola/patches/")));
      outs.add(out);
    }
    String mapping = Fixtures.read(outs.get(0).resolve("patch_mapping.json"));
    assertTrue(mapping.contains("\"images/a/cat.jpg\":{\"original_path\":\"images/a/cat.jpg\""), mapping);
    assertEquals(mapping, Fixtures.read(outs.get(1).resolve("patch_mapping.json")));
    assertEquals(Fixtures.read(outs.get(0).resolve("patched.json")), Fixtures.read(outs.get(1).resolve("patched.json")));
  }
}
