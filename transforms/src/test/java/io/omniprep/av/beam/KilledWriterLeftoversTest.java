package io.omniprep.av.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omniprep.av.testing.TestVideos;
import io.omniprep.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed mid-write leaves its hidden temporary file ({@code .NAME.<uuid>.tmp}); the next
 * run deletes it, whether it redoes that output or finds it complete, and deletes nothing else.
 */
class KilledWriterLeftoversTest {
  @TempDir static Path in;

  @BeforeAll
  static void generate() throws Exception {
    Files.createDirectories(in.resolve("a"));
    Files.createDirectories(in.resolve("b"));
    TestVideos.write(in.resolve("a/tone.mp4"), TestVideos.spec().withTone(440));
    TestVideos.write(in.resolve("b/done.mp4"), TestVideos.spec().withTone(440));
  }

  private static String leftover(String name) {
    return "." + name + "." + UUID.randomUUID() + ".tmp";
  }

  @Test
  void extractAudioDeletesLeftoversOfKilledWriters(@TempDir Path out) throws Exception {
    ExtractRun.run(p -> p.apply(ExtractAudioFromVideo.files().from(in + "/b/*.mp4").withInputRoot(in.toString()).to(out.toString())));
    // a/tone.wav was being written when the run was killed; b/done.wav was finished by a retry.
    Fixtures.write(out.resolve("a").resolve(leftover("tone.wav")), "half a WAV");
    Fixtures.write(out.resolve("b").resolve(leftover("done.wav")), "half a WAV");
    Fixtures.write(out.resolve("b/.keep.tmp"), "not ours: no uuid");
    ExtractRun.run(p -> p.apply(ExtractAudioFromVideo.files().from(in + "/**/*.mp4").withInputRoot(in.toString()).to(out.toString())));
    assertEquals(List.of("a/tone.wav", "b/.keep.tmp", "b/done.wav"), Fixtures.listFiles(out));
  }

  @Test
  void extractFramesDeletesLeftoversOfKilledWriters(@TempDir Path out) throws Exception {
    Files.createDirectories(out.resolve("a/tone"));
    Fixtures.write(out.resolve("a/tone").resolve(leftover("frame_000000.jpg")), "half a JPEG");
    Fixtures.write(out.resolve("a").resolve(leftover("tone.json")), "{\"fps\"");
    ExtractRun.run(p -> p.apply(ExtractFrames.files().from(in + "/a/*.mp4").withInputRoot(in.toString()).to(out.toString())));
    assertEquals(List.of(), Fixtures.listFiles(out).stream().filter(f -> f.endsWith(".tmp")).toList(), Fixtures.listFiles(out).toString());
  }
}
