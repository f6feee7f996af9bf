package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.runners.testing.S3Mock;
import io.omniprep.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typical mistakes end in one line naming the path and what to do, before any job runs (exit 2). */
class TypicalMistakesTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private static final String INPUT = "--input=" + Fixtures.testdata("jsonl/ola.jsonl");

  private int run(String... args) {
    err.reset();
    return Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private void assertOneLine(String... parts) {
    assertEquals(1, err().strip().lines().count(), err());
    for (String part : parts) {
      assertTrue(err().contains(part), part + " in: " + err());
    }
  }

  @Test
  void anOutputThatIsAFile(@TempDir Path dir) throws Exception {
    Path file = Fixtures.write(dir.resolve("out.txt"), "x");
    assertEquals(2, run("convert", "--runner=DirectRunner", INPUT, "--output=" + file));
    assertOneLine("--output", file.toString(), "is a file");
  }

  @Test
  void anOutputThatCannotBeWrittenIsFoundBeforeTheJob() {
    // procfs refuses new folders to every user, root included: what a read-only mount does.
    String output = "/proc/omniprep-typical-mistakes/out";
    assertEquals(2, run("convert", "--runner=DirectRunner", INPUT, "--output=" + output));
    assertOneLine("cannot write to --output", output, "name a folder you can write");
    assertFalse(Files.exists(Path.of(output)));
  }

  @Test
  void anInputThatIsAFolder(@TempDir Path dir) throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertEquals(2, run("convert", "--runner=DirectRunner", "--input=" + empty, "--output=" + dir.resolve("out")));
    assertOneLine("--input", empty.toString(), "is a folder");
    Path full = Files.createDirectories(dir.resolve("full"));
    Fixtures.write(full.resolve("a.json"), "[]");
    assertEquals(2, run("convert", "--runner=DirectRunner", "--input=" + full, "--output=" + dir.resolve("out")));
    assertOneLine("is a folder", full + "/*.json");
  }

  @Test
  void aFailedJobIsOneLineWithoutItsStackTrace(@TempDir Path dir) throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Fixtures.write(out.resolve("_errors"), "not a folder");
    assertEquals(1, run("convert", "--runner=DirectRunner", INPUT, "--output=" + out));
    assertOneLine("the job failed", "_errors");
    assertEquals(1, run("convert", "--runner=DirectRunner", INPUT, "--output=" + out, "--verbose"));
    assertTrue(err().lines().count() > 5, "--verbose adds the trace: " + err());
  }

  @Test
  void aMediaRootThatIsNotAFolder(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("no-such-media");
    assertEquals(2, run("webdataset", "--runner=DirectRunner", INPUT, "--mediaRoot=" + missing, "--output=" + dir.resolve("out")));
    assertOneLine("--mediaRoot", missing.toString(), "does not exist");
    Path file = Fixtures.write(dir.resolve("media.txt"), "x");
    assertEquals(2, run("webdataset", "--runner=DirectRunner", INPUT, "--mediaRoot=" + file, "--output=" + dir.resolve("out")));
    assertOneLine("--mediaRoot", file.toString(), "is not a folder");
    assertTrue(!Files.exists(dir.resolve("out")), "nothing ran");
  }

  @Test
  void aShuffleSeedThatIsNoNumber(@TempDir Path dir) throws Exception {
    assertEquals(2, run("webdataset", "--runner=DirectRunner", INPUT, "--shuffle=random", "--output=" + dir.resolve("out")));
    assertOneLine("--shuffle", "'random'", "a whole number");
    assertTrue(!Files.exists(dir.resolve("out/_SUMMARY.json")), "nothing ran");
  }

  @Test
  void aMixtureYamlGivenAsRecords(@TempDir Path dir) throws Exception {
    Path yaml = Fixtures.testdata("mixture/mix.yaml");
    assertEquals(2, run("webdataset", "--runner=DirectRunner", "--input=" + yaml, "--output=" + dir.resolve("out")));
    assertOneLine("--input", yaml.toString(), "mixture YAML", "omniprep mixture --config=");
  }

  /** An object store that refuses the connection is a failed job (exit 1), not a usage mistake (2). */
  @Test
  void anUnreachableObjectStoreIsAFailedJob(@TempDir Path dir) throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    // Path-style addressing and fixed credentials: the client asks 127.0.0.1 and nothing else.
    assertEquals(1, run("webdataset", "--runner=DirectRunner", "--input=s3://bucket/records.json", "--awsRegion=us-east-1",
        "--endpoint=http://127.0.0.1:" + port, "--s3ClientFactoryClass=" + S3Mock.PATH_STYLE_FACTORY,
        "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\"k\",\"secretAccessKey\":\"s\"}",
        "--output=" + dir.resolve("out")));
    assertOneLine("cannot reach input", "s3://bucket/records.json", "nothing was run");
  }
}
