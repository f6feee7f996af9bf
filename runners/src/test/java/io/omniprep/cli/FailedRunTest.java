package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that fails leaves nothing that looks complete, and a rerun never serves what an earlier run
 * left: the failure is forced by making {@code OUTPUT/_errors} a file, so the errors output cannot
 * be written while the records that passed can.
 */
class FailedRunTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    err.reset();
    return Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** ola.jsonl has 5 records, one malformed: a run writes 4 and one error. */
  private static final String INPUT = "--input=" + Fixtures.testdata("jsonl/ola.jsonl");

  private void breakErrorsOutput(Path out) throws Exception {
    Path errors = out.resolve("_errors");
    if (Files.isDirectory(errors)) {
      for (Path f : Fixtures.listFiles(errors).stream().map(errors::resolve).toList()) {
        Files.delete(f);
      }
      Files.delete(errors);
    }
    Files.writeString(errors, "not a folder");
  }

  @Test
  void aFailedConvertLeavesNoLlavaJsonNorTheOneOfAnEarlierRun(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    assertEquals(0, run("convert", "--runner=DirectRunner", INPUT, "--output=" + out), err());
    assertTrue(Files.exists(out.resolve("llava.json")));
    assertTrue(Files.exists(out.resolve("_SUMMARY.json")));
    breakErrorsOutput(out);
    assertEquals(1, run("convert", "--runner=DirectRunner", INPUT, "--output=" + out, "--overwrite"), err());
    assertFalse(Files.exists(out.resolve("llava.json")), Fixtures.listFiles(out).toString());
    assertFalse(Files.exists(out.resolve("_SUMMARY.json")), "a summary of the earlier run is stale");
    assertTrue(err().contains("llava.json"), err());
  }

  @Test
  void aFailedWebDatasetRunLeavesNoEnergonMetadata(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    assertEquals(0, run("webdataset", "--runner=DirectRunner", INPUT, "--output=" + out, "--layout=raw"), err());
    assertTrue(Files.exists(out.resolve(".nv-meta/split.yaml")));
    breakErrorsOutput(out);
    assertEquals(1, run("webdataset", "--runner=DirectRunner", INPUT, "--output=" + out, "--layout=raw"), err());
    for (String f : new String[] {"split.yaml", "dataset.yaml", ".info.yaml", ".info.json", "index.sqlite", "index.uuid"}) {
      assertFalse(Files.exists(out.resolve(".nv-meta").resolve(f)), f + " left: " + Fixtures.listFiles(out));
    }
    assertTrue(err().contains(".nv-meta"), err());
  }
}
