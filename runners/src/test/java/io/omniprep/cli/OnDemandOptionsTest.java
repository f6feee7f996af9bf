package io.omniprep.cli;

import static io.omniprep.cli.OnDemandOptions.CLUSTER_JAR;
import static io.omniprep.cli.OnDemandOptions.DATAFLOW;
import static io.omniprep.cli.OnDemandOptions.DIRECT;
import static io.omniprep.cli.OnDemandOptions.FLINK;
import static io.omniprep.cli.OnDemandOptions.GCP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnDemandOptionsTest {
  @Test
  void theDefaultRunNeedsOnlyFlinksOptions() {
    List<String> args = CliOptions.withRunnerDefaults(List.of("--input=/data/x.json", "--output=/out"));
    assertEquals(EnumSet.of(FLINK), OnDemandOptions.neededBy(args, "FlinkRunner"));
  }

  @Test
  void theRunnerNamesItsOwnOptions() {
    assertEquals(EnumSet.of(DIRECT), OnDemandOptions.neededBy(List.of("--runner=DirectRunner"), "DirectRunner"));
    assertEquals(EnumSet.of(DATAFLOW, GCP), OnDemandOptions.neededBy(List.of("--runner=DataflowRunner"), "DataflowRunner"));
    assertEquals(EnumSet.of(FLINK), OnDemandOptions.neededBy(List.of(), "org.apache.beam.runners.flink.FlinkRunner"));
  }

  @Test
  void aGsPathOrAGcpOptionBringsGcpsOptions() {
    assertEquals(EnumSet.of(DIRECT, GCP), OnDemandOptions.neededBy(List.of("--input=gs://bucket/x.json"), "DirectRunner"));
    assertEquals(
        EnumSet.of(DIRECT, GCP),
        OnDemandOptions.neededBy(List.of("--gcsEndpoint=http://127.0.0.1:9/storage/v1/", "--input=/x.json"), "DirectRunner"));
  }

  @Test
  void anotherRunnersOptionBringsThatRunnersOptions() {
    assertEquals(EnumSet.of(DIRECT, FLINK), OnDemandOptions.neededBy(List.of("--parallelism=2"), "DirectRunner"));
    assertEquals(EnumSet.of(FLINK, CLUSTER_JAR), OnDemandOptions.neededBy(List.of("--jarOnCluster"), "FlinkRunner"));
  }

  @Test
  void optionNamesAreTheDeclaredProperties() {
    assertTrue(GCP.optionNames().containsAll(List.of("project", "gcsEndpoint", "credentialFactoryClass")));
    assertTrue(FLINK.optionNames().containsAll(List.of("flinkMaster", "parallelism", "fasterCopy")));
  }
}
