package io.omniprep.preprocess;

import io.omniprep.errors.Reason;

/** A row a {@link PreprocessFn} refuses, with the reason reported in the errors output. */
public final class PreprocessException extends Exception {
  private final Reason reason;

  public PreprocessException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** A missing column or a value of the wrong type. */
  public static PreprocessException badRow(String message) {
    return new PreprocessException(Reason.BAD_ROW, message);
  }

  public Reason reason() {
    return reason;
  }
}
