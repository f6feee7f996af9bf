package io.omniprep.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.sample.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;

/**
 * The running summary of one {@link Metric}: count, exact sum, min, max, the fixed-bin histogram
 * and a {@link QuantileSketch} for percentiles. Mergeable in any order with the same result; its
 * size does not grow with the number of values.
 */
final class Distribution implements Serializable {
  static final double[] PERCENTILES = {10, 50, 90, 99};

  private final Metric metric;
  private final long[] bins;
  private final QuantileSketch sketch;
  private long count;
  private long sum;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;

  Distribution(Metric metric) {
    this(metric, new long[metric.bins()], new QuantileSketch());
  }

  private Distribution(Metric metric, long[] bins, QuantileSketch sketch) {
    this.metric = metric;
    this.bins = bins;
    this.sketch = sketch;
  }

  Metric metric() {
    return metric;
  }

  long count() {
    return count;
  }

  long sum() {
    return sum;
  }

  /** The number of values in fixed bin {@code i}. */
  long binCount(int i) {
    return bins[i];
  }

  /** Adds a value in the metric's fixed-point unit. */
  void add(long value) {
    count++;
    sum = Math.addExact(sum, value);
    min = Math.min(min, value);
    max = Math.max(max, value);
    bins[metric.binOf(value)]++;
    sketch.add(value);
  }

  void merge(Distribution other) {
    count += other.count;
    sum = Math.addExact(sum, other.sum);
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    for (int i = 0; i < bins.length; i++) {
      bins[i] += other.bins[i];
    }
    sketch.merge(other.sketch);
  }

  /**
   * {@code {count, min, max, mean, percentiles: {p10, p50, p90, p99}, histogram: [{from, to,
   * count}]}} in natural units; without values, only {@code count} and the empty histogram.
   */
  ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("unit", metric.unit());
    o.put("count", count);
    if (count > 0) {
      o.put("min", metric.natural(min));
      o.put("max", metric.natural(max));
      o.put("mean", metric.mean(sum, count));
      ObjectNode p = o.putObject("percentiles");
      for (double q : PERCENTILES) {
        p.put("p" + (int) q, metric.natural(Math.min(max, Math.max(min, sketch.percentile(q, count)))));
      }
    }
    ArrayNode histogram = o.putArray("histogram");
    for (int i = 0; i < bins.length; i++) {
      ObjectNode bin = histogram.addObject();
      bin.put("from", metric.natural(metric.lowerEdge(i)));
      if (i + 1 < bins.length) {
        bin.put("to", metric.natural(metric.lowerEdge(i + 1)));
      } else {
        bin.putNull("to");
      }
      bin.put("count", bins[i]);
    }
    return o;
  }

  void encode(OutputStream out) throws IOException {
    Wire.writeLong(count, out);
    Wire.writeLong(sum, out);
    Wire.writeLong(min, out);
    Wire.writeLong(max, out);
    for (long b : bins) {
      Wire.writeLong(b, out);
    }
    sketch.encode(out);
  }

  static Distribution decode(Metric metric, InputStream in) throws IOException {
    long count = Wire.readLong(in);
    long sum = Wire.readLong(in);
    long min = Wire.readLong(in);
    long max = Wire.readLong(in);
    long[] bins = new long[metric.bins()];
    for (int i = 0; i < bins.length; i++) {
      bins[i] = Wire.readLong(in);
    }
    Distribution d = new Distribution(metric, bins, QuantileSketch.decode(in));
    d.count = count;
    d.sum = sum;
    d.min = min;
    d.max = max;
    return d;
  }
}
