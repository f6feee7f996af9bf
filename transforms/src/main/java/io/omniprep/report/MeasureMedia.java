package io.omniprep.report;

import io.omniprep.media.ImageHeaders;
import io.omniprep.av.AvException;
import io.omniprep.av.FrameExtractor;
import io.omniprep.av.VideoInfo;
import io.omniprep.media.LocalMedia;
import io.omniprep.media.MediaResolver;
import io.omniprep.media.ImageFacts;
import io.omniprep.report.SampleProfile.VideoFacts;
import io.omniprep.sample.ByteRange;
import io.omniprep.sample.ResolvedMedia;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * Measures media cheaply: an image from its first bytes ({@link ImageHeaders}), a video file from
 * its container (FFmpeg's probe, no decoding; a remote file, or a range inside a patch file, is
 * copied to a local temporary file first and deleted after), a list of frames from its length and
 * the frame rate of its sidecar. Media that cannot be measured are reported as unreadable; an I/O
 * failure reading them is an error (the bundle is retried), not a measurement.
 */
public final class MeasureMedia implements Serializable {
  /** Where a video's bytes come from when they are not a local file. */
  @FunctionalInterface
  public interface Bytes {
    InputStream open() throws IOException;
  }

  private final FrameExtractor extractor = new FrameExtractor().withDecoderThreads(1);

  ImageFacts image(ByteRange range) throws IOException {
    try (InputStream in = new BufferedInputStream(MediaResolver.open(range), 8192)) {
      return ImageHeaders.read(in);
    }
  }

  VideoFacts video(ResolvedMedia video) throws IOException {
    if (video.isFrames()) {
      return VideoFacts.ofFrames(video.parts().size(), video.fps() == null ? Double.NaN : Double.parseDouble(video.fps()));
    }
    try (LocalMedia local = LocalMedia.of(video.parts().get(0))) {
      return probe(local.path());
    }
  }

  /** Probes a video given as a stream (a tar member) through a temporary local copy. */
  public VideoFacts probeCopy(Bytes bytes, String extension) throws IOException {
    try (LocalMedia local = LocalMedia.copyOf(bytes.open(), extension)) {
      return probe(local.path());
    }
  }

  private VideoFacts probe(Path file) throws IOException {
    VideoInfo info;
    try {
      info = extractor.probe(file);
    } catch (AvException e) {
      return VideoFacts.unreadable();
    }
    return new VideoFacts(
        false,
        true,
        info.durationMicros() > 0 ? info.durationMicros() : -1,
        info.fps() > 0 ? Metric.VIDEO_FPS.fixed(info.fps()) : -1,
        info.containerFrameCount() > 0 ? info.containerFrameCount() : -1);
  }
}
