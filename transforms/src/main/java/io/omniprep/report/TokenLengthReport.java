package io.omniprep.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.json.Json;
import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The token lengths of a dataset's written samples: percentiles of the total (nearest rank), the
 * share of samples over common context limits, a histogram in powers of two, and the means of text,
 * image and video tokens. Holds one number a sample.
 */
public final class TokenLengthReport {
  /** The limits whose overshoot is reported: 2k, 4k, 8k, 32k. */
  static final long[] LIMITS = {2048, 4096, 8192, 32768};
  static final double[] PERCENTILES = {50, 90, 95, 99, 99.9};

  private TokenLengthReport() {}

  public static final class Builder {
    private long[] totals = new long[1024];
    private int n;
    private long text;
    private long image;
    private long video;

    public void add(long textTokens, long imageTokens, long videoTokens) {
      if (n == totals.length) {
        totals = Arrays.copyOf(totals, n * 2);
      }
      totals[n++] = textTokens + imageTokens + videoTokens;
      text += textTokens;
      image += imageTokens;
      video += videoTokens;
    }

    /** The report as pretty JSON, with {@code packing} added when given. */
    public String toJson(@Nullable ObjectNode packing) {
      long[] sorted = Arrays.copyOf(totals, n);
      Arrays.sort(sorted);
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      root.put("samples", n);
      ObjectNode tokens = root.putObject("total_tokens");
      tokens.put("sum", text + image + video);
      tokens.put("min", n == 0 ? 0 : sorted[0]);
      tokens.put("max", n == 0 ? 0 : sorted[n - 1]);
      tokens.put("mean", mean(text + image + video));
      ObjectNode percentiles = tokens.putObject("percentiles");
      for (double p : PERCENTILES) {
        percentiles.put(p == Math.rint(p) ? "p" + (long) p : "p" + p, n == 0 ? 0 : sorted[nearestRank(p, n) - 1]);
      }
      ObjectNode over = tokens.putObject("share_over");
      for (long limit : LIMITS) {
        long count = n - upperBound(sorted, limit);
        over.put(Long.toString(limit), n == 0 ? 0 : Math.round(count * 1e6 / n) / 1e6);
      }
      ObjectNode histogram = tokens.putObject("histogram");
      long low = 0;
      for (long high = 256; low <= (n == 0 ? 0 : sorted[n - 1]); high *= 2) {
        long count = upperBound(sorted, high - 1) - upperBound(sorted, low - 1);
        histogram.put(low + "-" + (high - 1), count);
        low = high;
      }
      ObjectNode means = root.putObject("mean_tokens");
      means.put("text", mean(text));
      means.put("image", mean(image));
      means.put("video", mean(video));
      if (packing != null) {
        root.set("packing", packing);
      }
      try {
        return Json.INDENTED.writeValueAsString(root) + "\n";
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    private double mean(long sum) {
      return n == 0 ? 0 : Math.round(sum * 100.0 / n) / 100.0;
    }
  }

  /** The 1-based nearest rank of percentile {@code p} among {@code n} values: ceil(p/100 * n), in integers (0.9 * 10 is not 9 in doubles). */
  static int nearestRank(double p, int n) {
    long permille = Math.round(p * 10);
    return (int) Math.max(1, (permille * n + 999) / 1000);
  }

  /** How many of {@code sorted} are at most {@code value}. */
  private static int upperBound(long[] sorted, long value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
