package io.omniprep.cli;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Hidden;
import org.apache.beam.sdk.options.PipelineOptions;

/** A job on a Flink cluster whose JobManager and TaskManagers have omniprep on their class path. */
public interface ClusterJarOptions extends PipelineOptions {
  @Description(
      "The Flink cluster (--flinkMaster=HOST:PORT) has omniprep-cluster.jar of this same build in lib/ of its"
          + " JobManager and every TaskManager: the job uploads no jar of its own (Beam's --filesToStage names an"
          + " empty one) and its classes load from the cluster's class path. The job checks that the cluster's jar is"
          + " of the client's build before it reads its input, and fails at once if not.")
  @Default.Boolean(false)
  boolean getJarOnCluster();

  void setJarOnCluster(boolean value);

  @Description(
      "Set by the CLI with --jarOnCluster, not by users: the build id of the client's omniprep.jar. The job's first"
          + " step on the cluster compares it with the id of the cluster's omniprep-cluster.jar and fails when they differ.")
  @Hidden
  String getClientBuild();

  void setClientBuild(String value);
}
