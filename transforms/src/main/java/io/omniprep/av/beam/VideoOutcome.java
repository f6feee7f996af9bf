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
import org.apache.beam.sdk.coders.VarIntCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What became of one video: extracted now, skipped because its output was already complete, or
 * failed with a reason. {@link #relative()} is its path in the output tree, so the outputs are
 * {@code OUTPUT/}{@link #stem()}{@code .wav}, or {@code OUTPUT/<stem>/frame_*.jpg} and {@code
 * OUTPUT/<stem>.json}.
 */
public final class VideoOutcome implements Serializable {
  /** The three ends of a video. */
  public enum Status {
    EXTRACTED,
    SKIPPED,
    FAILED
  }

  static final Coder CODER = new Coder();

  private final String spec;
  private final String relative;
  private final Status status;
  private final @Nullable Reason reason;
  private final String message;

  VideoOutcome(String spec, String relative, Status status, @Nullable Reason reason, String message) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.relative = Objects.requireNonNull(relative, "relative");
    this.status = Objects.requireNonNull(status, "status");
    this.reason = reason;
    this.message = Objects.requireNonNull(message, "message");
    if ((status == Status.FAILED) != (reason != null)) {
      throw new IllegalArgumentException("a reason goes with FAILED and only with FAILED");
    }
  }

  /** The video, as a {@code FileSystems} spec. */
  public String spec() {
    return spec;
  }

  /** The video's path relative to the output folder, e.g. {@code a/b/v1.mp4}. */
  public String relative() {
    return relative;
  }

  /** {@link #relative()} without its final extension, e.g. {@code a/b/v1}. */
  public String stem() {
    return MediaPaths.withoutExtension(relative);
  }

  public Status status() {
    return status;
  }

  public boolean failed() {
    return status == Status.FAILED;
  }

  /** Why it failed; null unless {@link #failed()}. */
  public @Nullable Reason reason() {
    return reason;
  }

  /** What went wrong ({@code "no audio stream"}, {@code "cannot decode: ..."}); empty unless failed. */
  public String message() {
    return message;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof VideoOutcome)) {
      return false;
    }
    VideoOutcome v = (VideoOutcome) o;
    return spec.equals(v.spec) && relative.equals(v.relative) && status == v.status && reason == v.reason
        && message.equals(v.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(spec, relative, status, reason, message);
  }

  @Override
  public String toString() {
    return status + " " + spec + " -> " + relative + (reason != null ? " (" + reason.code() + ": " + message + ")" : "");
  }

  static final class Coder extends CustomCoder<VideoOutcome> {
    private static final StringUtf8Coder STRING = StringUtf8Coder.of();
    private static final VarIntCoder INT = VarIntCoder.of();

    @Override
    public void encode(VideoOutcome v, OutputStream out) throws IOException {
      STRING.encode(v.spec, out);
      STRING.encode(v.relative, out);
      INT.encode(v.status.ordinal(), out);
      INT.encode(v.reason == null ? -1 : v.reason.ordinal(), out);
      STRING.encode(v.message, out);
    }

    @Override
    public VideoOutcome decode(InputStream in) throws IOException {
      String spec = STRING.decode(in);
      String relative = STRING.decode(in);
      Status status = Status.values()[INT.decode(in)];
      int reason = INT.decode(in);
      return new VideoOutcome(spec, relative, status, reason < 0 ? null : Reason.values()[reason], STRING.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
