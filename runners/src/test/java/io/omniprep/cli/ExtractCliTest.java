package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.av.testing.TestVideos;
import io.omniprep.av.testing.Wavs;
import io.omniprep.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extraction stages through the CLI, on its default runner (embedded Flink), in-process. */
class ExtractCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path in;

  @BeforeAll
  static void generate() throws Exception {
    TestVideos.toneVideo(Files.createDirectories(in.resolve("a/b")));
    TestVideos.videoWithoutAudio(in);
  }

  private static JsonNode run(Path out, String... args) throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
    assertEquals(0, code, stderr.toString(StandardCharsets.UTF_8));
    JsonNode summary = JSON.readTree(out.resolve("_SUMMARY.json").toFile());
    assertEquals(summary, JSON.readTree(stdout.toByteArray()), "the summary is printed too");
    assertTrue(summary.get("balanced").asBoolean(), summary.toString());
    return summary;
  }

  @Test
  void extractAudio(@TempDir Path out) throws Exception {
    JsonNode summary = run(out, "extract-audio", "--input=" + in + "/**", "--output=" + out, "--parallelism=2");
    assertEquals(2, summary.get("read").asLong());
    assertEquals(1, summary.get("written").asLong());
    assertEquals(1, summary.get("failedByReason").get("no_audio_stream").asLong());
    Wavs.Wav wav = Wavs.read(out.resolve("a/b/tone.wav"));
    assertEquals(16_000, wav.sampleRate());
    assertEquals(1, wav.channels());
  }

  @Test
  void extractFrames(@TempDir Path out) throws Exception {
    JsonNode summary = run(out, "extract-frames", "--input=" + in + "/**", "--output=" + out, "--timeInterval=0.5");
    assertEquals(2, summary.get("written").asLong());
    assertEquals(List.of("frame_000000.jpg", "frame_000005.jpg", "frame_000010.jpg", "frame_000015.jpg"),
        Fixtures.listFiles(out.resolve("a/b/tone")));
    assertEquals("{\"fps\": \"2.0\"}", Fixtures.read(out.resolve("silent.json")));
  }
}
