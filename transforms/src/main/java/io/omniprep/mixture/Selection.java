package io.omniprep.mixture;

import io.omniprep.sample.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.apache.beam.sdk.coders.CustomCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Which rows of a dataset a {@link SamplingStrategy} keeps, by their index among the filtered rows,
 * and how many copies of each: a range of indexes, or for {@code random:N} the sorted set of the N
 * picked indexes (4 bytes each). Computed once from the dataset's length; every worker then decides
 * each row on its own.
 */
public final class Selection implements Serializable {
  private final long from;
  private final long to;
  private final int @Nullable [] picked;
  private final int copies;

  private Selection(long from, long to, int @Nullable [] picked, int copies) {
    this.from = from;
    this.to = to;
    this.picked = picked;
    this.copies = copies;
  }

  /**
   * The selection {@code strategy} makes of {@code length} rows.
   *
   * @throws IllegalArgumentException for {@code random:N} with N beyond the length (the reference
   *     raises too), or {@code dup:N} with N of 2^31 or more
   */
  public static Selection of(SamplingStrategy strategy, long length, long seed) {
    long n = strategy.amount(length);
    switch (strategy.kind()) {
      case FIRST:
        return new Selection(0, Math.min(n, length), null, 1);
      case END:
        // The reference slices [-N:]; -0 is 0, so end:0 keeps everything.
        return new Selection(n == 0 ? 0 : Math.max(0, length - n), length, null, 1);
      case RANDOM:
        if (n > length) {
          throw new IllegalArgumentException(
              "sampling_strategy "
                  + strategy
                  + " asks for "
                  + n
                  + " rows but the dataset has "
                  + length
                  + " after filtering (pandas raises here too)");
        }
        int[] picked = new NumpyRandomState(seed).permutationPrefix(length, (int) n);
        Arrays.sort(picked);
        return new Selection(0, length, picked, 1);
      case DUP:
        if (n > Integer.MAX_VALUE) {
          throw new IllegalArgumentException(
              "sampling_strategy " + strategy + " asks for " + n + " copies of each row");
        }
        return new Selection(0, length, null, (int) n);
      default:
        return new Selection(0, length, null, 1);
    }
  }

  /** Whether the row with this index among the filtered rows is kept. */
  public boolean keeps(long filteredIndex) {
    if (filteredIndex < from || filteredIndex >= to || copies == 0) {
      return false;
    }
    return picked == null || Arrays.binarySearch(picked, (int) filteredIndex) >= 0;
  }

  /** Samples made of each kept row. */
  public int copies() {
    return copies;
  }

  /** How many samples the selection makes in all. */
  public long size() {
    return (picked == null ? to - from : picked.length) * (long) copies;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Selection)) {
      return false;
    }
    Selection s = (Selection) o;
    return from == s.from && to == s.to && copies == s.copies && Arrays.equals(picked, s.picked);
  }

  @Override
  public int hashCode() {
    return Objects.hash(from, to, copies, Arrays.hashCode(picked));
  }

  @Override
  public String toString() {
    return "Selection["
        + from
        + ", "
        + to
        + ")"
        + (picked == null ? "" : " " + picked.length + " picked")
        + " x"
        + copies;
  }

  /** Deterministic coder; picked indexes as ascending deltas. */
  public static final class Coder extends CustomCoder<Selection> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Selection s, OutputStream out) throws IOException {
      Wire.writeLong(s.from, out);
      Wire.writeLong(s.to, out);
      Wire.writeInt(s.copies, out);
      Wire.writeBoolean(s.picked != null, out);
      if (s.picked != null) {
        Wire.writeInt(s.picked.length, out);
        int previous = 0;
        for (int index : s.picked) {
          Wire.writeInt(index - previous, out);
          previous = index;
        }
      }
    }

    @Override
    public Selection decode(InputStream in) throws IOException {
      long from = Wire.readLong(in);
      long to = Wire.readLong(in);
      int copies = Wire.readInt(in);
      int[] picked = null;
      if (Wire.readBoolean(in)) {
        picked = new int[Wire.readInt(in)];
        int previous = 0;
        for (int i = 0; i < picked.length; i++) {
          previous += Wire.readInt(in);
          picked[i] = previous;
        }
      }
      return new Selection(from, to, picked, copies);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
