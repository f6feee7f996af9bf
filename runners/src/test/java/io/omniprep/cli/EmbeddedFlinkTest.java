package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.omniprep.runners.testing.CliRuns;
import io.omniprep.runners.testing.CliRuns.Result;
import io.omniprep.runners.testing.PipelineCase;
import io.omniprep.testing.ShardReadBack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every pipeline on embedded Flink (the CLI's default runner) in this JVM, compared with the
 * DirectRunner over the same input: the two outputs, summary included, are identical file for file.
 */
class EmbeddedFlinkTest {
  static final List<PipelineCase> CASES = PipelineCase.ALL;

  @ParameterizedTest
  @FieldSource("CASES")
  void embeddedFlinkWritesWhatTheDirectRunnerWrites(PipelineCase pipeline, @TempDir Path tmp) {
    Path flink = tmp.resolve("flink");
    Path direct = tmp.resolve("direct");

    Result onFlink = CliRuns.inProcess("flink", pipeline.args(flink, "--runner=FlinkRunner")).requireSuccess();
    Result onDirect = CliRuns.inProcess("direct", pipeline.args(direct, "--runner=DirectRunner")).requireSuccess();

    JsonNode summary = ShardReadBack.json(direct.resolve("_SUMMARY.json"));
    assertTrue(summary.get("balanced").asBoolean(), onDirect::describe);
    assertNotEquals(0, summary.get("written").asLong(), "the case writes something");
    assertEquals(ShardReadBack.digests(direct), ShardReadBack.digests(flink), onFlink::describe);
  }

  @Test
  void theCliRunsOnEmbeddedFlinkUnlessToldOtherwise() {
    // x.json does not exist here: the input's size is unknown, so it is not a small one
    List<String> args = CliOptions.withRunnerDefaults(List.of("--input=x.json"));

    assertTrue(args.containsAll(List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--fasterCopy=true")), args::toString);
  }

  @Test
  void embeddedFlinkListensOnLoopbackOnly() throws IOException {
    List<String> args = CliOptions.withRunnerDefaults(List.of("--input=x.json"));

    String confDir = args.stream().filter(a -> a.startsWith("--flinkConfDir=")).findFirst().orElseThrow().substring(15);
    List<String> conf = Files.readAllLines(Path.of(confDir, "flink-conf.yaml"));
    assertTrue(conf.containsAll(List.of("rest.bind-address: 127.0.0.1", "jobmanager.bind-host: 127.0.0.1", "taskmanager.bind-host: 127.0.0.1")), conf::toString);
  }

  @Test
  void aFlinkClusterKeepsItsOwnConfiguration() {
    List<String> args = CliOptions.withRunnerDefaults(List.of("--runner=FlinkRunner", "--flinkMaster=flink-jobmanager:8081"));

    assertTrue(args.stream().noneMatch(a -> a.startsWith("--flinkConfDir=")), args::toString);
  }
}
