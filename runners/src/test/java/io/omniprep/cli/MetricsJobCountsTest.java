package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.metrics.Counters;
import io.omniprep.pipelines.RunSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

/**
 * The progress line of a job whose runner returns from {@code run()} at once and answers for the
 * running job (Dataflow's {@code DataflowPipelineJob}): exercised on the DirectRunner with
 * {@code --blockOnRun=false}, whose {@code PipelineResult.metrics()} answers while the job runs.
 */
class MetricsJobCountsTest {
  private static final int RECORDS = 48;
  private static final Pattern READ = Pattern.compile("read (\\d+)(?: of (\\d+))?, written (\\d+), failed 0");

  /** Counted as the boundary scan counts the records it found. */
  private static final class Planned extends DoFn<Integer, Integer> {
    @ProcessElement
    public void process(@Element Integer i, OutputReceiver<Integer> out) {
      Counters.planned().inc();
      out.output(i);
    }
  }

  /** Each record in a bundle of its own (a key each after the GroupByKey), a fraction of a second each. */
  private static final class SlowRecord extends DoFn<KV<Integer, Iterable<Integer>>, Integer> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<Integer>> record, OutputReceiver<Integer> out) throws InterruptedException {
      Counters.read().inc();
      Thread.sleep(300);
      Counters.written().inc();
      out.output(record.getKey());
    }
  }

  @Test
  void theLineFollowsTheRunningJobsMetricsUpToItsSummary() throws Exception {
    DirectOptions options = PipelineOptionsFactory.as(DirectOptions.class);
    options.setRunner(DirectRunner.class);
    options.setBlockOnRun(false);
    options.setTargetParallelism(2);
    Pipeline pipeline = Pipeline.create(options);
    pipeline
        .apply(Create.of(IntStream.range(0, RECORDS).boxed().toList()))
        .apply(ParDo.of(new Planned()))
        .apply(WithKeys.of((Integer i) -> i).withKeyType(TypeDescriptors.integers()))
        .apply(GroupByKey.create())
        .apply(ParDo.of(new SlowRecord()));

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PipelineResult result;
    try (ProgressLine line = ProgressLine.start("test", ProgressLine.Mode.REDRAWN, null, new PrintStream(err, true, StandardCharsets.UTF_8))) {
      result = pipeline.run();
      assertEquals(PipelineResult.State.RUNNING, result.getState(), "run() returned before the job ended");
      line.follow(new MetricsJobCounts(result));
      assertEquals(PipelineResult.State.DONE, result.waitUntilFinish());
    }

    List<Long> reads = new ArrayList<>();
    Matcher m = READ.matcher(err.toString(StandardCharsets.UTF_8));
    while (m.find()) {
      assertTrue(m.group(2) == null || Long.parseLong(m.group(2)) <= RECORDS, "the total, as far as the scan got: " + m.group());
      assertTrue(Long.parseLong(m.group(3)) <= Long.parseLong(m.group(1)), m.group());
      reads.add(Long.parseLong(m.group(1)));
    }
    assertTrue(err.toString(StandardCharsets.UTF_8).contains(" of " + RECORDS + ","), "the whole total");
    assertTrue(reads.stream().anyMatch(r -> r > 0 && r < RECORDS), "counts while the job ran: " + err.toString(StandardCharsets.UTF_8));
    for (int i = 1; i < reads.size(); i++) {
      assertTrue(reads.get(i) >= reads.get(i - 1), "counts never go back: " + reads);
    }
    RunSummary summary = RunSummary.of(result);
    assertEquals(new JobCounts.Counts(summary.read(), summary.written(), summary.failed(), RECORDS),
        new MetricsJobCounts(result).now().orElseThrow(), "the last counts are the summary's");
    assertEquals(RECORDS, summary.read());
  }
}
