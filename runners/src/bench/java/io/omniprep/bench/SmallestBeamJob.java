package io.omniprep.bench;

import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The smallest Beam job: one element through one map, on the runner the arguments name. Timed by
 * the benchmark beside the 32-record jobs, in a JVM started as the launcher starts a small job: what
 * any Beam job costs on this machine before it does any work, the floor of a fixed cost.
 */
public final class SmallestBeamJob {
  private SmallestBeamJob() {}

  public static void main(String[] args) {
    PipelineOptionsFactory.register(FlinkPipelineOptions.class);
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs(args).create());
    p.apply(Create.of(1)).apply(MapElements.into(TypeDescriptors.integers()).via((Integer x) -> x + 1));
    p.run().waitUntilFinish();
  }
}
