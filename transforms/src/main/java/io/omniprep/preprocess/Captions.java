package io.omniprep.preprocess;

import java.util.regex.Pattern;

/**
 * Caption edits of the LaViDa-O text-to-image functions, with Python's string semantics (lengths
 * and cuts count code points, {@code strip()} removes Unicode whitespace).
 */
public final class Captions {
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?]) +");

  private Captions() {}

  /** {@code len(text)} in Python. */
  public static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  /** {@code text[:max]} in Python. */
  public static String cut(String text, int max) {
    if (length(text) <= max) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, max));
  }

  /**
   * The first k sentences, k uniform in [1, number of sentences]: the text is stripped, split after
   * {@code .}, {@code !} or {@code ?} followed by one or more spaces (only spaces), and the kept
   * sentences are joined by single spaces.
   */
  public static String firstSentences(String text, DeterministicRandom random) {
    String[] sentences = strip(text).split("(?<=[.!?]) +", -1);
    int k = random.nextIntBetween(1, sentences.length);
    return String.join(" ", java.util.Arrays.asList(sentences).subList(0, k));
  }

  /** Python's {@code str.strip()}. */
  public static String strip(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isPythonSpace(text.codePointAt(start))) {
      start += Character.charCount(text.codePointAt(start));
    }
    while (end > start && isPythonSpace(text.codePointBefore(end))) {
      end -= Character.charCount(text.codePointBefore(end));
    }
    return text.substring(start, end);
  }

  private static boolean isPythonSpace(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
  }
}
