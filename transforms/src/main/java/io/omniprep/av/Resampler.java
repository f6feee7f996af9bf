package io.omniprep.av;

import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_compare;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Converts decoded audio frames to interleaved signed 16-bit PCM at a fixed rate and channel count
 * with libswresample's default options, which is what {@code ffmpeg -ac N -ar R} uses.
 *
 * <p>Why not let JavaCV resample: its grabber converts frame by frame and never drains the
 * resampler (JavaCV 1.5.14 source), so the filter delay's worth of samples at the end is lost;
 * ffmpeg drains them, and so does {@link #flush} here.
 */
final class Resampler implements AutoCloseable {
  /** Receives converted PCM; the buffer is only valid during the call. */
  @FunctionalInterface
  interface PcmSink {
    void write(ByteBuffer pcm) throws IOException;
  }

  private final int outRate;
  private final int outChannels;
  private final AVChannelLayout outLayout = new AVChannelLayout();
  private final AVChannelLayout inLayout = new AVChannelLayout();
  private final AVChannelLayout defaultIn = new AVChannelLayout();
  private final PointerPointer<BytePointer> outPlanes = new PointerPointer<>(1);
  private SwrContext swr;
  private int inFormat = -1;
  private int inRate = -1;
  private BytePointer buffer;

  Resampler(int outRate, int outChannels) {
    this.outRate = outRate;
    this.outChannels = outChannels;
    av_channel_layout_default(outLayout, outChannels);
  }

  /** WAVE_FORMAT_EXTENSIBLE speaker mask of the output layout (FFmpeg's default for the count). */
  long outChannelMask() {
    return outLayout.u_mask();
  }

  void convert(AVFrame frame, PcmSink sink) throws IOException {
    if (swr == null || formatChanged(frame)) {
      // A mid-stream format change (rare) restarts the resampler, as ffmpeg reconfigures its graph.
      flush(sink);
      configure(frame);
    }
    int capacity = swr_get_out_samples(swr, frame.nb_samples());
    if (capacity < 0) {
      throw AvException.cannotDecode("resampling failed: " + Ffmpeg.error(capacity));
    }
    int got = swr_convert(swr, planes(capacity), capacity, frame.extended_data(), frame.nb_samples());
    if (got < 0) {
      throw AvException.cannotDecode("resampling failed: " + Ffmpeg.error(got));
    }
    emit(got, sink);
  }

  /** Drains the samples still held in the resampler's filter. */
  void flush(PcmSink sink) throws IOException {
    if (swr == null) {
      return;
    }
    while (true) {
      int capacity = Math.max(swr_get_out_samples(swr, 0), 1);
      int got = swr_convert(swr, planes(capacity), capacity, (PointerPointer<?>) null, 0);
      if (got < 0) {
        throw AvException.cannotDecode("resampling failed: " + Ffmpeg.error(got));
      }
      if (got == 0) {
        return;
      }
      emit(got, sink);
    }
  }

  private boolean formatChanged(AVFrame frame) {
    return frame.format() != inFormat
        || frame.sample_rate() != inRate
        || av_channel_layout_compare(effectiveLayout(frame), inLayout) != 0;
  }

  private void configure(AVFrame frame) throws AvException {
    freeContext();
    av_channel_layout_uninit(inLayout);
    av_channel_layout_copy(inLayout, effectiveLayout(frame));
    inFormat = frame.format();
    inRate = frame.sample_rate();
    SwrContext ctx = new SwrContext(null);
    int ret = swr_alloc_set_opts2(ctx, outLayout, AV_SAMPLE_FMT_S16, outRate,
        inLayout, inFormat, inRate, 0, null);
    if (ret >= 0) {
      ret = swr_init(ctx);
    }
    if (ret < 0) {
      swr_free(ctx);
      throw AvException.cannotDecode("cannot set up resampler: " + Ffmpeg.error(ret));
    }
    swr = ctx;
  }

  /** Unordered layouts (e.g. some WAV inputs) get FFmpeg's default layout for their count. */
  private AVChannelLayout effectiveLayout(AVFrame frame) {
    AVChannelLayout l = frame.ch_layout();
    if (l.order() != AV_CHANNEL_ORDER_UNSPEC) {
      return l;
    }
    av_channel_layout_uninit(defaultIn);
    av_channel_layout_default(defaultIn, l.nb_channels());
    return defaultIn;
  }

  private PointerPointer<BytePointer> planes(int capacitySamples) {
    long bytes = (long) capacitySamples * outChannels * 2;
    if (buffer == null || buffer.capacity() < bytes) {
      if (buffer != null) {
        buffer.close();
      }
      buffer = new BytePointer(Math.max(bytes, 8192));
    }
    outPlanes.put(0, buffer);
    return outPlanes;
  }

  private void emit(int samples, PcmSink sink) throws IOException {
    if (samples == 0) {
      return;
    }
    int bytes = samples * outChannels * 2;
    ByteBuffer pcm = buffer.position(0).limit(bytes).asByteBuffer();
    if (ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN) {
      // AV_SAMPLE_FMT_S16 is native-endian; WAV wants little-endian.
      for (int i = 0; i < bytes; i += 2) {
        byte t = pcm.get(i);
        pcm.put(i, pcm.get(i + 1));
        pcm.put(i + 1, t);
      }
    }
    buffer.limit(buffer.capacity());
    sink.write(pcm);
  }

  private void freeContext() {
    if (swr != null) {
      swr_free(swr);
      swr = null;
    }
  }

  @Override
  public void close() {
    freeContext();
    av_channel_layout_uninit(inLayout);
    av_channel_layout_uninit(defaultIn);
    av_channel_layout_uninit(outLayout);
    inLayout.close();
    defaultIn.close();
    outLayout.close();
    outPlanes.close();
    if (buffer != null) {
      buffer.close();
    }
  }
}
