package io.omniprep.llava;

import java.util.Locale;

/** How a sample is written back as a JSON record. */
public enum RecordStyle {
  /** The shape it was read in: field names, scalar-or-list media, turn keys. */
  AS_READ,
  /**
   * LLaVA: singular media fields ({@code image}, {@code video}, ...) holding one path, or a list
   * when there are several; turns as {@code from}/{@code value} with human/gpt.
   */
  LLAVA,
  /**
   * ShareGPT as Pai's converter reads it: list fields {@code images}, {@code videos}, {@code
   * audios} (even for one medium; the reference converter skips plain dict records), turns as
   * {@code from}/{@code value} with human/gpt.
   */
  SHAREGPT;

  public static RecordStyle parse(String name) {
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "llava":
        return LLAVA;
      case "sharegpt":
        return SHAREGPT;
      default:
        throw new IllegalArgumentException("unknown output format '" + name + "' (expected llava or sharegpt)");
    }
  }
}
