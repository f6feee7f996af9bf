package io.omniprep.av;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.presets.avutil.AVERROR_EAGAIN;

import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Decodes the packets of one stream. Bad packets are skipped and counted, as the ffmpeg CLI does;
 * the caller decides whether a stream that produced nothing is an error.
 */
final class StreamDecoder implements AutoCloseable {
  /** Receives each decoded frame; the frame is only valid during the call. */
  @FunctionalInterface
  interface FrameSink {
    void accept(AVFrame frame) throws IOException;
  }

  private final AVCodecContext codec;
  private final AVFrame frame;
  private int errors;
  private int firstError;

  /**
   * @param threads decoder threads, 0 = FFmpeg's automatic choice
   * @param skipLoopFilter skip the in-loop deblocking filter: frames decode faster and look worse,
   *     but the number of frames is unchanged, which is all a counting pass needs
   */
  StreamDecoder(AVStream stream, int threads, boolean skipLoopFilter) throws AvException {
    AVCodec decoder = avcodec_find_decoder(stream.codecpar().codec_id());
    if (decoder == null || decoder.isNull()) {
      throw AvException.cannotDecode(
          "no decoder for codec " + avcodec_get_name(stream.codecpar().codec_id()).getString());
    }
    codec = avcodec_alloc_context3(decoder);
    if (codec == null || codec.isNull()) {
      throw AvException.cannotDecode("cannot allocate decoder");
    }
    int ret = avcodec_parameters_to_context(codec, stream.codecpar());
    if (ret >= 0) {
      // Timestamps on decoded frames (best_effort_timestamp) are in the stream's time base.
      codec.pkt_timebase(stream.time_base());
      codec.thread_count(threads);
      if (skipLoopFilter) {
        codec.skip_loop_filter(org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL);
      }
      ret = avcodec_open2(codec, decoder, (AVDictionary) null);
    }
    if (ret < 0) {
      avcodec_free_context(codec);
      throw AvException.cannotDecode("cannot open decoder: " + Ffmpeg.error(ret));
    }
    frame = av_frame_alloc();
  }

  /**
   * Sends one packet (or {@code null} to drain the decoder at end of stream) and passes every frame
   * that becomes available to {@code sink}.
   */
  void decode(AVPacket packet, FrameSink sink) throws IOException {
    int ret = avcodec_send_packet(codec, packet);
    if (ret < 0 && ret != AVERROR_EAGAIN() && ret != AVERROR_EOF) {
      noteError(ret);
      return;
    }
    while (true) {
      ret = avcodec_receive_frame(codec, frame);
      if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
        return;
      }
      if (ret < 0) {
        noteError(ret);
        return;
      }
      try {
        sink.accept(frame);
      } finally {
        av_frame_unref(frame);
      }
    }
  }

  private void noteError(int ret) {
    if (errors++ == 0) {
      firstError = ret;
    }
  }

  /** Forgets the frames in flight, as after a seek. */
  void flush() {
    avcodec_flush_buffers(codec);
  }

  /** Number of packets or frames the decoder rejected. */
  int errors() {
    return errors;
  }

  /** Text of the first decoding error, for messages. */
  String firstErrorText() {
    return errors == 0 ? "no error" : Ffmpeg.error(firstError);
  }

  @Override
  public void close() {
    av_frame_free(frame);
    avcodec_free_context(codec);
  }
}
