package io.omniprep.av;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.av.testing.TestVideos;
import io.omniprep.av.testing.Wavs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AvMetadata} on generated media whose facts are known from how they were made: a WAV
 * written byte by byte ({@link Wavs#silence}), and the tests' H.264/AAC generator ({@link TestVideos}) with its
 * duration, frame rate, size and tone.
 */
class AvMetadataTest {
  @Test
  void wavHasAudioFactsOnly(@TempDir Path dir) throws IOException {
    AvMetadata m = AvMetadata.probe(Files.write(dir.resolve("a"), Wavs.silence(8000, 2, 1000)));
    assertEquals(new AvMetadata(null, null, null, null, null, 1000 / 8000.0, 2, 8000, 1000L), m);
  }

  @Test
  void videoWithoutAudio(@TempDir Path dir) throws IOException {
    TestVideos.Spec spec = TestVideos.spec().withoutAudio().withSize(32, 24).withFps(25).withDuration(1.2);
    AvMetadata m = AvMetadata.probe(TestVideos.write(dir.resolve("v.mp4"), spec));
    assertEquals(new AvMetadata(1.2, (long) spec.frameCount(), 25.0, 32, 24, null, null, null, null), m);
  }

  @Test
  void videoWithAudio(@TempDir Path dir) throws IOException {
    TestVideos.Spec spec = TestVideos.spec().withAudioChannels(2).withSampleRate(22_050);
    AvMetadata m = AvMetadata.probe(TestVideos.write(dir.resolve("v.mp4"), spec));
    assertEquals(2.0, m.videoDuration());
    assertEquals(spec.frameCount(), m.videoFrames());
    assertEquals(10.0, m.videoFps());
    assertEquals(64, m.videoWidth());
    assertEquals(48, m.videoHeight());
    assertEquals(2, m.audioChannels());
    assertEquals(22_050, m.audioSampleRate());
    // AAC decodes whole 1024-sample frames, priming ones included; MP4's edit list ends the last
    // frame where the samples written end, so the duration is theirs.
    long written = spec.sampleCount();
    assertTrue(m.audioSamples() >= written && m.audioSamples() < written + 3 * 1024, m.toString());
    assertEquals(0, m.audioSamples() % 1024, m.toString());
    assertEquals(written / 22_050.0, m.audioDuration(), 1e-12);
  }

  @Test
  void matroskaWithoutStreamDurationsIsDemuxedToTheLastPacket(@TempDir Path dir) throws IOException {
    TestVideos.Spec spec = TestVideos.spec().withoutAudio();
    AvMetadata m = AvMetadata.probe(TestVideos.write(dir.resolve("v.mkv"), spec));
    // Matroska stores no per-stream duration: the last packet's start plus its duration, in ms.
    // The last of 20 frames at 10 fps starts at 1.9 s; the muxer leaves its duration unset (0).
    assertEquals(1900 * 0.001, m.videoDuration());
    assertEquals(spec.frameCount(), m.videoFrames());
    assertEquals(10.0, m.videoFps());
  }

  @Test
  void unreadableMediaIsRefusedAndAnEmptyWavHasNoDuration(@TempDir Path dir) throws IOException {
    assertThrows(AvException.class, () -> AvMetadata.probe(TestVideos.randomBytes(dir)));
    assertThrows(AvException.class, () -> AvMetadata.probe(TestVideos.truncatedVideo(dir)));
    // No sample at all: no duration to find (the stream has none, nor any packet), 0 samples.
    assertEquals(new AvMetadata(null, null, null, null, null, null, 1, 16_000, 0L),
        AvMetadata.probe(Files.write(dir.resolve("w"), Wavs.silence(16_000, 1, 0))));
  }
}
