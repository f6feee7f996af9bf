package io.omniprep.av.beam;

import io.omniprep.errors.Reason;
import io.omniprep.media.MediaPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * One video to extract: where it is (a {@code FileSystems} spec) and its path in the mirrored
 * output tree (e.g. {@code a/b/v1.mp4}, relative to the output folder).
 */
final class VideoJob implements Serializable {
  static final Coder CODER = new Coder();

  private final String spec;
  private final String relative;

  VideoJob(String spec, String relative) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.relative = Objects.requireNonNull(relative, "relative");
  }

  String spec() {
    return spec;
  }

  String relative() {
    return relative;
  }

  /** The output path without the video's final extension: {@code a/b/v1}. */
  String stem() {
    return MediaPaths.withoutExtension(relative);
  }

  VideoOutcome extracted() {
    return new VideoOutcome(spec, relative, VideoOutcome.Status.EXTRACTED, null, "");
  }

  VideoOutcome skipped() {
    return new VideoOutcome(spec, relative, VideoOutcome.Status.SKIPPED, null, "");
  }

  VideoOutcome failed(Reason reason, String message) {
    return new VideoOutcome(spec, relative, VideoOutcome.Status.FAILED, reason, message);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VideoJob && spec.equals(((VideoJob) o).spec) && relative.equals(((VideoJob) o).relative);
  }

  @Override
  public int hashCode() {
    return Objects.hash(spec, relative);
  }

  @Override
  public String toString() {
    return spec + " -> " + relative;
  }

  static final class Coder extends CustomCoder<VideoJob> {
    private static final StringUtf8Coder STRING = StringUtf8Coder.of();

    @Override
    public void encode(VideoJob job, OutputStream out) throws IOException {
      STRING.encode(job.spec, out);
      STRING.encode(job.relative, out);
    }

    @Override
    public VideoJob decode(InputStream in) throws IOException {
      return new VideoJob(STRING.decode(in), STRING.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
