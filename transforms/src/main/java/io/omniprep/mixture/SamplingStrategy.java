package io.omniprep.mixture;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A LaViDa-O {@code sampling_strategy}: which rows of a dataset (after its filters) become samples.
 *
 * <ul>
 *   <li>{@code all} (the default), or any value without a colon such as {@code full}: every row;
 *   <li>{@code first:N}: the first N rows ({@code first:0} none; N beyond the length, all);
 *   <li>{@code end:N}: the last N rows. {@code end:0} keeps every row, as in the reference, whose
 *       slice {@code [-0:]} is the whole list;
 *   <li>{@code random:N}: the N rows {@code pandas.DataFrame.sample(n=N, random_state=seed)} picks
 *       (seed 42 by default), bit for bit; N beyond the length fails the run, as in the reference;
 *   <li>{@code dup:N}: every row N times in a row ({@code dup:0} none).
 * </ul>
 *
 * <p>N is a non-negative integer, or {@code P%} with P an integer, meaning {@code ceil(P * length /
 * 100)} of the dataset's length after filtering. Unlike the reference, an unknown strategy with a
 * colon, a second colon, a negative N or a non-integer N is an error rather than a silent no-op or
 * a Python slice with a negative bound.
 */
public final class SamplingStrategy implements Serializable {
  /** What the strategy does. */
  public enum Kind {
    ALL,
    FIRST,
    END,
    RANDOM,
    DUP
  }

  private static final Pattern AMOUNT = Pattern.compile("(\\d+)(%?)");

  private final Kind kind;
  private final long amount;
  private final boolean percent;

  private SamplingStrategy(Kind kind, long amount, boolean percent) {
    this.kind = kind;
    this.amount = amount;
    this.percent = percent;
  }

  public static SamplingStrategy all() {
    return new SamplingStrategy(Kind.ALL, 0, false);
  }

  /**
   * Parses a strategy as the YAML spells it.
   *
   * @throws IllegalArgumentException with a message that says what is wrong and what is allowed
   */
  public static SamplingStrategy parse(@Nullable String text) {
    if (text == null || text.indexOf(':') < 0) {
      return all();
    }
    String[] parts = text.split(":", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "sampling_strategy '"
              + text
              + "' has more than one ':'; expected all, first:N, end:N, random:N or dup:N");
    }
    Kind kind;
    switch (parts[0].trim().toLowerCase(Locale.ROOT)) {
      case "first":
        kind = Kind.FIRST;
        break;
      case "end":
        kind = Kind.END;
        break;
      case "random":
        kind = Kind.RANDOM;
        break;
      case "dup":
        kind = Kind.DUP;
        break;
      default:
        throw new IllegalArgumentException(
            "unknown sampling_strategy '"
                + parts[0]
                + "' in '"
                + text
                + "'; expected all, first:N, end:N, random:N or dup:N");
    }
    Matcher m = AMOUNT.matcher(parts[1].trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "sampling_strategy '"
              + text
              + "': N must be a non-negative integer or an integer percentage such as 10%");
    }
    long amount;
    try {
      amount = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("sampling_strategy '" + text + "': N is too large", e);
    }
    return new SamplingStrategy(kind, amount, !m.group(2).isEmpty());
  }

  public Kind kind() {
    return kind;
  }

  /** How many copies of each row {@code dup:N} asks for, whatever the dataset's length; 1 otherwise. */
  public long copiesOfEachRow() {
    return kind == Kind.DUP && !percent ? amount : 1;
  }

  /** N for a dataset of {@code length} rows: the number, or {@code ceil(P * length / 100)}. */
  public long amount(long length) {
    if (!percent) {
      return amount;
    }
    return Math.addExact(Math.multiplyExact(amount, length), 99) / 100;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof SamplingStrategy)) {
      return false;
    }
    SamplingStrategy s = (SamplingStrategy) o;
    return kind == s.kind && amount == s.amount && percent == s.percent;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, amount, percent);
  }

  @Override
  public String toString() {
    return kind == Kind.ALL
        ? "all"
        : kind.name().toLowerCase(Locale.ROOT) + ":" + amount + (percent ? "%" : "");
  }
}
