package io.omniprep.av;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.av.testing.TestVideos;
import io.omniprep.testing.BrokenMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeCheckTest {
  private static void assertCannotDecode(Path file, DecodeCheck.Stream stream, String because) {
    AvException e = assertThrows(AvException.class, () -> DecodeCheck.verify(file, stream));
    assertEquals(AvException.Reason.CANNOT_DECODE, e.reason(), e.getMessage());
    assertTrue(e.getMessage().contains(because), e.getMessage());
  }

  @Test
  void wholeVideosPassAndStateTheirDuration(@TempDir Path dir) throws Exception {
    // 2 s at 10 fps; MPEG-4 with B-frames in Matroska (no frame count, reordered frames); an MP4
    // whose last frame lies outside the edit list (the demuxer marks it discarded: not a failure)
    Path h264 = TestVideos.write(dir.resolve("ten.mp4"), TestVideos.spec());
    Path bframes = TestVideos.write(dir.resolve("b.mkv"), TestVideos.spec().withCodec(TestVideos.Codec.MPEG4_BFRAMES).withDuration(3));
    Path untimed = TestVideos.write(dir.resolve("untimed.mp4"), TestVideos.spec().withUntimedPackets());
    Path faststart = TestVideos.write(dir.resolve("fast.mp4"), TestVideos.spec().withDuration(4), true);

    assertEquals(2.0, DecodeCheck.verify(h264, DecodeCheck.Stream.VIDEO) / 1e6, 0.1);
    assertEquals(3.0, DecodeCheck.verify(bframes, DecodeCheck.Stream.VIDEO) / 1e6, 0.1);
    DecodeCheck.verify(untimed, DecodeCheck.Stream.VIDEO);
    assertEquals(4.0, DecodeCheck.verify(faststart, DecodeCheck.Stream.VIDEO) / 1e6, 0.1);
    assertEquals(2.0, DecodeCheck.verify(h264, DecodeCheck.Stream.AUDIO) / 1e6, 0.1);
  }

  @Test
  void anMp4WithoutItsIndexDoesNotOpen(@TempDir Path dir) throws Exception {
    assertCannotDecode(TestVideos.truncatedVideo(dir), DecodeCheck.Stream.VIDEO, "cannot open");
    assertCannotDecode(TestVideos.randomBytes(dir), DecodeCheck.Stream.VIDEO, "cannot");
  }

  /** The index of a cut faststart MP4 survives: it opens and its first frame decodes, its last does not. */
  @Test
  void aVideoWhoseLastFrameIsLostFails(@TempDir Path dir) throws Exception {
    Path cut = TestVideos.truncatedFaststartVideo(dir);
    new FrameExtractor().extract(cut, FrameSelector.indices(new long[] {0}), f -> { }); // the first frame is there
    assertCannotDecode(cut, DecodeCheck.Stream.VIDEO, "last frame");
  }

  /**
   * Every byte there, the index whole, only the last video packet's data overwritten: the file
   * opens, states its duration and decodes up to its last frame, which does not.
   */
  @Test
  void aVideoWhoseLastPacketIsDamagedFails(@TempDir Path dir) throws Exception {
    Path video = TestVideos.write(dir.resolve("damaged.mp4"), TestVideos.spec().withoutAudio());
    long[] last = lastVideoPacket(video); // file offset, size
    byte[] bytes = Files.readAllBytes(video);
    Arrays.fill(bytes, (int) last[0], (int) (last[0] + last[1]), (byte) 0xFF);
    Files.write(video, bytes);
    assertCannotDecode(video, DecodeCheck.Stream.VIDEO, "last frame");
  }

  private static long[] lastVideoPacket(Path video) throws Exception {
    AVPacket pkt = av_packet_alloc();
    try (MediaInput in = MediaInput.open(video)) {
      int vs = in.firstVideoStream();
      long[] last = null;
      while (in.readPacket(pkt)) {
        if (pkt.stream_index() == vs && (last == null || pkt.pos() > last[0])) {
          last = new long[] {pkt.pos(), pkt.size()};
        }
        av_packet_unref(pkt);
      }
      return last;
    } finally {
      av_packet_free(pkt);
    }
  }

  /** The still-image path (for WebP, which the JDK cannot decode), shown on formats FFmpeg also reads. */
  @Test
  void stillImagesDecodeThroughFfmpeg(@TempDir Path dir) throws Exception {
    BrokenMedia.write(dir);
    DecodeCheck.verifyStill(dir.resolve("good.png"));
    DecodeCheck.verifyStill(dir.resolve("good.jpg"));
    AvException e = assertThrows(AvException.class, () -> DecodeCheck.verifyStill(dir.resolve("page.jpg")));
    assertEquals(AvException.Reason.CANNOT_DECODE, e.reason(), e.getMessage());
  }

  @Test
  void theAudioOfAFileIsCheckedAsAudio(@TempDir Path dir) throws Exception {
    Path silent = TestVideos.videoWithoutAudio(dir);
    AvException e = assertThrows(AvException.class, () -> DecodeCheck.verify(silent, DecodeCheck.Stream.AUDIO));
    assertEquals(AvException.Reason.NO_AUDIO_STREAM, e.reason());

    Path wav = dir.resolve("tone.wav");
    new AudioExtractor().extractWav(TestVideos.toneVideo(dir), wav);
    assertEquals(2.0, DecodeCheck.verify(wav, DecodeCheck.Stream.AUDIO) / 1e6, 0.05);
    // FFmpeg (like libsndfile) reads a WAV cut short as a shorter one: nothing to refuse there; the
    // audio of an MP4 whose index outlives its data is refused like its video
    assertCannotDecode(TestVideos.truncatedFaststartVideo(dir), DecodeCheck.Stream.AUDIO, "last frame");
    assertCannotDecode(Files.write(dir.resolve("noise.wav"), Files.readAllBytes(TestVideos.randomBytes(dir))), DecodeCheck.Stream.AUDIO, "cannot open");
  }
}
