package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omniprep.metrics.Counters;
import java.util.Map;
import org.apache.beam.runners.core.metrics.MetricsContainerStepMap;
import org.apache.beam.sdk.metrics.MetricName;
import org.junit.jupiter.api.Test;

/** The counters in the text a Flink cluster shows for Beam's accumulator: Beam's own rendering of its metrics. */
class FlinkJobCountsTest {
  @Test
  void ourCountersAreReadFromBeamsAccumulatorTextSummedOverSteps() throws Exception {
    MetricsContainerStepMap metrics = new MetricsContainerStepMap();
    metrics.getContainer("Read").getCounter(MetricName.named(Counters.NAMESPACE, Counters.READ)).inc(300);
    metrics.getContainer("Parse").getCounter(MetricName.named(Counters.NAMESPACE, Counters.READ)).inc(20);
    metrics.getContainer("Write").getCounter(MetricName.named(Counters.NAMESPACE, Counters.WRITTEN)).inc(1L << 40);
    metrics.getContainer("Plan").getCounter(MetricName.named(Counters.PROGRESS_NAMESPACE, Counters.PLANNED)).inc(5000);
    metrics.getContainer("Other").getCounter(MetricName.named("someone_else", Counters.READ)).inc(7);
    metrics.getContainer("Write").getDistribution(MetricName.named(Counters.NAMESPACE, "bytes")).update(12);

    assertEquals(Map.of(Counters.READ, 320L, Counters.WRITTEN, 1L << 40, Counters.PLANNED, 5000L),
        FlinkJobCounts.counters(metrics.toString()));
  }
}
