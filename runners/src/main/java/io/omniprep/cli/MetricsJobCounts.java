package io.omniprep.cli;

import io.omniprep.metrics.Counters;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The counts of a job that runs elsewhere and whose runner answers for it while it runs (Dataflow's
 * {@code DataflowPipelineJob}, a non-blocking DirectRunner): Beam's attempted counter values, which
 * lead the committed ones while the job runs (a retried bundle's counts are in them until it ends).
 */
final class MetricsJobCounts implements JobCounts {
  private static final MetricsFilter OURS = MetricsFilter.builder()
      .addNameFilter(MetricNameFilter.inNamespace(Counters.NAMESPACE))
      .addNameFilter(MetricNameFilter.inNamespace(Counters.PROGRESS_NAMESPACE))
      .build();

  private final PipelineResult result;

  MetricsJobCounts(PipelineResult result) {
    this.result = result;
  }

  @Override
  public Optional<Counts> now() {
    try {
      Map<String, Long> byName = new TreeMap<>();
      for (MetricResult<Long> counter : result.metrics().queryMetrics(OURS).getCounters()) {
        byName.merge(counter.getName().getName(), counter.getAttempted(), Long::sum);
      }
      return Optional.of(Counts.of(byName));
    } catch (RuntimeException e) {
      return Optional.empty(); // the service did not answer this time: the line keeps the last counts
    }
  }
}
