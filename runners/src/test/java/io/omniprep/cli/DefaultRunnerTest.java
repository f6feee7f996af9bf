package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which runner a job gets when none is named: the DirectRunner for small local inputs only. */
class DefaultRunnerTest {
  private static final int LIMIT = (int) DefaultRunner.SMALL_INPUT_BYTES;

  @Test
  void aSmallLocalInputRunsOnTheDirectRunnerWithoutItsCopyingChecks(@TempDir Path dir) throws Exception {
    Path input = Files.write(dir.resolve("a.json"), new byte[LIMIT]);

    List<String> args = CliOptions.withRunnerDefaults(List.of("--input=" + input));

    assertTrue(args.containsAll(List.of("--runner=DirectRunner", "--enforceImmutability=false", "--enforceEncodability=false")),
        args::toString);
    assertTrue(args.stream().noneMatch(a -> a.startsWith("--flinkMaster")), args::toString);
  }

  @Test
  void theDirectRunnersOptionsGivenOnTheCommandLineAreKept(@TempDir Path dir) throws Exception {
    Path input = Files.write(dir.resolve("a.json"), new byte[10]);

    List<String> args = CliOptions.withRunnerDefaults(List.of("--input=" + input, "--enforceEncodability=true", "--enforceImmutability"));

    assertTrue(args.contains("--runner=DirectRunner"), args::toString);
    assertEquals(List.of("--enforceEncodability=true"), args.stream().filter(a -> a.startsWith("--enforceEncodability")).toList());
    assertEquals(List.of("--enforceImmutability"), args.stream().filter(a -> a.startsWith("--enforceImmutability")).toList());
  }

  @Test
  void inputsOverTheLimitTogetherRunOnEmbeddedFlink(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("a.json"), new byte[LIMIT / 2 + 1]);
    Files.write(dir.resolve("b.json"), new byte[LIMIT / 2]);

    assertFalse(DefaultRunner.isSmall(dir.resolve("*.json").toString()));
    assertFalse(DefaultRunner.isSmall(dir.resolve("a.json") + "," + dir.resolve("b.json")));
    assertTrue(DefaultRunner.isSmall(dir.resolve("b.json").toString()));
    assertEquals("--runner=FlinkRunner", DefaultRunner.forInput(dir.resolve("*.json").toString()).get(0));
  }

  @Test
  void remoteMissingOrAbsentInputsRunOnEmbeddedFlink(@TempDir Path dir) throws Exception {
    assertFalse(DefaultRunner.isSmall("gs://bucket/a.json"));
    assertFalse(DefaultRunner.isSmall(dir.resolve("missing.json").toString()));
    assertFalse(DefaultRunner.isSmall(null));
  }

  @Test
  void aRunnerOnTheCommandLineIsKept(@TempDir Path dir) throws Exception {
    Path input = Files.write(dir.resolve("a.json"), new byte[10]);

    List<String> args = CliOptions.withRunnerDefaults(List.of("--input=" + input, "--runner=FlinkRunner"));

    assertTrue(args.stream().noneMatch(a -> a.equals("--runner=DirectRunner")), args::toString);
    assertTrue(args.contains("--flinkMaster=[local]"), args::toString);
  }
}
