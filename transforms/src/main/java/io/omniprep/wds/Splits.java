package io.omniprep.wds;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * Train, val and test weights ({@code --split=9,1,0}) and how they are applied.
 *
 * <p>In {@link Mode#SAMPLE} mode samples are dealt out by their rank in record order: the weights
 * are read as whole numbers (decimals are scaled, {@code 0.8,0.1,0.1} is {@code 8,1,1}), and of
 * every {@code sum} consecutive samples {@code train} go to train, {@code val} to val, the rest to
 * test, each weighted split served once at the start of the cycle ({@link #locate}). Sample 0
 * always goes to train when train has weight, and every split is spread over the whole input. In {@link
 * Mode#SHARD} mode shards are split as {@code energon prepare} splits them.
 */
public final class Splits implements Serializable {
  public static final List<String> NAMES = List.of("train", "val", "test");

  /** How samples reach splits. */
  public enum Mode {
    SAMPLE,
    SHARD;

    public static Mode parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown split mode '" + name + "' (expected sample or shard)", e);
      }
    }
  }

  private final long[] weights;
  private final double[] ratios;
  private final Mode mode;

  private Splits(long[] weights, double[] ratios, Mode mode) {
    this.weights = weights;
    this.ratios = ratios;
    this.mode = mode;
  }

  /** Parses {@code "9,1,0"} (exactly three non-negative numbers, not all zero). */
  public static Splits parse(String spec, Mode mode) {
    String[] parts = spec.split(",");
    if (parts.length != 3) {
      throw new IllegalArgumentException("--split needs three weights, train,val,test (e.g. 9,1,0), was '" + spec + "'");
    }
    BigDecimal[] decimals = new BigDecimal[3];
    double[] ratios = new double[3];
    int scale = 0;
    for (int i = 0; i < 3; i++) {
      try {
        decimals[i] = new BigDecimal(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--split weight '" + parts[i].trim() + "' is not a number", e);
      }
      if (decimals[i].signum() < 0) {
        throw new IllegalArgumentException("--split weights can not be negative, was '" + spec + "'");
      }
      ratios[i] = decimals[i].doubleValue();
      scale = Math.max(scale, decimals[i].stripTrailingZeros().scale());
    }
    long[] weights = new long[3];
    BigInteger gcd = BigInteger.ZERO;
    for (int i = 0; i < 3; i++) {
      weights[i] = decimals[i].movePointRight(Math.max(scale, 0)).toBigIntegerExact().longValueExact();
      gcd = gcd.gcd(BigInteger.valueOf(weights[i]));
    }
    if (gcd.signum() == 0) {
      throw new IllegalArgumentException("--split weights can not all be zero");
    }
    for (int i = 0; i < 3; i++) {
      weights[i] /= gcd.longValueExact();
    }
    return new Splits(weights, ratios, mode);
  }

  public Mode mode() {
    return mode;
  }

  /** The weights as given, for energon's ratio split. */
  public double[] ratios() {
    return ratios.clone();
  }

  /** The whole-number weight of split {@code index} (train 0, val 1, test 2). */
  public long weight(int index) {
    return weights[index];
  }

  /**
   * Where the sample of rank {@code rank} goes: {split, its rank within the split}. Each cycle of
   * {@code sum} ranks serves every weighted split once first, in split order, then the rest of each
   * split's weight: at 9,1,0 ranks 0 and 1 go to train and val, ranks 2-9 to train. So any run of at
   * least as many samples as there are weighted splits fills every one of them.
   */
  public long[] locate(long rank) {
    long sum = weights[0] + weights[1] + weights[2];
    long cycle = rank / sum;
    long within = rank % sum;
    long firsts = 0;
    for (int split = 0; split < 3; split++) {
      if (weights[split] > 0) {
        if (within == firsts) {
          return new long[] {split, cycle * weights[split]};
        }
        firsts++;
      }
    }
    long start = firsts;
    for (int split = 0; split < 3; split++) {
      long rest = Math.max(0, weights[split] - 1);
      if (within < start + rest) {
        return new long[] {split, cycle * weights[split] + 1 + (within - start)};
      }
      start += rest;
    }
    throw new IllegalStateException("unreachable: rank " + rank);
  }

  @Override
  public String toString() {
    return weights[0] + "," + weights[1] + "," + weights[2] + " by " + mode.name().toLowerCase(Locale.ROOT);
  }
}
