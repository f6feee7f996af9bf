package io.omniprep.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.runners.testing.ChildProcesses;
import io.omniprep.runners.testing.CliRuns;
import io.omniprep.runners.testing.CliRuns.Result;
import io.omniprep.runners.testing.ItWork;
import io.omniprep.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job that fails on embedded Flink, run from the bundled jar as users run it: the terminal gets
 * the CLI's line saying what failed and what is left, not Flink's and Beam's stack traces of the
 * same failure besides; with {@code --verbose} the trace is there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailedJobTerminalIT {
  @RegisterExtension static final ItWork WORK = new ItWork();
  private final ChildProcesses processes = new ChildProcesses();
  private Path work;
  private CliRuns cli;

  @BeforeAll
  void setUp() throws Exception {
    work = ItWork.fresh(FailedJobTerminalIT.class);
    cli = new CliRuns(processes, work);
  }

  @AfterAll
  void tearDown() {
    processes.close();
    assertEquals(List.of(), processes.survivors(), "processes left running");
  }

  /** An output folder whose {@code _errors} is a file: the job fails once it writes its errors. */
  private List<String> failingJob(String name, String... extra) throws Exception {
    Path out = Files.createDirectories(work.resolve(name));
    Fixtures.write(out.resolve("_errors"), "not a folder");
    List<String> args = new ArrayList<>(List.of("convert", "--runner=FlinkRunner",
        "--input=" + Fixtures.testdata("jsonl/ola.jsonl"), "--output=" + out));
    args.addAll(List.of(extra));
    return args;
  }

  @Test
  void aFailedJobIsTheCliLineAlone() throws Exception {
    Result run = cli.run("quiet", Map.of(), failingJob("quiet"));
    assertEquals(1, run.exitCode(), run::describe);
    // The two lines Java prints for the test's network guard (LoopbackOnly, a security manager) aside.
    List<String> lines = run.stderr().strip().lines().filter(line -> !line.contains("The Security Manager")
        && !line.contains("enabled the Security Manager")).toList();
    assertEquals(1, lines.size(), run::describe);
    assertTrue(lines.get(0).contains("the job failed") && lines.get(0).contains("_errors"), run::describe);
  }

  @Test
  void verboseAddsTheTrace() throws Exception {
    Result run = cli.run("verbose", Map.of(), failingJob("verbose", "--verbose"));
    assertEquals(1, run.exitCode(), run::describe);
    assertTrue(run.stderr().contains("the job failed"), run::describe);
    assertTrue(run.stderr().contains("\tat "), "the stack trace: " + run.describe());
    assertFalse(run.stderr().contains("(--verbose shows where)"), run::describe);
  }
}
