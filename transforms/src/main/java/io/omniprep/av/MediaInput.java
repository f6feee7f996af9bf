package io.omniprep.av;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_DEFAULT;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_frame_rate;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;
import static org.bytedeco.ffmpeg.presets.avutil.AVERROR_EAGAIN;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.IntPointer;

/** An opened local media file: container probing, stream choice and packet reading. */
final class MediaInput implements AutoCloseable {
  /** avformat.h AVSTREAM_EVENT_FLAG_NEW_PACKETS: probing saw packets for the stream. */
  private static final int EVENT_FLAG_NEW_PACKETS = 1 << 1;

  private final AVFormatContext ctx;
  private int lastReadError;

  private MediaInput(AVFormatContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Opens and probes {@code file}.
   *
   * @throws NoSuchFileException if the file does not exist (a caller bug, not bad media)
   * @throws AvException {@code CANNOT_DECODE} if FFmpeg cannot open or probe it
   */
  static MediaInput open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    Ffmpeg.load();
    AVFormatContext ctx = new AVFormatContext(null);
    int ret = avformat_open_input(ctx, file.toString(), null, (AVDictionary) null);
    if (ret < 0) {
      throw AvException.cannotDecode("cannot open " + file.getFileName() + ": " + Ffmpeg.error(ret));
    }
    MediaInput in = new MediaInput(ctx);
    ret = avformat_find_stream_info(ctx, (AVDictionary) null);
    if (ret < 0) {
      in.close();
      throw AvException.cannotDecode("cannot probe " + file.getFileName() + ": " + Ffmpeg.error(ret));
    }
    return in;
  }

  AVFormatContext context() {
    return ctx;
  }

  AVStream stream(int index) {
    return ctx.streams(index);
  }

  /**
   * The audio stream {@code ffmpeg -i X out.wav} would pick: most channels, with a large bonus for
   * streams that had packets while probing and a smaller one for the default disposition; the
   * first stream wins ties. -1 if there is no audio stream with a known codec.
   */
  int bestAudioStream() {
    int best = -1;
    long bestScore = 0;
    for (int i = 0; i < ctx.nb_streams(); i++) {
      AVStream st = ctx.streams(i);
      AVCodecParameters par = st.codecpar();
      if (par.codec_type() != AVMEDIA_TYPE_AUDIO || par.codec_id() == 0) {
        continue;
      }
      long score = par.ch_layout().nb_channels()
          + 100_000_000L * ((st.event_flags() & EVENT_FLAG_NEW_PACKETS) != 0 ? 1 : 0)
          + 5_000_000L * ((st.disposition() & AV_DISPOSITION_DEFAULT) != 0 ? 1 : 0);
      if (best < 0 || score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    return best;
  }

  /**
   * The first video stream that is not an attached cover picture (OpenCV's VideoCapture also takes
   * the first video stream). -1 if none.
   */
  int firstVideoStream() {
    for (int i = 0; i < ctx.nb_streams(); i++) {
      AVStream st = ctx.streams(i);
      AVCodecParameters par = st.codecpar();
      if (par.codec_type() == AVMEDIA_TYPE_VIDEO
          && par.codec_id() != 0
          && (st.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Tells the demuxer to skip every stream but {@code keep}, so their packets are not read. */
  void discardAllBut(int keep) {
    for (int i = 0; i < ctx.nb_streams(); i++) {
      if (i != keep) {
        ctx.streams(i).discard(AVDISCARD_ALL);
      }
    }
  }

  /**
   * OpenCV-compatible frame rate of a stream: {@code av_guess_frame_rate}, 0 when unknown. This is
   * the "container-reported fps" of the Python reference (cv2.CAP_PROP_FPS).
   */
  double frameRate(int streamIndex) {
    AVRational r = av_guess_frame_rate(ctx, ctx.streams(streamIndex), null);
    try {
      return r.num() == 0 || r.den() == 0 ? 0.0 : (double) r.num() / (double) r.den();
    } finally {
      r.close();
    }
  }

  /**
   * Clockwise rotation in degrees (0, 90, 180 or 270) that the stream's display matrix asks for,
   * computed as OpenCV does: {@code -round(av_display_rotation_get)} normalised to [0, 360).
   */
  int rotationDegrees(int streamIndex) {
    AVCodecParameters par = ctx.streams(streamIndex).codecpar();
    AVPacketSideData sd = av_packet_side_data_get(
        par.coded_side_data(), par.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
    if (sd == null || sd.isNull() || sd.size() < 36) {
      return 0;
    }
    double ccw = av_display_rotation_get(new IntPointer(sd.data()));
    if (Double.isNaN(ccw)) {
      return 0;
    }
    int cw = (int) -Math.round(ccw);
    cw = ((cw % 360) + 360) % 360;
    return cw % 90 == 0 ? cw : 0;
  }

  /**
   * Reads the next packet into {@code pkt} (which the caller must unref after use). Returns false at
   * the end of input. A read error other than EAGAIN also ends the input, as in the ffmpeg CLI,
   * which treats a demuxing error as the end of that input.
   */
  boolean readPacket(AVPacket pkt) {
    while (true) {
      int ret = av_read_frame(ctx, pkt);
      if (ret >= 0) {
        return true;
      }
      if (ret == AVERROR_EAGAIN()) {
        continue;
      }
      if (ret != AVERROR_EOF) {
        lastReadError = ret;
      }
      return false;
    }
  }

  /** The demuxing error that ended the input early, or 0. */
  int lastReadError() {
    return lastReadError;
  }

  @Override
  public void close() {
    avformat_close_input(ctx);
  }
}
