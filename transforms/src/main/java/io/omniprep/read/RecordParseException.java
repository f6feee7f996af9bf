package io.omniprep.read;

import io.omniprep.errors.Reason;

/** A record that cannot become a {@link io.omniprep.sample.Sample}, with the reason. */
public final class RecordParseException extends Exception {
  private final Reason reason;

  public RecordParseException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
