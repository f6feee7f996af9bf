package io.omniprep.av.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omniprep.av.FrameExtractor;
import io.omniprep.av.testing.FramePattern;
import io.omniprep.av.testing.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.beam.sdk.io.FileSystems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FramesTaskTest {

  @Test
  void writesTheReferenceFrameFolder(@TempDir Path dir) throws Exception {
    Path video = TestVideos.write(dir.resolve("v1.mp4"), TestVideos.spec().withDuration(3));
    Path out = Files.createDirectories(dir.resolve("out"));
    new FramesTask(new FrameExtractor(), 0.5, 0)
        .extract(video, FileSystems.matchNewResource(out.toString(), true), "v1");
    assertEquals("{\"fps\": \"2.0\"}", Files.readString(out.resolve("v1.json")));
    Path frames = out.resolve("v1");
    List<String> names;
    try (Stream<Path> s = Files.list(frames)) {
      names = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(List.of("frame_000000.jpg", "frame_000005.jpg", "frame_000010.jpg",
        "frame_000015.jpg", "frame_000020.jpg", "frame_000025.jpg"), names);
    assertEquals(25, FramePattern.decode(ImageIO.read(frames.resolve("frame_000025.jpg").toFile())));
  }
}
