package io.omniprep.av;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omniprep.av.testing.FramePattern;
import io.omniprep.av.testing.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameFoldersTest {

  @Test
  void namesFramesBySourceIndex() {
    assertEquals("frame_000000.jpg", FrameFolders.frameFileName(0));
    assertEquals("frame_000015.jpg", FrameFolders.frameFileName(15));
    assertEquals("frame_1234567.jpg", FrameFolders.frameFileName(1_234_567));
  }

  @Test
  void sidecarIsPythonJsonDump() {
    assertEquals("{\"fps\": \"2.0\"}", FrameFolders.fpsJson("2.0"));
    assertEquals("{\"fps\": \"1.998001998001998\"}",
        FrameFolders.fpsJson(FrameSelection.effectiveFps(30000.0 / 1001, 15)));
  }

  @Test
  void writesTheReferenceFrameFolder(@TempDir Path dir) throws Exception {
    Path video = TestVideos.write(dir.resolve("v1.mp4"), TestVideos.spec().withDuration(3));
    Path frames = dir.resolve("v1");
    IntervalExtraction r = FrameFolders.writeEvery(new FrameExtractor(), video, frames, 0.5);
    assertEquals("2.0", r.effectiveFps());
    List<String> names;
    try (Stream<Path> s = Files.list(frames)) {
      names = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(List.of("frame_000000.jpg", "frame_000005.jpg", "frame_000010.jpg",
        "frame_000015.jpg", "frame_000020.jpg", "frame_000025.jpg"), names);
    assertEquals(25, FramePattern.decode(ImageIO.read(frames.resolve("frame_000025.jpg").toFile())));
  }
}
