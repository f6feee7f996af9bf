package io.omniprep.av;

import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The facts Megatron-Energon 7's {@code AVDecoder.get_metadata(get_audio_num_samples=True)} reads
 * from a video or audio file (what its {@code prepare --media-metadata-*} stores), computed the way
 * it computes them, step for step, so the values are the same; a null field is one it leaves unset.
 *
 * <p>Video (the container's first video stream): the duration is the stream's duration less its
 * start time, in seconds; a stream without one is demuxed to its last timed packet's end. The
 * frame count is the number of its demuxed packets that carry a timestamp (packets are read, not
 * decoded), the frame rate the stream's average rate (else frames / duration), the size the
 * codec's (Energon decodes the first frame for it: the same size for every codec FFmpeg decodes).
 * Audio (the first audio stream): sample rate and channels from the codec parameters; the stream
 * is decoded once to count its samples, and the duration is the end of its last timed frame
 * (else the stream's duration, else the last timed packet's end), less the start time.
 *
 * <p>Cost: one pass over a video's packets without decoding, and one decode of the audio stream.
 */
public record AvMetadata(
    @Nullable Double videoDuration,
    @Nullable Long videoFrames,
    @Nullable Double videoFps,
    @Nullable Integer videoWidth,
    @Nullable Integer videoHeight,
    @Nullable Double audioDuration,
    @Nullable Integer audioChannels,
    @Nullable Integer audioSampleRate,
    @Nullable Long audioSamples) {

  /**
   * Probes {@code file}.
   *
   * @throws AvException where Energon's decoder raises (a file FFmpeg cannot open, an audio packet
   *     the decoder rejects, a video whose frame rate is unknown and duration zero): Energon then
   *     stores no metadata
   */
  public static AvMetadata probe(Path file) throws IOException {
    try (MediaInput in = MediaInput.open(file)) {
      AVFormatContext ctx = in.context();
      int video = first(ctx, AVMEDIA_TYPE_VIDEO);
      int audio = first(ctx, AVMEDIA_TYPE_AUDIO);
      Double videoDuration = null;
      Long frames = null;
      Double fps = null;
      Integer width = null;
      Integer height = null;
      if (video >= 0) {
        AVStream st = ctx.streams(video);
        Long duration = orNull(st.duration());
        if (duration == null) {
          long[] end = new long[1];
          frames = timedPackets(in, video, end);
          duration = end[0] == AV_NOPTS_VALUE ? null : end[0];
        }
        videoDuration = seconds(duration, st);
        if (frames == null) {
          frames = timedPackets(in, video, new long[1]);
        }
        AVRational rate = st.avg_frame_rate();
        if (rate.num() != 0 && rate.den() != 0) {
          fps = (double) rate.num() / rate.den();
        } else if (videoDuration != null) {
          if (videoDuration == 0) {
            throw AvException.cannotDecode("no frame rate and a zero duration");
          }
          fps = frames / videoDuration;
        }
        width = st.codecpar().width();
        height = st.codecpar().height();
      }
      Double audioDuration = null;
      Integer channels = null;
      Integer sampleRate = null;
      Long samples = null;
      if (audio >= 0) {
        AVStream st = ctx.streams(audio);
        sampleRate = st.codecpar().sample_rate();
        long[] last = {AV_NOPTS_VALUE, AV_NOPTS_VALUE};
        samples = decodedSamples(in, audio, last);
        Long duration = orNull(st.duration());
        if (last[0] != AV_NOPTS_VALUE && last[1] != AV_NOPTS_VALUE) {
          duration = last[0] + last[1];
        }
        if (duration == null) {
          long[] end = new long[1];
          seekToStart(ctx);
          timedPackets(in, audio, end);
          duration = end[0] == AV_NOPTS_VALUE ? null : end[0];
        }
        audioDuration = seconds(duration, st);
        channels = st.codecpar().ch_layout().nb_channels();
      }
      return new AvMetadata(videoDuration, frames, fps, width, height, audioDuration, channels, sampleRate, samples);
    }
  }

  /** The first stream of {@code type} (attached pictures included, as in PyAV's stream lists), or -1. */
  private static int first(AVFormatContext ctx, int type) {
    for (int i = 0; i < ctx.nb_streams(); i++) {
      if (ctx.streams(i).codecpar().codec_type() == type) {
        return i;
      }
    }
    return -1;
  }

  private static @Nullable Long orNull(long timestamp) {
    return timestamp == AV_NOPTS_VALUE ? null : timestamp;
  }

  /** {@code (duration - start_time) * float(time_base)}, as Python computes it (int, then float). */
  private static @Nullable Double seconds(@Nullable Long duration, AVStream st) {
    if (duration == null) {
      return null;
    }
    long d = duration;
    if (st.start_time() != AV_NOPTS_VALUE) {
      d -= st.start_time();
    }
    AVRational tb = st.time_base();
    return (double) d * ((double) tb.num() / tb.den());
  }

  /**
   * Reads the rest of the input and counts {@code stream}'s packets that carry a timestamp; {@code
   * end[0]} is the last such packet's pts + duration (AV_NOPTS_VALUE if none or its duration is
   * unknown).
   */
  private static long timedPackets(MediaInput in, int stream, long[] end) {
    long count = 0;
    end[0] = AV_NOPTS_VALUE;
    AVPacket pkt = avcodec.av_packet_alloc();
    try {
      while (in.readPacket(pkt)) {
        if (pkt.stream_index() == stream && pkt.pts() != AV_NOPTS_VALUE) {
          count++;
          end[0] = pkt.duration() == AV_NOPTS_VALUE ? AV_NOPTS_VALUE : pkt.pts() + pkt.duration();
        }
        avcodec.av_packet_unref(pkt);
      }
    } finally {
      avcodec.av_packet_free(pkt);
    }
    return count;
  }

  /**
   * From the start, decodes {@code stream} to its end: the number of samples decoded, and in {@code
   * last} the pts and duration of the last frame that has a pts.
   */
  private static long decodedSamples(MediaInput in, int stream, long[] last) throws IOException {
    seekToStart(in.context());
    long[] samples = {0};
    StreamDecoder.FrameSink sink = frame -> {
      if (frame.pts() != AV_NOPTS_VALUE) {
        last[0] = frame.pts();
        last[1] = frame.duration();
      }
      samples[0] += frame.nb_samples();
    };
    AVPacket pkt = avcodec.av_packet_alloc();
    try (StreamDecoder decoder = new StreamDecoder(in.stream(stream), 1, false)) {
      while (in.readPacket(pkt)) {
        try {
          if (pkt.stream_index() == stream) {
            decoder.decode(pkt, sink);
          }
        } finally {
          avcodec.av_packet_unref(pkt);
        }
      }
      decoder.decode(null, sink);
      if (decoder.errors() > 0) {
        throw AvException.cannotDecode("audio: " + decoder.firstErrorText());
      }
    } finally {
      avcodec.av_packet_free(pkt);
    }
    return samples[0];
  }

  /** PyAV's {@code container.seek(0)}: the earliest keyframe at or before 0, any stream. */
  private static void seekToStart(AVFormatContext ctx) throws AvException {
    int ret = av_seek_frame(ctx, -1, 0, AVSEEK_FLAG_BACKWARD);
    if (ret < 0) {
      throw AvException.cannotDecode("cannot seek to the start: " + Ffmpeg.error(ret));
    }
  }
}
