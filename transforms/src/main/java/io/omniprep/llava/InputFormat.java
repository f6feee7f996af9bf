package io.omniprep.llava;

import io.omniprep.json.JsonRecordScanner.Layout;
import java.util.Locale;

/**
 * How an input file is laid out. {@code llava} and {@code sharegpt} read alike (media fields are
 * recognised by name: {@code image}/{@code images}, {@code video}/{@code videos}, ...); they differ
 * from {@code jsonl} in expecting a JSON array or concatenated objects rather than one record per
 * line. {@code auto} decides by extension ({@code .jsonl}, {@code .ndjson}) and first byte.
 */
public enum InputFormat {
  AUTO,
  LLAVA,
  SHAREGPT,
  JSONL;

  public static InputFormat parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown input format '" + name + "' (expected auto, llava, sharegpt or jsonl)", e);
    }
  }

  /** The record layout of a file given its name and first non-blank byte (-1 if empty). */
  Layout layoutFor(String fileName, int firstByte) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (this == JSONL || (this == AUTO && (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")))) {
      return Layout.LINES;
    }
    return firstByte == '[' ? Layout.ARRAY : Layout.CONCATENATED;
  }
}
