package io.omniprep.wds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.omniprep.testing.Fixtures;
import io.omniprep.testing.Python3;
import io.omniprep.testing.ShardReadBack;
import io.omniprep.testing.ShardReadBack.ReadSample;
import io.omniprep.pickle.PickleValues;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutsTest {
  private static final Path SHAREGPT = Fixtures.testdata("sharegpt/dataset.json");
  private static final Path OLA = Fixtures.testdata("jsonl/ola.jsonl");

  private static List<ReadSample> write(Path input, Path out, Layout layout) {
    WdsRun.run(input.toString(), out, WriteWebDataset.to(out.toString()).withLayout(layout).withSplits(Splits.parse("1,0,0", Splits.Mode.SAMPLE)));
    List<ReadSample> samples = new java.util.ArrayList<>(ShardReadBack.readAll(out));
    samples.sort(Comparator.comparing(ReadSample::key));
    return samples;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> unpickle(byte[] pickle) {
    return (List<Object>) PickleValues.read(pickle);
  }

  private static byte[] file(String relative) throws Exception {
    return Files.readAllBytes(SHAREGPT.getParent().resolve(relative));
  }

  @Test
  void chatmlHoldsJpegListsFrameListsAndSecondsPerGrid(@TempDir Path out) throws Exception {
    List<ReadSample> samples = write(SHAREGPT, out, Layout.CHATML);
    assertEquals(5, samples.size());
    for (ReadSample s : samples) {
      assertEquals(List.of("jpgs", "json", "videos"), List.copyOf(s.parts().keySet()));
    }
    // sg-1: two images, in order, as their own bytes.
    List<Object> jpgs = unpickle(samples.get(1).parts().get("jpgs"));
    assertArrayEquals(file("images/img1.jpg"), (byte[]) jpgs.get(0));
    assertArrayEquals(file("images/img2.jpg"), (byte[]) jpgs.get(1));
    // sg-2: clip1 has 6 frames and fps "2.0".
    JsonNode json2 = ShardReadBack.json(samples.get(2).parts().get("json"));
    assertEquals("[0.5]", json2.get("second_per_grid_ts").toString());
    List<Object> videos2 = unpickle(samples.get(2).parts().get("videos"));
    assertEquals(6, ((List<?>) videos2.get(0)).size());
    assertArrayEquals(file("videos/clip1/frame_000015.jpg"), (byte[]) ((List<?>) videos2.get(0)).get(1));
    // sg-3: clip2 has 5 frames, no fps file: 4 frames (even), default 2 fps.
    List<Object> videos3 = unpickle(samples.get(3).parts().get("videos"));
    assertEquals(4, ((List<?>) videos3.get(0)).size());
    assertEquals("[0.5]", ShardReadBack.json(samples.get(3).parts().get("json")).get("second_per_grid_ts").toString());
    // sg-4: text only, with a system turn: empty lists are still present.
    assertEquals(List.of(), unpickle(samples.get(4).parts().get("jpgs")));
    assertEquals("system", ShardReadBack.json(samples.get(4).parts().get("json")).get("conversations").get(0).get("from").asText());
    String yaml = Fixtures.read(out.resolve(".nv-meta/dataset.yaml"));
    assertEquals("__class__: ChatMLWebdataset\n__module__: megatron_patch.data.energon.chatml\nfield_map:\n"
        + "  conversation: json\n  imgs: jpgs\n  videos: videos\n", yaml);
  }

  @Test
  void picklesLoadInPython(@TempDir Path out) throws Exception {
    Python3.assumeAvailable();
    List<ReadSample> samples = write(SHAREGPT, out, Layout.CHATML);
    byte[] videos = samples.get(3).parts().get("videos");
    String lengths = new String(Python3.run(
        "import pickle,sys; v=pickle.loads(sys.stdin.buffer.read()); print([[len(f) for f in x] for x in v])", videos), StandardCharsets.UTF_8).trim();
    List<?> frames = (List<?>) unpickle(videos).get(0);
    StringBuilder expected = new StringBuilder("[[");
    for (int i = 0; i < frames.size(); i++) {
      expected.append(i > 0 ? ", " : "").append(((byte[]) frames.get(i)).length);
    }
    assertEquals(expected.append("]]").toString(), lengths);
  }

  @Test
  void chatmlOmniUsesRoleContentAudioAndAlwaysWritesWavs(@TempDir Path out) throws Exception {
    List<ReadSample> samples = write(OLA, out, Layout.CHATML_OMNI);
    assertEquals(4, samples.size());
    for (ReadSample s : samples) {
      assertEquals(List.of("jpgs", "json", "mp4s", "wavs"), List.copyOf(s.parts().keySet()));
      for (JsonNode turn : ShardReadBack.json(s.parts().get("json")).get("conversations")) {
        assertTrue(turn.has("role") && turn.has("content") && !turn.has("from"), turn.toString());
        assertTrue(List.of("user", "assistant", "system").contains(turn.get("role").asText()));
      }
    }
    ReadSample audio = samples.get(2);
    assertEquals("<audio>\n", ShardReadBack.json(audio.parts().get("json")).get("conversations").get(0).get("content").asText());
    List<Object> wavs = unpickle(audio.parts().get("wavs"));
    assertArrayEquals(Files.readAllBytes(OLA.getParent().resolve("media/q0.wav")), (byte[]) wavs.get(0));
    assertEquals(List.of(), unpickle(samples.get(0).parts().get("wavs")));
    assertTrue(Fixtures.read(out.resolve(".nv-meta/dataset.yaml")).contains("audios: wavs"));
  }

  @Test
  void rawWritesEachMediumTheRecordAndTheFirstAnswer(@TempDir Path out) throws Exception {
    List<ReadSample> samples = write(OLA, out, Layout.RAW);
    assertEquals(List.of("jpg", "json", "txt"), List.copyOf(samples.get(0).parts().keySet()));
    assertEquals(List.of("0.jpg", "1.jpg", "json", "txt"), List.copyOf(samples.get(1).parts().keySet()));
    assertEquals(List.of("json", "txt", "wav"), List.copyOf(samples.get(2).parts().keySet()));
    assertArrayEquals(Files.readAllBytes(OLA.getParent().resolve("media/p2.jpg")), samples.get(1).parts().get("1.jpg"));
    assertEquals("The second is darker.", new String(samples.get(1).parts().get("txt"), StandardCharsets.UTF_8));
    JsonNode record = ShardReadBack.json(samples.get(1).parts().get("json"));
    assertEquals("o2", record.get("id").asText());
    assertEquals(2, record.get("image").size());
  }

  /**
   * A lone surrogate is kept in JSON members, escaped as Python's json.dumps escapes it (by hand:
   * {@code \ud800} in lowercase hex); a text member cannot hold one in UTF-8 (Python's encode raises),
   * so a sample whose first answer has one is unsuitable for {@code raw}, not written with '?'.
   */
  @Test
  void loneSurrogatesAreEscapedInJsonAndRefusedInText(@TempDir Path dir) throws Exception {
    Path input = Fixtures.write(dir.resolve("lone.jsonl"),
        "{\"id\": \"q\", \"conversations\": [{\"from\": \"human\", \"value\": \"a\\ud800b\"}, {\"from\": \"gpt\", \"value\": \"ok\"}]}\n"
            + "{\"id\": \"r\", \"conversations\": [{\"from\": \"human\", \"value\": \"q\"}, {\"from\": \"gpt\", \"value\": \"x\\udc00\"}]}\n");
    List<ReadSample> chatml = write(input, dir.resolve("chatml"), Layout.CHATML);
    assertEquals(2, chatml.size());
    assertTrue(new String(chatml.get(0).parts().get("json"), StandardCharsets.US_ASCII).contains("\"value\": \"a\\ud800b\""));
    assertTrue(new String(chatml.get(1).parts().get("json"), StandardCharsets.US_ASCII).contains("\"value\": \"x\\udc00\""));

    Path raw = dir.resolve("raw");
    List<ReadSample> written = write(input, raw, Layout.RAW);
    assertEquals(1, written.size());
    assertEquals("a" + (char) 0xD800 + "b",
        ShardReadBack.json(written.get(0).parts().get("json")).get("conversations").get(0).get("value").textValue());
    assertEquals("ok", new String(written.get(0).parts().get("txt"), StandardCharsets.UTF_8));
    String errors = Fixtures.read(raw.resolve("_errors").resolve(Fixtures.listFiles(raw.resolve("_errors")).get(0)));
    assertTrue(errors.contains("\"reason\":\"unsuitable_for_layout\"") && errors.contains("lone surrogate"), errors);
  }
}
