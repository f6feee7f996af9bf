package io.omniprep.av;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Decodes the video stream of a local file and streams selected frames as JPEGs to a
 * {@link FrameConsumer}. One decoded frame is in memory at a time, however long the video.
 *
 * <p>Frame indices count the frames the decoder outputs, in presentation order, from 0: the same
 * numbering as reading with OpenCV's {@code VideoCapture} in a loop. Frames are rotated upright when
 * the stream carries a display matrix (OpenCV does the same by default). Undecodable packets are
 * skipped (OpenCV would stop at the first one).
 *
 * <p>Immutable, thread-safe and serializable (usable as a Beam DoFn field); configure with the
 * {@code with...} methods.
 */
public final class FrameExtractor implements Serializable {
  private static final long serialVersionUID = 1L;

  /** JPEG quality of {@code cv2.imwrite}'s default, which the reference relies on. */
  public static final int DEFAULT_JPEG_QUALITY = 95;

  private final int jpegQuality;
  private final boolean autoRotate;
  private final int decoderThreads;

  /** JPEG quality 95, auto-rotation on, FFmpeg's automatic decoder thread count. */
  public FrameExtractor() {
    this(DEFAULT_JPEG_QUALITY, true, 0);
  }

  private FrameExtractor(int jpegQuality, boolean autoRotate, int decoderThreads) {
    if (jpegQuality < 1 || jpegQuality > 100) {
      throw new IllegalArgumentException("JPEG quality must be 1..100: " + jpegQuality);
    }
    if (decoderThreads < 0) {
      throw new IllegalArgumentException("decoder threads must be >= 0: " + decoderThreads);
    }
    this.jpegQuality = jpegQuality;
    this.autoRotate = autoRotate;
    this.decoderThreads = decoderThreads;
  }

  /** What shapes the frames written (not the decoder threads): part of a frame folder's resume stamp. */
  @Override
  public String toString() {
    return "jpeg quality=" + jpegQuality + " autoRotate=" + autoRotate;
  }

  /** Copy with another JPEG quality (1..100). */
  public FrameExtractor withJpegQuality(int quality) {
    return new FrameExtractor(quality, autoRotate, decoderThreads);
  }

  /** Copy that does (default) or does not apply the display-matrix rotation. */
  public FrameExtractor withAutoRotate(boolean rotate) {
    return new FrameExtractor(jpegQuality, rotate, decoderThreads);
  }

  /**
   * Copy with a fixed decoder thread count; 0 (default) lets FFmpeg pick one per core. Use 1 when
   * many extractions run in parallel on one machine (e.g. one per Beam worker thread).
   */
  public FrameExtractor withDecoderThreads(int threads) {
    return new FrameExtractor(jpegQuality, autoRotate, threads);
  }

  /** Container facts about the video; no decoding. */
  public VideoInfo probe(Path video) throws IOException {
    try (MediaInput in = MediaInput.open(video)) {
      int vs = videoStream(in);
      AVStream st = in.stream(vs);
      AVCodecParameters par = st.codecpar();
      long duration = in.context().duration();
      if (duration == AV_NOPTS_VALUE || duration < 0) {
        duration = st.duration() == AV_NOPTS_VALUE ? 0 : micros(st.duration(), st);
      }
      return new VideoInfo(in.frameRate(vs), Math.max(0, st.nb_frames()), par.width(), par.height(),
          in.rotationDegrees(vs), duration, avcodec_get_name(par.codec_id()).getString(),
          in.bestAudioStream() >= 0);
    }
  }

  /**
   * The number of frames the decoder actually produces. Containers can be wrong or silent about
   * this ({@code nb_frames} is absent in Matroska, and edit lists, discarded or undecodable packets
   * make it differ), so this decodes the whole stream, skipping only work that cannot change the
   * count (pixel conversion, the deblocking filter).
   */
  public long countFrames(Path video) throws IOException {
    return decode(video, null, null);
  }

  /**
   * Streams the frames {@code selector} picks to {@code consumer}, in increasing index order.
   * Decoding stops once {@link FrameSelector#lastIndex()} has been passed.
   *
   * @return frames decoded (all of them unless the selector allowed an early stop)
   * @throws AvException {@code NO_VIDEO_STREAM} or {@code CANNOT_DECODE} (also when no frame at
   *     all could be decoded)
   */
  public long extract(Path video, FrameSelector selector, FrameConsumer consumer)
      throws IOException {
    return decode(video, selector, consumer);
  }

  /**
   * Interval mode, the reference's semantics: {@code interval = max(1, int(fps * seconds))} with
   * the container fps, keep every frame whose index is divisible by it.
   */
  public IntervalExtraction extractEvery(Path video, double seconds, FrameConsumer consumer)
      throws IOException {
    if (!(seconds > 0)) {
      throw new IllegalArgumentException("seconds must be > 0: " + seconds);
    }
    double fps = probe(video).fps();
    int interval = FrameSelection.interval(fps, seconds);
    long[] emitted = {0};
    long decoded = extract(video, FrameSelector.everyNth(interval), frame -> {
      emitted[0]++;
      consumer.accept(frame);
    });
    return new IntervalExtraction(fps, interval, FrameSelection.effectiveFps(fps, interval),
        decoded, emitted[0]);
  }

  /**
   * Count mode: {@code count} frames spread uniformly, first and last included
   * ({@link FrameSelection#linspace} over the {@linkplain #countFrames real frame count}). Two
   * decoding passes: one to count, one to emit.
   */
  public SampledExtraction extractUniform(Path video, int count, FrameConsumer consumer)
      throws IOException {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1: " + count);
    }
    long n = countFrames(video);
    return emitIndices(video, probe(video).fps(), n, FrameSelection.linspace(n, count), consumer);
  }

  /**
   * Frames for an Ola video patch: {@link FrameSelection#forPatch} (frames at {@code targetFps},
   * or {@code maxFrames} uniform frames when that would be more) over the real frame count.
   */
  public SampledExtraction extractForPatch(Path video, double targetFps, int maxFrames,
      FrameConsumer consumer) throws IOException {
    long n = countFrames(video);
    double fps = probe(video).fps();
    return emitIndices(video, fps, n, FrameSelection.forPatch(n, fps, targetFps, maxFrames), consumer);
  }

  private SampledExtraction emitIndices(Path video, double fps, long n, long[] indices,
      FrameConsumer consumer) throws IOException {
    int[] emitted = {0};
    extract(video, FrameSelector.indices(indices), frame -> {
      emitted[0]++;
      consumer.accept(frame);
    });
    if (emitted[0] != indices.length) {
      // Decoding is deterministic, so this means the file changed between the passes.
      throw AvException.cannotDecode("frame count changed between passes: expected "
          + indices.length + " frames, got " + emitted[0]);
    }
    return new SampledExtraction(fps, n, indices);
  }

  /**
   * The demux/decode loop shared by counting ({@code selector == null}: no pixel conversion, no
   * deblocking) and extraction (selected frames rendered and passed on).
   */
  private long decode(Path video, FrameSelector selector, FrameConsumer consumer)
      throws IOException {
    boolean counting = selector == null;
    long last = counting ? Long.MAX_VALUE : selector.lastIndex();
    try (MediaInput in = MediaInput.open(video)) {
      int vs = videoStream(in);
      if (last < 0) {
        return 0; // nothing selected: the stream exists, no need to decode it
      }
      in.discardAllBut(vs);
      AVStream st = in.stream(vs);
      double fps = in.frameRate(vs);
      int rotation = autoRotate && !counting ? in.rotationDegrees(vs) : 0;
      AVPacket pkt = av_packet_alloc();
      try (StreamDecoder decoder = new StreamDecoder(st, decoderThreads, counting);
          FrameRenderer renderer = counting ? null : new FrameRenderer(rotation, jpegQuality)) {
        long[] seen = {0};
        StreamDecoder.FrameSink sink = frame -> {
          long index = seen[0]++;
          if (!counting && selector.selects(index)) {
            consumer.accept(
                new VideoFrame(index, timestamp(frame, st, index, fps), renderer.jpeg(frame)));
          }
        };
        while (seen[0] <= last && in.readPacket(pkt)) {
          try {
            if (pkt.stream_index() == vs) {
              decoder.decode(pkt, sink);
            }
          } finally {
            av_packet_unref(pkt);
          }
        }
        if (seen[0] <= last) {
          decoder.decode(null, sink);
        }
        if (seen[0] == 0) {
          String why = decoder.errors() > 0 ? decoder.firstErrorText()
              : in.lastReadError() != 0 ? Ffmpeg.error(in.lastReadError()) : "no video frames";
          throw AvException.cannotDecode(why);
        }
        long declared = st.nb_frames();
        if (seen[0] <= last && declared > 0 && seen[0] + Math.max(2, declared / 50) < declared) {
          // Decoded to the end, yet far fewer frames than the index lists: the data was cut short
          // (a faststart MP4 keeps its index when its end is lost).
          throw AvException.cannotDecode(
              "truncated: " + seen[0] + " frames decoded, the container declares " + declared);
        }
        return seen[0];
      } finally {
        av_packet_free(pkt);
      }
    }
  }

  private static int videoStream(MediaInput in) throws AvException {
    int vs = in.firstVideoStream();
    if (vs < 0) {
      throw AvException.noVideoStream();
    }
    return vs;
  }

  /** Presentation time relative to the stream start; index/fps when the frame has no timestamp. */
  private static long timestamp(AVFrame frame, AVStream st, long index, double fps) {
    long pts = frame.best_effort_timestamp();
    if (pts == AV_NOPTS_VALUE) {
      return fps > 0 ? Math.round(index * 1e6 / fps) : 0;
    }
    long start = st.start_time() == AV_NOPTS_VALUE ? 0 : st.start_time();
    return micros(pts - start, st);
  }

  private static long micros(long ticks, AVStream st) {
    return Math.round(ticks * 1e6 * st.time_base().num() / st.time_base().den());
  }
}
