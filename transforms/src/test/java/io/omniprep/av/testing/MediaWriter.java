package io.omniprep.av.testing;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_new;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.presets.avutil.AVERROR_EAGAIN;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerPointer;

/** Encodes and muxes one video (+ optional audio) stream for {@link TestVideos}. */
final class MediaWriter implements AutoCloseable {
  private final AVFormatContext oc = new AVFormatContext(null);
  private final AVPacket pkt;
  private final boolean timedPackets;
  private AVCodecContext video;
  private AVStream videoStream;
  private AVFrame yuv;
  private SwsContext sws;
  private BytePointer bgr;
  private AVCodecContext audio;
  private AVStream audioStream;
  private AVFrame pcm;

  MediaWriter(Path file, TestVideos.Spec spec) throws IOException {
    this(file, spec, false);
  }

  /** {@code faststart}: the MP4 index (moov) before the media data, as web videos have it. */
  MediaWriter(Path file, TestVideos.Spec spec, boolean faststart) throws IOException {
    Loader.load(avutil.class);
    Loader.load(avcodec.class);
    Loader.load(avformat.class);
    Loader.load(swscale.class);
    avutil.av_log_set_level(avutil.AV_LOG_FATAL);
    check(avformat_alloc_output_context2(oc, null, null, file.toString()), "output context");
    pkt = av_packet_alloc();
    timedPackets = spec.timedPackets;
    try {
      openVideo(spec);
      if (spec.audio) {
        openAudio(spec);
      }
      if ((oc.oformat().flags() & AVFMT_NOFILE) == 0) {
        AVIOContext pb = new AVIOContext(null);
        check(avio_open(pb, file.toString(), AVIO_FLAG_WRITE), "open " + file);
        oc.pb(pb);
      }
      AVDictionary options = new AVDictionary(null);
      if (faststart) {
        avutil.av_dict_set(options, "movflags", "+faststart", 0);
      }
      check(avformat_write_header(oc, options), "write header");
      avutil.av_dict_free(options);
    } catch (IOException | RuntimeException e) {
      release();
      throw e;
    }
  }

  private void openVideo(TestVideos.Spec spec) throws IOException {
    boolean h264 = spec.codec == TestVideos.Codec.H264;
    AVCodec enc = avcodec_find_encoder_by_name(h264 ? "libopenh264" : "mpeg4");
    if (enc == null || enc.isNull()) {
      throw new IOException("encoder not available: " + (h264 ? "libopenh264" : "mpeg4"));
    }
    video = avcodec_alloc_context3(enc);
    video.codec_type(AVMEDIA_TYPE_VIDEO);
    video.width(spec.width).height(spec.height).pix_fmt(AV_PIX_FMT_YUV420P);
    video.time_base(rational(spec.fpsDen, spec.fpsNum));
    video.framerate(rational(spec.fpsNum, spec.fpsDen));
    video.gop_size(12);
    video.max_b_frames(h264 ? 0 : 2);
    // Tiny frames at a generous rate: close to lossless, so patterns and colours survive.
    video.bit_rate(2_000_000);
    if ((oc.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
      video.flags(video.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    }
    check(avcodec_open2(video, enc, (AVDictionary) null), "open video encoder");
    videoStream = avformat_new_stream(oc, null);
    videoStream.time_base(video.time_base());
    AVCodecParameters par = videoStream.codecpar();
    check(avcodec_parameters_from_context(par, video), "video parameters");
    if (spec.rotation != 0) {
      AVPacketSideData sd = par.coded_side_data();
      int[] nb = {par.nb_coded_side_data()};
      AVPacketSideData added = av_packet_side_data_new(sd, nb, AV_PKT_DATA_DISPLAYMATRIX, 36, 0);
      par.coded_side_data(sd).nb_coded_side_data(nb[0]);
      // av_display_rotation_set takes the clockwise angle; av_display_rotation_get reads it back
      // negated (counter-clockwise), which is how phones' "rotate=90" files look to ffprobe.
      av_display_rotation_set(new IntPointer(added.data()), spec.rotation);
    }
    yuv = av_frame_alloc();
    yuv.format(AV_PIX_FMT_YUV420P).width(spec.width).height(spec.height);
    check(av_frame_get_buffer(yuv, 0), "video frame");
    sws = sws_getCachedContext(null, spec.width, spec.height, AV_PIX_FMT_BGR24,
        spec.width, spec.height, AV_PIX_FMT_YUV420P, SWS_BICUBIC, null, null, (DoublePointer) null);
    bgr = new BytePointer((long) spec.width * spec.height * 3);
  }

  private void openAudio(TestVideos.Spec spec) throws IOException {
    AVCodec enc = avcodec_find_encoder_by_name("aac");
    audio = avcodec_alloc_context3(enc);
    audio.codec_type(AVMEDIA_TYPE_AUDIO);
    audio.sample_fmt(AV_SAMPLE_FMT_FLTP).sample_rate(spec.sampleRate).bit_rate(128_000);
    av_channel_layout_default(audio.ch_layout(), spec.audioChannels);
    audio.time_base(rational(1, spec.sampleRate));
    if ((oc.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
      audio.flags(audio.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    }
    check(avcodec_open2(audio, enc, (AVDictionary) null), "open audio encoder");
    audioStream = avformat_new_stream(oc, null);
    audioStream.time_base(audio.time_base());
    check(avcodec_parameters_from_context(audioStream.codecpar(), audio), "audio parameters");
    pcm = av_frame_alloc();
    pcm.format(AV_SAMPLE_FMT_FLTP).sample_rate(spec.sampleRate).nb_samples(audio.frame_size());
    check(av_channel_layout_copy(pcm.ch_layout(), audio.ch_layout()), "layout");
    check(av_frame_get_buffer(pcm, 0), "audio frame");
  }

  /** Samples per call of {@link #writeAudio} the encoder wants (1024 for AAC). */
  int audioFrameSize() {
    return audio.frame_size();
  }

  /** Encodes a BGR image as the frame with presentation time {@code pts / fps}. */
  void writeVideo(BufferedImage img, long pts) throws IOException {
    byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    bgr.position(0).put(px, 0, px.length);
    check(av_frame_make_writable(yuv), "writable frame");
    // sws_scale reads four plane pointers and strides even for packed formats.
    try (PointerPointer<BytePointer> src = new PointerPointer<>(bgr, null, null, null);
        IntPointer srcStride = new IntPointer(new int[] {img.getWidth() * 3, 0, 0, 0})) {
      sws_scale(sws, src, srcStride, 0, img.getHeight(), yuv.data(), yuv.linesize());
    }
    yuv.pts(pts);
    encode(video, videoStream, yuv);
  }

  /** Encodes {@code n} samples per channel starting at sample {@code pts}. */
  void writeAudio(float[][] planes, int n, long pts) throws IOException {
    check(av_frame_make_writable(pcm), "writable frame");
    pcm.nb_samples(n);
    for (int c = 0; c < planes.length; c++) {
      new FloatPointer(pcm.data(c)).put(planes[c], 0, n);
    }
    pcm.pts(pts);
    encode(audio, audioStream, pcm);
  }

  private void encode(AVCodecContext ctx, AVStream st, AVFrame frame) throws IOException {
    check(avcodec_send_frame(ctx, frame), "send frame");
    while (true) {
      int ret = avcodec_receive_packet(ctx, pkt);
      if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
        return;
      }
      check(ret, "encode");
      if (ctx == video && pkt.duration() == 0 && timedPackets) {
        pkt.duration(1); // one frame in the encoder's 1/fps time base
      }
      av_packet_rescale_ts(pkt, ctx.time_base(), st.time_base());
      pkt.stream_index(st.index());
      check(av_interleaved_write_frame(oc, pkt), "write packet");
    }
  }

  @Override
  public void close() throws IOException {
    try {
      encode(video, videoStream, null);
      if (audio != null) {
        encode(audio, audioStream, null);
      }
      check(av_write_trailer(oc), "write trailer");
    } finally {
      release();
    }
  }

  private void release() {
    if (oc.pb() != null && !oc.pb().isNull()) {
      avio_closep(oc.pb());
    }
    avformat_free_context(oc);
    av_packet_free(pkt);
    if (video != null) {
      avcodec_free_context(video);
    }
    if (audio != null) {
      avcodec_free_context(audio);
    }
    if (yuv != null) {
      av_frame_free(yuv);
    }
    if (pcm != null) {
      av_frame_free(pcm);
    }
    if (sws != null) {
      sws_freeContext(sws);
    }
    if (bgr != null) {
      bgr.close();
    }
  }

  private static AVRational rational(int num, int den) {
    return new AVRational().num(num).den(den);
  }

  private static void check(int ret, String what) throws IOException {
    if (ret < 0) {
      byte[] buf = new byte[256];
      avutil.av_strerror(ret, buf, buf.length);
      int len = 0;
      while (len < buf.length && buf[len] != 0) {
        len++;
      }
      throw new IOException(what + " failed: " + new String(buf, 0, len) + " (" + ret + ")");
    }
  }
}
