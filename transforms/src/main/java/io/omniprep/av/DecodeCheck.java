package io.omniprep.av;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_DISCARD;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Whether a local video or audio file plays to its end, without decoding all of it: it opens, it
 * states a duration, its first frame decodes and, after a seek to its last key frame, so does the
 * frame of its last packet, ending near the declared duration. What a training loader meets when
 * it opens a clip, asks its length and samples frames up to the end (a file cut short, a damaged
 * last packet, a missing index all fail here).
 */
public final class DecodeCheck {
  /** Which stream of the file is checked. */
  public enum Stream {
    /** The first video stream that is not a cover picture, as {@link FrameExtractor} reads. */
    VIDEO,
    /** The audio stream {@link AudioExtractor} would pick. */
    AUDIO
  }

  /** As {@link AudioExtractor}: encoder priming and padding are a few tens of milliseconds. */
  private static final double SHORT_TOLERANCE_SECONDS = 0.25;

  private DecodeCheck() {}

  /**
   * Checks {@code stream} of {@code file}; its declared duration in microseconds.
   *
   * @throws AvException {@code NO_VIDEO_STREAM} / {@code NO_AUDIO_STREAM} when the stream is
   *     absent, {@code CANNOT_DECODE} when the file does not open, states no duration, or its first
   *     or last frame does not decode
   */
  public static long verify(Path file, Stream stream) throws IOException {
    try (MediaInput in = MediaInput.open(file)) {
      int index = stream == Stream.VIDEO ? in.firstVideoStream() : in.bestAudioStream();
      if (index < 0) {
        throw stream == Stream.VIDEO ? AvException.noVideoStream() : AvException.noAudioStream();
      }
      in.discardAllBut(index);
      AVStream st = in.stream(index);
      double tick = st.time_base().num() / (double) st.time_base().den();
      long start = st.start_time() == AV_NOPTS_VALUE ? 0 : st.start_time();
      double declared = st.duration() > 0 && st.duration() != AV_NOPTS_VALUE ? st.duration() * tick
          : in.context().duration() > 0 ? in.context().duration() / (double) AV_TIME_BASE : 0;
      if (!(declared > 0)) {
        throw AvException.cannotDecode("the container states no duration");
      }
      AVPacket pkt = av_packet_alloc();
      try (StreamDecoder decoder = new StreamDecoder(st, 1, false)) {
        Frames first = new Frames(stream, tick);
        decodeFirst(in, decoder, pkt, index, first);
        // To the last key frame before the end (one tick before it: a PCM file seeks to the very
        // sample) when the container can seek; else on from the first frame.
        Frames last = first;
        if (av_seek_frame(in.context(), index, start + Math.round(declared / tick) - 1, AVSEEK_FLAG_BACKWARD) >= 0) {
          decoder.flush();
          last = new Frames(stream, tick);
        }
        long lastPacket = AV_NOPTS_VALUE;
        while (in.readPacket(pkt)) {
          if (pkt.stream_index() == index && pkt.pts() != AV_NOPTS_VALUE && (pkt.flags() & AV_PKT_FLAG_DISCARD) == 0) {
            lastPacket = lastPacket == AV_NOPTS_VALUE ? pkt.pts() : Math.max(lastPacket, pkt.pts());
          }
          feed(decoder, pkt, index, last);
        }
        decoder.decode(null, last);
        if (last.count == 0) {
          throw AvException.cannotDecode("the last frame does not decode: " + why(decoder, in));
        }
        if (lastPacket != AV_NOPTS_VALUE && last.lastPts < lastPacket) {
          throw AvException.cannotDecode(String.format(Locale.ROOT,
              "the last frame does not decode: the packet at %.3f s gives no frame (%s)", (lastPacket - start) * tick, why(decoder, in)));
        }
        double decodedEnd = last.endSeconds - start * tick;
        if (decodedEnd + Math.max(SHORT_TOLERANCE_SECONDS, declared * 0.02) < declared) {
          throw AvException.cannotDecode(String.format(Locale.ROOT,
              "truncated: frames decode to %.2f s, the container declares %.2f s", decodedEnd, declared));
        }
        return Math.round(declared * 1e6);
      } finally {
        av_packet_free(pkt);
      }
    }
  }

  /**
   * Checks that the still image in {@code file} (a format the JDK cannot decode, such as WebP)
   * opens and decodes.
   *
   * @throws AvException {@code CANNOT_DECODE} when it does not
   */
  public static void verifyStill(Path file) throws IOException {
    try (MediaInput in = MediaInput.open(file)) {
      int index = in.firstVideoStream();
      if (index < 0) {
        throw AvException.noVideoStream();
      }
      AVStream st = in.stream(index);
      AVPacket pkt = av_packet_alloc();
      try (StreamDecoder decoder = new StreamDecoder(st, 1, false)) {
        Frames frames = new Frames(Stream.VIDEO, st.time_base().num() / (double) st.time_base().den());
        decodeFirst(in, decoder, pkt, index, frames);
      } finally {
        av_packet_free(pkt);
      }
    }
  }

  /** Reads packets until a frame decodes. */
  private static void decodeFirst(MediaInput in, StreamDecoder decoder, AVPacket pkt, int index, Frames frames) throws IOException {
    while (frames.count == 0 && in.readPacket(pkt)) {
      feed(decoder, pkt, index, frames);
    }
    if (frames.count == 0) {
      decoder.decode(null, frames);
    }
    if (frames.count == 0) {
      throw AvException.cannotDecode("the first frame does not decode: " + why(decoder, in));
    }
  }

  private static void feed(StreamDecoder decoder, AVPacket pkt, int index, Frames frames) throws IOException {
    try {
      if (pkt.stream_index() == index) {
        decoder.decode(pkt, frames);
      }
    } finally {
      av_packet_unref(pkt);
    }
  }

  private static String why(StreamDecoder decoder, MediaInput in) {
    return decoder.errors() > 0 ? decoder.firstErrorText()
        : in.lastReadError() != 0 ? Ffmpeg.error(in.lastReadError()) : "no frame comes out (the data ends early)";
  }

  /** The decoded frames of one pass: how many, the last timestamp, where the latest one ends. */
  private static final class Frames implements StreamDecoder.FrameSink {
    private final Stream stream;
    private final double tick;
    private long count;
    private long lastPts = AV_NOPTS_VALUE;
    private double endSeconds;

    Frames(Stream stream, double tick) {
      this.stream = stream;
      this.tick = tick;
    }

    @Override
    public void accept(AVFrame frame) {
      count++;
      long pts = frame.best_effort_timestamp();
      if (pts == AV_NOPTS_VALUE) {
        return;
      }
      lastPts = lastPts == AV_NOPTS_VALUE ? pts : Math.max(lastPts, pts);
      double length = stream == Stream.AUDIO && frame.sample_rate() > 0 ? frame.nb_samples() / (double) frame.sample_rate()
          : frame.duration() > 0 ? frame.duration() * tick : 0;
      endSeconds = Math.max(endSeconds, pts * tick + length);
    }
  }
}
