package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** {@code --jarOnCluster}: a job for a cluster that has omniprep in lib/ stages an empty jar only. */
class ClusterJarTest {
  private static final List<String> CLUSTER = List.of("--runner=FlinkRunner", "--flinkMaster=flink-jobmanager:8081");

  @Test
  void aJobForAClusterWithTheJarStagesAJarWithoutClasses() throws IOException {
    for (String flag : List.of("--jarOnCluster", "--jarOnCluster=true")) {
      List<String> args = CliOptions.withRunnerDefaults(concat(CLUSTER, flag));

      List<String> staged = args.stream().filter(a -> a.startsWith("--filesToStage=")).map(a -> a.substring(15)).toList();
      assertEquals(1, staged.size(), args::toString);
      try (JarFile jar = new JarFile(Path.of(staged.get(0)).toFile())) {
        List<String> entries = Collections.list(jar.entries()).stream().map(e -> e.getName()).toList();
        assertEquals(List.of("META-INF/MANIFEST.MF"), entries);
      }
    }
  }

  @Test
  void withoutTheFlagOrWithFilesOfItsOwnTheJobStagesWhatBeamWould() {
    assertTrue(CliOptions.withRunnerDefaults(CLUSTER).stream().noneMatch(a -> a.startsWith("--filesToStage=")));
    assertTrue(CliOptions.withRunnerDefaults(concat(CLUSTER, "--jarOnCluster=false")).stream().noneMatch(a -> a.startsWith("--filesToStage=")));

    List<String> own = CliOptions.withRunnerDefaults(concat(CLUSTER, "--jarOnCluster", "--filesToStage=/jobs/extra.jar"));
    assertEquals(List.of("--filesToStage=/jobs/extra.jar"), own.stream().filter(a -> a.startsWith("--filesToStage=")).toList());
  }

  @Test
  void aJobForAClusterWithTheJarCarriesTheClientsBuildAndNoOtherJobDoes() {
    assertEquals(List.of("--clientBuild=" + BuildId.current()), builds(CliOptions.withRunnerDefaults(concat(CLUSTER, "--jarOnCluster"))));
    assertEquals(List.of(), builds(CliOptions.withRunnerDefaults(CLUSTER)));
    assertEquals(List.of(), builds(CliOptions.withRunnerDefaults(concat(CLUSTER, "--jarOnCluster=false"))));
    assertEquals(List.of("--clientBuild=0.0.0+other"),
        builds(CliOptions.withRunnerDefaults(concat(CLUSTER, "--jarOnCluster", "--clientBuild=0.0.0+other"))), "a test's stand-in is kept");
  }

  /** A cluster jar older than the build check fails on a class it lacks: the CLI says what that likely means. */
  @Test
  void aMissingClassOnTheClusterIsExplainedOnlyForAJobWithTheFlag() {
    Throwable missing = new ClassNotFoundException("io.omniprep.cli.BuildCheckFn");
    assertTrue(Cli.otherClusterClasses(missing, List.of("webdataset", "--jarOnCluster")).contains(BuildId.REMEDY));
    assertEquals("", Cli.otherClusterClasses(missing, List.of("webdataset")));
    assertEquals("", Cli.otherClusterClasses(new IllegalStateException("x"), List.of("webdataset", "--jarOnCluster")));
  }

  private static List<String> builds(List<String> args) {
    return args.stream().filter(a -> a.startsWith("--clientBuild")).toList();
  }

  @Test
  void theFlagIsAMistakeWithoutACluster() {
    UsageError embedded = assertThrows(UsageError.class, () -> CliOptions.withRunnerDefaults(List.of("--runner=FlinkRunner", "--jarOnCluster")));
    assertTrue(embedded.getMessage().contains("--flinkMaster=HOST:PORT"), embedded::getMessage);
    assertThrows(UsageError.class, () -> CliOptions.withRunnerDefaults(List.of("--runner=DirectRunner", "--jarOnCluster")));
  }

  private static List<String> concat(List<String> args, String... more) {
    return java.util.stream.Stream.concat(args.stream(), java.util.Arrays.stream(more)).toList();
  }
}
