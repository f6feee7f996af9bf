package io.omniprep.cli;

import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.flink.runtime.execution.SuppressRestartsException;

/**
 * Passes elements on unchanged once its set-up has found the cluster's build to be the client's
 * ({@link BuildId#requireSame}); {@link ClusterBuildCheck} puts one after every source of a job. A
 * mismatch cannot be mended by running again, so it suppresses Flink's restarts: the job fails at
 * once, and the client prints the message.
 */
final class BuildCheckFn<T> extends DoFn<T, T> {
  @Setup
  public void setup(PipelineOptions options) {
    try {
      BuildId.requireSame(options.as(ClusterJarOptions.class).getClientBuild(), BuildId.current());
    } catch (IllegalStateException e) {
      throw new SuppressRestartsException(e);
    }
  }

  @ProcessElement
  public void process(@Element T element, OutputReceiver<T> out) {
    out.output(element);
  }
}
