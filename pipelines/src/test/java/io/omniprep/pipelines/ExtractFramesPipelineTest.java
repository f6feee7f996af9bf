package io.omniprep.pipelines;

import static io.omniprep.pipelines.PipelineRuns.arg;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.av.testing.TestVideos;
import io.omniprep.testing.Fixtures;
import io.omniprep.testing.ShardReadBack;
import io.omniprep.testing.ShardReadBack.ReadSample;
import io.omniprep.pickle.PickleValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractFramesPipelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** LLaVA-Video-style records: two questions on a 2 s, 10 fps clip, one on a corrupt clip. */
  @TempDir static Path in;

  @BeforeAll
  static void generate() throws Exception {
    Path clips = Files.createDirectories(in.resolve("clips"));
    TestVideos.write(clips.resolve("v10.mp4"), TestVideos.spec());
    TestVideos.truncatedVideo(clips);
    Fixtures.write(in.resolve("llava-video.json"), "[\n"
        + record("q1", "clips/v10.mp4", "What moves?") + ",\n"
        + record("q2", "clips/v10.mp4", "How many blocks?") + ",\n"
        + record("q3", "clips/truncated.mp4", "Anything?") + "\n]");
  }

  private static String record(String id, String video, String question) {
    return "{\"id\": \"" + id + "\", \"video\": \"" + video + "\", \"conversations\": [{\"from\": \"human\", \"value\": "
        + "\"<image>\\n" + question + "\"}, {\"from\": \"gpt\", \"value\": \"Blocks.\"}]}";
  }

  @Test
  void recordsLoadThroughTheChatmlWebDatasetLayout(@TempDir Path out, @TempDir Path wds) throws Exception {
    RunSummary frames = PipelineRuns.run("extract-frames",
        arg("input", in.resolve("llava-video.json")), arg("output", out), "--timeInterval=0.5");
    assertEquals(3, frames.read());
    assertEquals(2, frames.written());
    assertEquals(1, frames.get("failed_cannot_decode"));
    assertTrue(frames.balanced());
    assertEquals(1, frames.get("videos_extracted"), "two records, one video");

    RunSummary shards = PipelineRuns.run("webdataset", "--layout=chatml", "--split=1,0,0",
        arg("input", out.resolve("dataset.json")), arg("mediaRoot", out), arg("output", wds));
    assertEquals(2, shards.read());
    assertEquals(2, shards.written());
    assertTrue(shards.balanced());

    List<ReadSample> samples = ShardReadBack.readAll(wds);
    assertEquals(2, samples.size());
    Set<String> questions = new TreeSet<>();
    for (ReadSample s : samples) {
      assertEquals(List.of("jpgs", "json", "videos"), List.copyOf(s.parts().keySet()));
      List<?> videos = (List<?>) PickleValues.read(s.parts().get("videos"));
      List<?> frameList = (List<?>) videos.get(0);
      assertEquals(4, frameList.size(), "frames 0, 5, 10 and 15");
      int i = 0;
      for (String name : List.of("frame_000000.jpg", "frame_000005.jpg", "frame_000010.jpg", "frame_000015.jpg")) {
        assertArrayEquals(Files.readAllBytes(out.resolve("clips/v10/" + name)), (byte[]) frameList.get(i++));
      }
      JsonNode json = ShardReadBack.json(s.parts().get("json"));
      assertEquals(0.5, json.get("second_per_grid_ts").get(0).asDouble(), "1 / the sidecar's fps 2.0");
      String question = json.get("conversations").get(0).get("value").asText();
      assertTrue(question.startsWith("<video>\n"), question);
      questions.add(question);
    }
    assertEquals(Set.of("<video>\nWhat moves?", "<video>\nHow many blocks?"), questions);
  }

  @Test
  void videoFilesGiveFrameFoldersAndABalancedSummary(@TempDir Path out) {
    RunSummary summary = PipelineRuns.run("extract-frames",
        "--input=" + in.resolve("clips") + "/*", arg("output", out), "--numFrames=3");
    assertEquals(2, summary.read());
    assertEquals(1, summary.written());
    assertEquals(1, summary.failed());
    assertTrue(summary.balanced());
    assertEquals(List.of("frame_000000.jpg", "frame_000009.jpg", "frame_000019.jpg"), Fixtures.listFiles(out.resolve("v10")));
  }

  @Test
  void intervalAndCountExcludeEachOther(@TempDir Path out) {
    assertThrows(IllegalArgumentException.class, () -> PipelineRuns.run("extract-frames",
        arg("input", in.resolve("clips")), arg("output", out), "--timeInterval=1", "--numFrames=4"));
  }
}
