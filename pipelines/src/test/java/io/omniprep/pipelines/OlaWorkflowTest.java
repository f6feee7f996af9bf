package io.omniprep.pipelines;

import static io.omniprep.pipelines.PipelineRuns.arg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.av.testing.TestVideos;
import io.omniprep.testing.Fixtures;
import io.omniprep.testing.ShardReadBack;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ola's cross-modality workflow end to end: records that name the WAV of each video ({@code
 * finevideo_audios/X.wav}, which does not exist yet), {@code extract-audio} writing them where the
 * records say, then {@code pack-patches} and {@code webdataset --layout=chatml-omni} on the result.
 */
class OlaWorkflowTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String record(String id, String video, String audio) {
    return "{\"id\": \"" + id + "\", \"video\": \"" + video + "\", \"audio\": \"" + audio + "\", \"conversations\": ["
        + "{\"from\": \"human\", \"value\": \"<speech><image>\\nWhat happens?\"}, {\"from\": \"gpt\", \"value\": \"A test pattern.\"}]}";
  }

  /** The dataset folder as Ola lays it out: the JSON beside finevideo_videos/, no finevideo_audios/ yet. */
  private static Path olaFolder(Path root) throws Exception {
    Path videos = Files.createDirectories(root.resolve("finevideo_videos"));
    Files.copy(TestVideos.toneVideo(videos), videos.resolve("clipA.mp4"));
    Files.move(videos.resolve("tone.mp4"), videos.resolve("clipB.mp4"));
    TestVideos.videoWithoutAudio(videos);
    TestVideos.truncatedVideo(videos);
    Fixtures.write(root.resolve("ola_cross.json"), "[\n"
        + record("a", "finevideo_videos/clipA.mp4", "finevideo_audios/clipA.wav") + ",\n"
        + record("b", "finevideo_videos/clipB.mp4", "finevideo_audios/clipB.wav") + ",\n"
        + record("silent", "finevideo_videos/silent.mp4", "finevideo_audios/silent.wav") + ",\n"
        + record("broken", "finevideo_videos/truncated.mp4", "finevideo_audios/truncated.wav") + ",\n"
        + record("escape", "finevideo_videos/clipA.mp4", "../elsewhere/clipA.wav") + "\n]");
    return root.resolve("ola_cross.json");
  }

  private static List<String> reasons(Path out) throws Exception {
    List<String> reasons = new ArrayList<>();
    try (var parts = Files.list(out.resolve("_errors"))) {
      for (Path part : parts.sorted().toList()) {
        for (String line : Files.readAllLines(part)) {
          JsonNode e = JSON.readTree(line);
          reasons.add(e.get("id").asText() + " " + e.get("stage").asText() + " " + e.get("reason").asText());
        }
      }
    }
    reasons.sort(null);
    return reasons;
  }

  /** A RIFF/WAVE PCM header read by hand: (channels, sample rate, bits, data bytes). */
  private static int[] wavHeader(Path wav) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals("RIFF", new String(b.array(), 0, 4, StandardCharsets.US_ASCII));
    assertEquals("WAVE", new String(b.array(), 8, 4, StandardCharsets.US_ASCII));
    assertEquals("fmt ", new String(b.array(), 12, 4, StandardCharsets.US_ASCII));
    assertEquals(1, b.getShort(20), "PCM");
    assertEquals("data", new String(b.array(), 36, 4, StandardCharsets.US_ASCII));
    return new int[] {b.getShort(22), b.getInt(24), b.getShort(34), b.getInt(40)};
  }

  @Test
  void extractFramesDoesNotCheckTheWavsItNeitherReadsNorWrites(@TempDir Path root, @TempDir Path frames) throws Exception {
    Path json = olaFolder(root);
    RunSummary summary = PipelineRuns.run("extract-frames", arg("input", json), arg("output", frames));
    assertEquals(5, summary.read());
    assertEquals(3, summary.written(), "a, b, silent (it has a video stream)");
    assertTrue(summary.balanced());
    assertEquals(List.of("broken extract-frames cannot_decode", "escape validate path_traversal"), reasons(frames));
    JsonNode a = ShardReadBack.json(frames.resolve("dataset.json")).get(0);
    // the WAV another stage makes, at its absolute location (the records no longer sit beside it)
    assertEquals(root.resolve("finevideo_audios/clipA.wav").toString(), a.get("audios").get(0).asText());
  }

  @Test
  void extractAudioWritesTheWavsTheRecordsNameAndTheyTrainAsTheyAre(
      @TempDir Path root, @TempDir Path packed, @TempDir Path wds) throws Exception {
    Path json = olaFolder(root);
    String original = Fixtures.read(json);

    // --output is the dataset folder: each named WAV lands at that path relative to it.
    RunSummary audio = PipelineRuns.run("extract-audio", arg("input", json), arg("output", root));
    assertEquals(5, audio.read());
    assertEquals(2, audio.written());
    assertEquals(3, audio.failed());
    assertTrue(audio.balanced());
    assertEquals(List.of("broken extract-audio cannot_decode", "escape validate path_traversal",
        "silent extract-audio no_audio_stream"), reasons(root));
    assertEquals(original, Fixtures.read(json), "the input is not touched");
    for (String clip : List.of("clipA", "clipB")) {
      int[] h = wavHeader(root.resolve("finevideo_audios/" + clip + ".wav"));
      assertEquals(1, h[0], "mono");
      assertEquals(16_000, h[1], "16 kHz");
      assertEquals(16, h[2], "s16le");
      // 2 s of audio at 16 kHz, 2 bytes a sample: 64000 bytes, give or take the codec's priming
      assertTrue(Math.abs(h[3] - 64_000) <= 2 * 2048, "data bytes " + h[3]);
    }
    assertFalse(Files.exists(root.resolve("finevideo_audios/silent.wav")));
    assertFalse(Files.exists(root.resolve("finevideo_audios/truncated.wav")));
    assertFalse(Files.exists(root.resolve("finevideo_videos/clipA.wav")), "not mirrored beside the video");
    assertFalse(Files.exists(root.getParent().resolve("elsewhere")));

    // The records as the user wrote them: same audio path, <speech> and the video untouched.
    JsonNode records = ShardReadBack.json(root.resolve("dataset.json"));
    assertEquals(2, records.size());
    JsonNode in = ShardReadBack.json(json);
    for (int i = 0; i < 2; i++) {
      assertEquals(in.get(i), records.get(i), "record " + i + " is as written");
    }

    // Rerun: both WAVs exist, skipped.
    RunSummary again = PipelineRuns.run("extract-audio", arg("input", json), arg("output", root));
    assertEquals(2, again.get("videos_skipped_existing"));
    assertEquals(2, again.written());

    // pack-patches on the records, then chatml-omni shards from the patches.
    RunSummary pack = PipelineRuns.run("pack-patches", arg("input", root.resolve("dataset.json")), arg("output", packed));
    assertEquals(2, pack.written());
    assertEquals(0, pack.failed());
    RunSummary shards = PipelineRuns.run("webdataset", arg("input", packed.resolve("patched.json")), arg("output", wds),
        "--layout=chatml-omni", "--split=1,0,0");
    assertEquals(2, shards.written());
    assertEquals(0, shards.failed());
    TreeMap<String, ShardReadBack.ReadSample> byId = new TreeMap<>();
    for (ShardReadBack.ReadSample s : ShardReadBack.readAll(wds)) {
      JsonNode conversation = ShardReadBack.json(s.parts().get("json"));
      // Pai's Omni reader's tokens: <speech> → <audio>, the video's <image> → <video>
      assertEquals("<audio><video>\nWhat happens?", conversation.get("conversations").get(0).get("content").asText());
      assertTrue(s.parts().containsKey("mp4s"), s.parts().keySet().toString());
      byId.put(s.key(), s);
    }
    assertEquals(2, byId.size());
    // each sample's wavs member holds its WAV's bytes as extract-audio wrote them
    List<byte[]> wavs = new ArrayList<>();
    for (ShardReadBack.ReadSample s : byId.values()) {
      wavs.add(s.parts().get("wavs"));
    }
    byte[] a = Files.readAllBytes(root.resolve("finevideo_audios/clipA.wav"));
    assertTrue(wavs.stream().anyMatch(w -> containsAt(w, a)), "clipA.wav is in a wavs member");
  }

  /** Whether {@code whole} holds {@code part} anywhere (a wavs member is a pickled list of WAVs). */
  private static boolean containsAt(byte[] whole, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= whole.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (whole[i + j] != part[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
