package io.omniprep.preprocess;

/** A {@code preprocess_fn} name that no registered function or class answers to. */
public final class UnknownPreprocessFnException extends IllegalArgumentException {
  public UnknownPreprocessFnException(String message, Throwable cause) {
    super(message, cause);
  }

  public UnknownPreprocessFnException(String message) {
    super(message);
  }
}
