package io.omniprep.wds.format;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;

/**
 * Energon's split-by-ratio over shards (docs/FORMATS.md §3.5), reproduced with its float quirks:
 * sort the shard paths, optionally shuffle with Python's {@code random.Random(seed)}, normalise the
 * three ratios by their sum, then give split i the shards {@code [int(n*cum_{i-1}), int(n*cum_i))}
 * in the order train, val, test. Truncation can leave train empty (1 shard with 9,1,0) and float drift can
 * leave trailing shards in no split (10 shards with 7,2,1); those are reported as
 * {@link Result#unassigned()}.
 */
public final class EnergonShardSplit {
  /** The seed Pai's conversion scripts and {@code energon prepare --shuffle-tars} use. */
  public static final long ENERGON_SHUFFLE_SEED = 42;

  /** How Python's built-in {@code sum()} adds the ratios; it changed in CPython 3.12. */
  public enum RatioSum {
    /** CPython up to 3.11: plain left-to-right double addition. */
    PYTHON_3_11,
    /** CPython 3.12 and later: Neumaier-compensated summation. */
    PYTHON_3_12
  }

  /**
   * Shards per split, each in split order; {@code unassigned} holds shards energon puts in no split.
   */
  public record Result(List<String> train, List<String> val, List<String> test, List<String> unassigned) {}

  /**
   * The order energon sorts shard paths in: Python's {@code PurePosixPath} comparison, i.e. the
   * lists of '/'-separated components compared lexicographically, each component compared by
   * Unicode code points (not UTF-16 units). So {@code a/x.tar} sorts before {@code a-b.tar}, which
   * plain string order would put first.
   */
  public static final Comparator<String> ENERGON_ORDER = EnergonShardSplit::comparePaths;

  private EnergonShardSplit() {}

  /** Returns the shards sorted in {@link #ENERGON_ORDER} after validating them. */
  public static List<String> sorted(Collection<String> shards) {
    List<String> list = new ArrayList<>(shards);
    HashSet<String> seen = new HashSet<>();
    for (String s : list) {
      validateShardPath(s);
      if (!seen.add(s)) {
        throw new IllegalArgumentException("duplicate shard '" + s + "'");
      }
    }
    list.sort(ENERGON_ORDER);
    return list;
  }

  /** {@link #split(Collection, double, double, double, OptionalLong, RatioSum)} with 3.11 summing. */
  public static Result split(Collection<String> shards, double train, double val, double test,
      OptionalLong shuffleSeed) {
    return split(shards, train, val, test, shuffleSeed, RatioSum.PYTHON_3_11);
  }

  /**
   * Splits shards exactly as energon's {@code prepare} does.
   *
   * @param shards relative POSIX shard paths in any order
   * @param train weight of the train split (>= 0); weights are normalised by their sum
   * @param shuffleSeed the {@code random.Random} seed, or empty to keep the sorted order
   * @param ratioSum which CPython {@code sum()} to mimic; only matters for non-integer weights
   */
  public static Result split(Collection<String> shards, double train, double val, double test,
      OptionalLong shuffleSeed, RatioSum ratioSum) {
    double[] w = {train, val, test};
    for (double x : w) {
      if (!Double.isFinite(x) || x < 0) {
        throw new IllegalArgumentException("split weights must be finite and >= 0: " + x);
      }
    }
    double total = ratioSum == RatioSum.PYTHON_3_12 ? neumaierSum(w) : w[0] + w[1] + w[2];
    if (!(total > 0)) {
      throw new IllegalArgumentException("split weights sum to zero");
    }
    List<String> order = sorted(shards);
    if (shuffleSeed.isPresent()) {
      new PythonRandom(shuffleSeed.getAsLong()).shuffle(order);
    }
    int n = order.size();
    List<List<String>> parts = new ArrayList<>(3);
    double cum = 0;
    int offset = 0;
    for (double x : w) {
      cum += x / total;
      // Python: int(len * cum) truncates; the slice clamps to the list bounds.
      int end = Math.max(offset, (int) Math.min(n, (long) (n * cum)));
      parts.add(List.copyOf(order.subList(offset, end)));
      offset = end;
    }
    return new Result(parts.get(0), parts.get(1), parts.get(2), List.copyOf(order.subList(offset, n)));
  }

  /** CPython 3.12's float {@code sum()}: Neumaier compensation, compensation added at the end. */
  private static double neumaierSum(double[] xs) {
    double sum = 0;
    double c = 0;
    boolean first = true;
    for (double x : xs) {
      if (first) { // sum() starts from the int 0, so the first float is taken as is
        sum = x;
        first = false;
        continue;
      }
      double t = sum + x;
      c += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
      sum = t;
    }
    return c != 0 && Double.isFinite(c) ? sum + c : sum;
  }

  /** Rejects paths that PurePosixPath would normalise, since energon lists normalised names. */
  static void validateShardPath(String path) {
    if (path == null || path.isEmpty() || path.startsWith("/")) {
      throw new IllegalArgumentException("shard path must be relative and non-empty: '" + path + "'");
    }
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw new IllegalArgumentException("shard path has an empty, '.' or '..' component: '" + path + "'");
      }
    }
  }

  private static int comparePaths(String a, String b) {
    String[] pa = a.split("/", -1);
    String[] pb = b.split("/", -1);
    for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
      int c = compareCodePoints(pa[i], pb[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(pa.length, pb.length);
  }

  /** Python str ordering: by code point, which differs from String.compareTo above U+FFFF. */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
