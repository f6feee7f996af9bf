package io.omniprep.cli;

/** A mistake on the command line, told in one line of our own words (exit status 2). */
final class UsageError extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  UsageError(String message) {
    super(message);
  }
}
