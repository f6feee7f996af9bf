package io.omniprep.av.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omniprep.av.testing.TestVideos;
import io.omniprep.av.testing.Wavs;
import io.omniprep.errors.FailedRecord;
import io.omniprep.testing.Fixtures;
import io.omniprep.testing.ObjectStoreForTests;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Videos and outputs on an object store ({@link ObjectStoreForTests}, the code path of {@code gs://}
 * and {@code s3://}): inputs are read through a local temporary copy that is deleted, outputs
 * appear under their names only, complete.
 */
class RemoteExtractionTest {
  private static final String BUCKET = ObjectStoreForTests.SCHEME + "://bucket/";

  @TempDir Path store;

  @BeforeEach
  void fill() throws Exception {
    ObjectStoreForTests.root = store;
    Path videos = Files.createDirectories(store.resolve("bucket/videos/a"));
    TestVideos.toneVideo(videos);
    TestVideos.videoWithoutAudio(store.resolve("bucket/videos"));
  }

  private static Set<String> temporaryVideoCopies() throws IOException {
    Set<String> names = new TreeSet<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(Paths.get(System.getProperty("java.io.tmpdir")), "omniprep-video-*")) {
      files.forEach(f -> names.add(f.getFileName().toString()));
    }
    return names;
  }

  @Test
  void audioIsReadFromAndWrittenToTheStore() throws Exception {
    Set<String> before = temporaryVideoCopies();
    ExtractRun.run(p -> {
      WithFailures.Result<PCollection<VideoOutcome>, FailedRecord> r =
          p.apply(ExtractAudioFromVideo.files().from(BUCKET + "videos/**").to(BUCKET + "audio"));
      PAssert.that(r.failures()).satisfies(failures -> {
        FailedRecord f = failures.iterator().next();
        assertEquals(BUCKET + "videos/silent.mp4", f.source());
        assertEquals("no audio stream", f.message());
        return null;
      });
    });
    assertEquals(List.of("a/tone.wav"), Fixtures.listFiles(store.resolve("bucket/audio")), "no temporary objects left");
    assertEquals(16_000, Wavs.read(store.resolve("bucket/audio/a/tone.wav")).sampleRate());
    assertEquals(before, temporaryVideoCopies(), "local copies are deleted");
  }

  @Test
  void framesOfAnEarlierRunAreDeletedOnTheStoreToo() throws Exception {
    ExtractFrames.Files frames = ExtractFrames.files().from(BUCKET + "videos/a/*").to(BUCKET + "frames");
    ExtractRun.run(p -> p.apply(frames.withSampling(FrameSampling.everySeconds(0.5))));
    assertEquals(List.of("frame_000000.jpg", "frame_000005.jpg", "frame_000010.jpg", "frame_000015.jpg"),
        Fixtures.listFiles(store.resolve("bucket/frames/tone")));

    ExtractRun again = ExtractRun.run(p -> p.apply(frames.withOverwrite(true)));
    assertEquals(1, again.counter(ExtractVideosFn.EXTRACTED));
    assertEquals(List.of("tone.json", "tone/frame_000000.jpg", "tone/frame_000010.jpg"),
        Fixtures.listFiles(store.resolve("bucket/frames")));
    assertEquals("{\"fps\": \"1.0\"}", Fixtures.read(store.resolve("bucket/frames/tone.json")));
  }
}
