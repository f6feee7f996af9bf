package io.omniprep.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** "Did you mean": the known names closest to a misspelled one, by edit distance. */
final class Suggestions {
  private static final int MAX = 3;

  private Suggestions() {}

  /**
   * The candidates nearest to {@code word} (at most three, in the order given among equals), or
   * none when even the nearest differs too much to be a slip of the fingers: one edit for short
   * words, up to three for long ones. Case is ignored; swapping two neighbouring letters is one edit.
   */
  static List<String> closest(String word, Collection<String> candidates) {
    String w = word.toLowerCase(Locale.ROOT);
    int allowed = Math.max(1, Math.min(3, w.length() / 3));
    List<String> best = new ArrayList<>();
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(w, candidate.toLowerCase(Locale.ROOT));
      if (d > allowed || d > bestDistance) {
        continue;
      }
      if (d < bestDistance) {
        best.clear();
        bestDistance = d;
      }
      if (!best.contains(candidate)) {
        best.add(candidate);
      }
    }
    return best.size() > MAX ? best.subList(0, MAX) : best;
  }

  /** {@code "; did you mean --output?"} (names prefixed as given), or "" when nothing is close. */
  static String didYouMean(String word, Collection<String> candidates, String prefix) {
    List<String> near = closest(word, candidates);
    if (near.isEmpty()) {
      return "";
    }
    List<String> shown = near.stream().map(n -> prefix + n).toList();
    return "; did you mean " + orList(shown) + "?";
  }

  /** {@code a}, {@code a or b}, {@code a, b or c}. */
  static String orList(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
