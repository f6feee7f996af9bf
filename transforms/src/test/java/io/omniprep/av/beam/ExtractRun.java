package io.omniprep.av.beam;

import io.omniprep.metrics.Counters;
import java.util.function.Consumer;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Runs a small pipeline to completion on the DirectRunner and reads its omniprep counters. */
final class ExtractRun {
  private final PipelineResult result;

  private ExtractRun(PipelineResult result) {
    this.result = result;
  }

  /** Several runs per test (resume, overwrite) need their own pipelines, not the TestPipeline. */
  static ExtractRun run(Consumer<Pipeline> build) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    build.accept(p);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    return new ExtractRun(result);
  }

  long counter(String name) {
    long total = 0;
    for (MetricResult<Long> c :
        result.metrics().queryMetrics(
                MetricsFilter.builder().addNameFilter(MetricNameFilter.named(Counters.NAMESPACE, name)).build())
            .getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }
}
