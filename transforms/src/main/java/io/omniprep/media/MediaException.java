package io.omniprep.media;

import io.omniprep.errors.Reason;

/** A medium that cannot be used, with the reason code for the errors output. */
public final class MediaException extends Exception {
  private final Reason reason;

  public MediaException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public MediaException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
