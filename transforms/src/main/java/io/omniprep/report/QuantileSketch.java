package io.omniprep.report;

import io.omniprep.sample.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Percentiles of non-negative whole numbers with a relative error below 0.4%, from counts in
 * logarithmic buckets: values below 1024 each have their own bucket (exact), larger ones share a
 * bucket with the values that agree in their 9 leading bits. Merging adds counts, so the result does
 * not depend on how a runner split and merged the input (a Munro-Paterson sketch such as Beam's
 * {@code ApproximateQuantiles} does, once it starts collapsing buffers). Pure integer arithmetic;
 * at most about 14,000 buckets whatever the input size.
 */
final class QuantileSketch implements Serializable {
  private static final int EXACT = 1024;
  private static final int SUB_BITS = 8;

  private final TreeMap<Integer, Long> buckets = new TreeMap<>();

  void add(long value) {
    buckets.merge(bucketOf(Math.max(0, value)), 1L, Long::sum);
  }

  void merge(QuantileSketch other) {
    other.buckets.forEach((bucket, n) -> buckets.merge(bucket, n, Long::sum));
  }

  /**
   * The nearest-rank percentile {@code p} (0 &lt; p &le; 100) of {@code count} values: the value
   * of rank ⌈p·count/100⌉, or the middle of its bucket.
   */
  long percentile(double p, long count) {
    long rank = Math.max(1, (long) Math.ceil(p * count / 100.0));
    long seen = 0;
    for (Map.Entry<Integer, Long> e : buckets.entrySet()) {
      seen += e.getValue();
      if (seen >= rank) {
        return middleOf(e.getKey());
      }
    }
    throw new IllegalStateException("rank " + rank + " beyond " + seen + " values");
  }

  static int bucketOf(long value) {
    if (value < EXACT) {
      return (int) value;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(value);
    long sub = (value >>> (exponent - SUB_BITS)) & ((1 << SUB_BITS) - 1);
    return EXACT + (exponent - 10) * (1 << SUB_BITS) + (int) sub;
  }

  static long middleOf(int bucket) {
    if (bucket < EXACT) {
      return bucket;
    }
    int exponent = 10 + (bucket - EXACT) / (1 << SUB_BITS);
    long sub = (bucket - EXACT) % (1 << SUB_BITS);
    long width = 1L << (exponent - SUB_BITS);
    long low = ((1L << SUB_BITS) + sub) * width;
    return low + width / 2;
  }

  void encode(OutputStream out) throws IOException {
    Wire.writeInt(buckets.size(), out);
    for (Map.Entry<Integer, Long> e : buckets.entrySet()) {
      Wire.writeInt(e.getKey(), out);
      Wire.writeLong(e.getValue(), out);
    }
  }

  static QuantileSketch decode(InputStream in) throws IOException {
    QuantileSketch s = new QuantileSketch();
    int n = Wire.readInt(in);
    for (int i = 0; i < n; i++) {
      s.buckets.put(Wire.readInt(in), Wire.readLong(in));
    }
    return s;
  }
}
