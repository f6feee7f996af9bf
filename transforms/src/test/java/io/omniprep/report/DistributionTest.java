package io.omniprep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DistributionTest {
  @Test
  void smallWholeNumbersHaveExactPercentiles() {
    Distribution d = new Distribution(Metric.TURN_CHARS);
    for (long v = 1; v <= 100; v++) {
      d.add(v);
    }
    var json = d.toJson();
    assertEquals(10, json.at("/percentiles/p10").asLong());
    assertEquals(50, json.at("/percentiles/p50").asLong());
    assertEquals(90, json.at("/percentiles/p90").asLong());
    assertEquals(99, json.at("/percentiles/p99").asLong());
    assertEquals("50.5", json.get("mean").asText());
    assertEquals(15, json.at("/histogram/0/count").asLong(), "1..15 below 16");
  }

  @Test
  void largeValuesHavePercentilesWithinHalfAPercent() {
    QuantileSketch sketch = new QuantileSketch();
    List<Long> values = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      long v = (long) Math.exp(random.nextDouble() * 30);
      values.add(v);
      sketch.add(v);
    }
    Collections.sort(values);
    for (double p : new double[] {1, 10, 50, 90, 99, 100}) {
      long exact = values.get((int) Math.ceil(p * values.size() / 100.0) - 1);
      long approx = sketch.percentile(p, values.size());
      assertTrue(Math.abs(approx - exact) <= Math.max(1, exact / 200), p + ": " + approx + " vs " + exact);
    }
  }

  @Test
  void mergingInAnyOrderGivesTheSameFigures() throws IOException {
    Random random = new Random(11);
    List<Long> values = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      values.add(Metric.ASPECT_RATIO.fixed(random.nextDouble() * 4));
    }
    String expected = null;
    for (int trial = 0; trial < 5; trial++) {
      Collections.shuffle(values, random);
      List<Distribution> parts = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        parts.add(new Distribution(Metric.ASPECT_RATIO));
      }
      for (long v : values) {
        parts.get(random.nextInt(parts.size())).add(v);
      }
      Distribution merged = new Distribution(Metric.ASPECT_RATIO);
      for (Distribution part : parts) {
        merged.merge(roundTrip(part));
      }
      String json = merged.toJson().toString();
      if (expected == null) {
        expected = json;
      }
      assertEquals(expected, json);
    }
  }

  private static Distribution roundTrip(Distribution d) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    d.encode(out);
    return Distribution.decode(d.metric(), new ByteArrayInputStream(out.toByteArray()));
  }

  @Test
  void anEmptyDistributionHasOnlyItsCountAndBins() {
    var json = new Distribution(Metric.VIDEO_FPS).toJson();
    assertEquals(0, json.get("count").asLong());
    assertTrue(json.get("percentiles") == null && json.get("mean") == null);
    assertEquals(Metric.VIDEO_FPS.bins(), json.get("histogram").size());
    assertEquals("120", json.at("/histogram/12/from").asText());
    assertTrue(json.at("/histogram/12/to").isNull());
  }
}
