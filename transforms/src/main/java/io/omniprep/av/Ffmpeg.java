package io.omniprep.av;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;

/**
 * Loads the FFmpeg natives that this package uses.
 *
 * <p>Why not JavaCV's FFmpegFrameGrabber: its class initialiser also loads libavdevice, which links
 * against libpulse.so.0; on hosts without PulseAudio (these build machines, slim worker images) the
 * grabber cannot be loaded at all. avformat/avcodec/swscale/swresample have no such dependency.
 */
final class Ffmpeg {
  private static volatile boolean loaded;

  private Ffmpeg() {}

  static void load() {
    if (loaded) {
      return;
    }
    synchronized (Ffmpeg.class) {
      if (!loaded) {
        Loader.load(avutil.class);
        Loader.load(swresample.class);
        Loader.load(avcodec.class);
        Loader.load(avformat.class);
        Loader.load(swscale.class);
        // FFmpeg prints to the native stderr (past any Java logging), by default at INFO: per-file
        // and per-packet lines would flood worker logs. Failures surface as AvException instead.
        av_log_set_level(AV_LOG_FATAL);
        loaded = true;
      }
    }
  }

  /** FFmpeg's text for an AVERROR code. */
  static String error(int code) {
    byte[] buf = new byte[256];
    if (av_strerror(code, buf, buf.length) < 0) {
      return "error " + code;
    }
    int len = 0;
    while (len < buf.length && buf[len] != 0) {
      len++;
    }
    return new String(buf, 0, len, StandardCharsets.UTF_8) + " (" + code + ")";
  }
}
