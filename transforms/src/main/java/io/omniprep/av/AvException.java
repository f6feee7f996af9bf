package io.omniprep.av;

import java.io.IOException;

/**
 * A media file could not be turned into audio or frames. The {@link #reason()} tells a caller (for
 * example a Beam dead-letter output) what kind of failure it was without parsing the message.
 */
public final class AvException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why the media could not be processed. */
  public enum Reason {
    /** The container opened but holds no audio stream. Message: {@code "no audio stream"}. */
    NO_AUDIO_STREAM,
    /** The container opened but holds no video stream. Message: {@code "no video stream"}. */
    NO_VIDEO_STREAM,
    /** Open, demux or decode failed. Message: {@code "cannot decode: <detail>"}. */
    CANNOT_DECODE
  }

  private final Reason reason;

  private AvException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** The kind of failure. */
  public Reason reason() {
    return reason;
  }

  static AvException noAudioStream() {
    return new AvException(Reason.NO_AUDIO_STREAM, "no audio stream");
  }

  static AvException noVideoStream() {
    return new AvException(Reason.NO_VIDEO_STREAM, "no video stream");
  }

  static AvException cannotDecode(String detail) {
    return new AvException(Reason.CANNOT_DECODE, "cannot decode: " + detail);
  }
}
