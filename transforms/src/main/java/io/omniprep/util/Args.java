package io.omniprep.util;

import java.util.Locale;

/** Argument checks for the {@code withX(...)} builders, with messages that name the value. */
public final class Args {
  private Args() {}

  /** Throws {@link IllegalArgumentException} with {@code String.format(message, args)} unless {@code ok}. */
  public static void check(boolean ok, String message, Object... args) {
    if (!ok) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, message, args));
    }
  }
}
