package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * A job that reads records and writes none, every one having failed, exits 1 with a line naming
 * the reason and what to do; one record written is a finished job (exit 0).
 */
class NothingWrittenTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  /** 32 records, each with one image under the fixture's folder. */
  private static final Path PRETRAIN = Fixtures.testdata("llava-pretrain/blip_laion_cc_sbu_sample.json");

  private int run(String... args) {
    err.reset();
    return Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String lastLine() {
    return err().strip().lines().reduce((a, b) -> b).orElse("");
  }

  @Test
  void everyMediumMissingUnderAWrongMediaRootIsAFailedJob(@TempDir Path dir) throws Exception {
    Path wrongRoot = Files.createDirectories(dir.resolve("elsewhere"));
    Path out = dir.resolve("out");
    assertEquals(1, run("convert", "--runner=DirectRunner", "--input=" + PRETRAIN, "--mediaRoot=" + wrongRoot, "--output=" + out), err());
    assertTrue(err().contains("read 32, written 0, failed 32 (media_missing 32)"), "the summary line still comes: " + err());
    String line = lastLine();
    assertTrue(line.startsWith("omniprep convert: no record was written"), line);
    assertTrue(line.contains("media_missing") && line.contains("--mediaRoot") && line.contains(out + "/_errors/"), line);
    assertTrue(Files.exists(out.resolve("_SUMMARY.json")), "the summary is kept to show why");
  }

  @Test
  void everyRecordMalformedIsAFailedJob(@TempDir Path dir) throws Exception {
    Path input = Fixtures.write(dir.resolve("notes.jsonl"), "just some notes\nnot records either\n");
    assertEquals(1, run("convert", "--runner=DirectRunner", "--input=" + input, "--output=" + dir.resolve("out")), err());
    assertTrue(lastLine().contains("every one failed as malformed_json; check that --input names the records"), lastLine());
  }

  @Test
  void severalReasonsAreListed(@TempDir Path dir) throws Exception {
    Path input = Fixtures.write(dir.resolve("mixed.jsonl"),
        "not json\n{\"id\": 1, \"image\": \"gone.jpg\", \"conversations\": [{\"from\": \"human\", \"value\": \"<image>\"}]}\n");
    assertEquals(1, run("convert", "--runner=DirectRunner", "--input=" + input, "--output=" + dir.resolve("out")), err());
    assertTrue(lastLine().contains("every one failed (malformed_json 1, media_missing 1)"), lastLine());
  }

  @Test
  void oneRecordWrittenIsAFinishedJob(@TempDir Path dir) throws Exception {
    Path input = Fixtures.write(dir.resolve("one-good.jsonl"),
        "not json\n{\"id\": 1, \"conversations\": [{\"from\": \"human\", \"value\": \"q\"}, {\"from\": \"gpt\", \"value\": \"a\"}]}\n");
    assertEquals(0, run("convert", "--runner=DirectRunner", "--input=" + input, "--output=" + dir.resolve("out")), err());
    assertTrue(lastLine().contains("written 1, failed 1 (malformed_json 1)"), lastLine());
  }
}
