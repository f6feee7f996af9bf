package io.omniprep.cli;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** A job on a Flink cluster whose JobManager and TaskManagers have omniprep on their class path. */
public interface ClusterJarOptions extends PipelineOptions {
  @Description(
      "The Flink cluster (--flinkMaster=HOST:PORT) has omniprep-cluster.jar of this same build in lib/ of its"
          + " JobManager and every TaskManager: the job uploads no jar of its own (Beam's --filesToStage names an"
          + " empty one) and its classes load from the cluster's class path.")
  @Default.Boolean(false)
  boolean getJarOnCluster();

  void setJarOnCluster(boolean value);
}
