package io.omniprep.av;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.av.testing.FramePattern;
import io.omniprep.av.testing.TestVideos;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameExtractorTest {
  @TempDir static Path media;
  static Path tenFps; // 2 s at 10 fps: 20 frames
  static Path ntsc; // 3 s at 30000/1001: 90 frames
  static Path bframes; // MPEG-4 with B-frames in Matroska (no nb_frames)
  static final FrameExtractor EXTRACTOR = new FrameExtractor();

  @BeforeAll
  static void generate() throws Exception {
    tenFps = TestVideos.write(media.resolve("ten.mp4"), TestVideos.spec());
    ntsc = TestVideos.write(media.resolve("ntsc.mp4"),
        TestVideos.spec().withFps(30000, 1001).withDuration(3).withoutAudio());
    bframes = TestVideos.write(media.resolve("bframes.mkv"),
        TestVideos.spec().withCodec(TestVideos.Codec.MPEG4_BFRAMES).withDuration(3));
  }

  @Test
  void probeReportsContainerFacts() throws Exception {
    VideoInfo info = EXTRACTOR.probe(tenFps);
    assertEquals(10.0, info.fps());
    assertEquals(20, info.containerFrameCount());
    assertEquals(64, info.width());
    assertEquals(48, info.height());
    assertEquals(0, info.rotationDegrees());
    assertEquals("h264", info.videoCodec());
    assertTrue(info.hasAudio());
    assertEquals(30000.0 / 1001, EXTRACTOR.probe(ntsc).fps());
    assertEquals(0, EXTRACTOR.probe(bframes).containerFrameCount(), "Matroska stores no count");
  }

  @Test
  void intervalModeKeepsEveryFifthFrameAtTenFpsHalfSecond() throws Exception {
    List<VideoFrame> frames = new ArrayList<>();
    IntervalExtraction r = EXTRACTOR.extractEvery(tenFps, 0.5, frames::add);
    assertEquals(new IntervalExtraction(10.0, 5, "2.0", 20, 4), r);
    assertArrayEquals(new long[] {0, 5, 10, 15}, indices(frames));
  }

  @Test
  void intervalModeWithNtscRate() throws Exception {
    List<VideoFrame> frames = new ArrayList<>();
    IntervalExtraction r = EXTRACTOR.extractEvery(ntsc, 0.5, frames::add);
    assertEquals(14, r.interval());
    assertEquals("2.140716426430712", r.effectiveFps());
    assertEquals(90, r.decodedFrames());
    assertArrayEquals(new long[] {0, 14, 28, 42, 56, 70, 84}, indices(frames));
    IntervalExtraction fifteen = EXTRACTOR.extractEvery(ntsc, 0.501, f -> { });
    assertEquals(15, fifteen.interval());
    assertEquals("1.998001998001998", fifteen.effectiveFps());
  }

  @Test
  void frameContentMatchesItsIndexAndTimestamp() throws Exception {
    List<VideoFrame> frames = new ArrayList<>();
    EXTRACTOR.extract(ntsc, FrameSelector.everyNth(7), frames::add);
    assertEquals(13, frames.size());
    for (VideoFrame f : frames) {
      int shown = FramePattern.decode(decode(f));
      assertEquals(f.sourceIndex(), shown, "pattern of frame " + f.sourceIndex());
      long fromTime = Math.round(f.timestampMicros() / 1e6 * 30000 / 1001);
      assertEquals(shown, fromTime, "timestamp of frame " + f.sourceIndex());
    }
  }

  @Test
  void bFramesComeOutInPresentationOrder() throws Exception {
    List<VideoFrame> frames = new ArrayList<>();
    long decoded = EXTRACTOR.extract(bframes, FrameSelector.everyNth(1), frames::add);
    assertEquals(30, decoded);
    for (VideoFrame f : frames) {
      assertEquals(f.sourceIndex(), FramePattern.decode(decode(f)));
      assertEquals(f.sourceIndex() * 100_000, f.timestampMicros(), 1_000);
    }
  }

  @Test
  void countModeSpreadsFramesIncludingFirstAndLast() throws Exception {
    List<VideoFrame> frames = new ArrayList<>();
    SampledExtraction r = EXTRACTOR.extractUniform(bframes, 4, frames::add);
    assertEquals(30, r.frameCount());
    assertArrayEquals(new long[] {0, 9, 19, 29}, r.indices()); // linspace(0, 29, 4)
    assertArrayEquals(r.indices(), indices(frames));
    for (VideoFrame f : frames) {
      assertEquals(f.sourceIndex(), FramePattern.decode(decode(f)));
    }
  }

  @Test
  void countModeCountsDecodedFramesNotTheContainerField(@TempDir Path dir) throws Exception {
    Path untimed = TestVideos.write(dir.resolve("untimed.mp4"), TestVideos.spec().withUntimedPackets());
    assertEquals(20, EXTRACTOR.probe(untimed).containerFrameCount());
    assertEquals(19, EXTRACTOR.countFrames(untimed));
    List<VideoFrame> frames = new ArrayList<>();
    SampledExtraction r = EXTRACTOR.extractUniform(untimed, 3, frames::add);
    assertArrayEquals(new long[] {0, 9, 18}, r.indices());
    assertEquals(18, FramePattern.decode(decode(frames.get(2))), "real last frame");
  }

  @Test
  void patchModeSamplesAtTargetRateThenCapsUniformly(@TempDir Path dir) throws Exception {
    Path twelveSeconds = TestVideos.write(dir.resolve("long.mp4"),
        TestVideos.spec().withDuration(12).withoutAudio());
    List<VideoFrame> frames = new ArrayList<>();
    SampledExtraction r = EXTRACTOR.extractForPatch(twelveSeconds, 1.0, 64, frames::add);
    assertEquals(120, r.frameCount());
    assertArrayEquals(new long[] {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110}, r.indices());
    assertArrayEquals(r.indices(), indices(frames));
    SampledExtraction capped = EXTRACTOR.extractForPatch(twelveSeconds, 1.0, 5, f -> { });
    assertArrayEquals(new long[] {0, 29, 59, 89, 119}, capped.indices());
  }

  @Test
  void coloursAreNotSwapped(@TempDir Path dir) throws Exception {
    assertDominant(dir, Color.RED, 0);
    assertDominant(dir, Color.BLUE, 2);
  }

  private static void assertDominant(Path dir, Color c, int channel) throws IOException {
    Path v = TestVideos.write(dir.resolve("solid" + channel + ".mp4"),
        TestVideos.spec().withSolidColor(c).withDuration(0.5).withoutAudio());
    List<VideoFrame> frames = new ArrayList<>();
    EXTRACTOR.extract(v, FrameSelector.indices(0), frames::add);
    int rgb = decode(frames.get(0)).getRGB(32, 24);
    int[] px = {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
    assertTrue(px[channel] > 200, c + " decoded as " + java.util.Arrays.toString(px));
    for (int other = 0; other < 3; other++) {
      if (other != channel) {
        assertTrue(px[other] < 60, c + " decoded as " + java.util.Arrays.toString(px));
      }
    }
  }

  @Test
  void appliesDisplayRotation(@TempDir Path dir) throws Exception {
    Path rotated = TestVideos.write(dir.resolve("rot.mp4"),
        TestVideos.spec().withRotation(90).withoutAudio());
    assertEquals(90, EXTRACTOR.probe(rotated).rotationDegrees());
    List<VideoFrame> frames = new ArrayList<>();
    EXTRACTOR.extract(rotated, FrameSelector.indices(7), frames::add);
    BufferedImage upright = decode(frames.get(0));
    assertEquals(48, upright.getWidth());
    assertEquals(64, upright.getHeight());
    assertEquals(7, FramePattern.decode(rotateCounterClockwise(upright)));

    frames.clear();
    EXTRACTOR.withAutoRotate(false).extract(rotated, FrameSelector.indices(7), frames::add);
    assertEquals(7, FramePattern.decode(decode(frames.get(0))));
  }

  @Test
  void jpegQualityIsConfigurable() throws Exception {
    List<VideoFrame> hi = new ArrayList<>();
    List<VideoFrame> lo = new ArrayList<>();
    EXTRACTOR.extract(tenFps, FrameSelector.indices(3), hi::add);
    EXTRACTOR.withJpegQuality(20).extract(tenFps, FrameSelector.indices(3), lo::add);
    assertTrue(lo.get(0).jpeg().length < hi.get(0).jpeg().length);
    assertEquals(3, FramePattern.decode(decode(lo.get(0))));
  }

  @Test
  void stopsDecodingAfterTheLastWantedFrame() throws Exception {
    long decoded = EXTRACTOR.extract(ntsc, FrameSelector.indices(0, 2), f -> { });
    assertTrue(decoded < 90, "decoded " + decoded);
    assertEquals(0, EXTRACTOR.extract(ntsc, FrameSelector.indices(), f -> { }));
  }

  @Test
  void errorsHaveReasons(@TempDir Path dir) throws Exception {
    Path audioOnly = dir.resolve("audio.wav");
    new AudioExtractor().extractWav(tenFps, audioOnly);
    AvException e = assertThrows(AvException.class,
        () -> EXTRACTOR.extractEvery(audioOnly, 1, f -> { }));
    assertEquals(AvException.Reason.NO_VIDEO_STREAM, e.reason());

    e = assertThrows(AvException.class,
        () -> EXTRACTOR.extractEvery(TestVideos.randomBytes(dir), 1, f -> { }));
    assertEquals(AvException.Reason.CANNOT_DECODE, e.reason());
    e = assertThrows(AvException.class,
        () -> EXTRACTOR.extractUniform(TestVideos.truncatedVideo(dir), 3, f -> { }));
    assertEquals(AvException.Reason.CANNOT_DECODE, e.reason());
    assertTrue(e.getMessage().startsWith("cannot decode: "));
  }

  private static long[] indices(List<VideoFrame> frames) {
    return frames.stream().mapToLong(VideoFrame::sourceIndex).toArray();
  }

  private static BufferedImage decode(VideoFrame f) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(f.jpeg()));
  }

  private static BufferedImage rotateCounterClockwise(BufferedImage in) {
    BufferedImage out = new BufferedImage(in.getHeight(), in.getWidth(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < in.getHeight(); y++) {
      for (int x = 0; x < in.getWidth(); x++) {
        out.setRGB(y, in.getWidth() - 1 - x, in.getRGB(x, y));
      }
    }
    return out;
  }

  /** The index of a cut faststart MP4 lists every frame; far fewer decode: truncated, not fewer frames. */
  @Test
  void aFaststartFileCutShortCannotBeDecoded(@TempDir Path dir) throws Exception {
    Path cut = TestVideos.truncatedFaststartVideo(dir);
    AvException e = assertThrows(AvException.class, () -> new FrameExtractor().extractEvery(cut, 1.0, frame -> {}));
    assertEquals(AvException.Reason.CANNOT_DECODE, e.reason());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    Path whole = TestVideos.write(dir.resolve("whole.mp4"), TestVideos.spec().withDuration(4), true);
    assertEquals(40, new FrameExtractor().extractEvery(whole, 1.0, frame -> {}).decodedFrames());
  }
}
