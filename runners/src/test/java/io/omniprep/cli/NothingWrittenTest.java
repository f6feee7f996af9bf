package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.runners.testing.CliRuns;
import io.omniprep.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that reads records and writes none, every one having failed, exits 1 with a line naming
 * the reason and what to do; one record written is a finished job (exit 0).
 */
class NothingWrittenTest {
  /** 32 records, each with one image under the fixture's folder. */
  private static final Path PRETRAIN = Fixtures.testdata("llava-pretrain/blip_laion_cc_sbu_sample.json");
  private static final String TURNS = "\"conversations\": [{\"from\": \"human\", \"value\": \"q\"}, {\"from\": \"gpt\", \"value\": \"a\"}]";

  private static CliRuns.Result convert(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("convert", "--runner=DirectRunner"));
    all.addAll(List.of(args));
    return CliRuns.inProcess("convert", all);
  }

  /** convert over {@code lines} as JSON Lines; the last line it printed. */
  private static String convertLines(Path dir, int expectedExit, String lines) throws Exception {
    Path input = Fixtures.write(dir.resolve("records.jsonl"), lines);
    CliRuns.Result result = convert("--input=" + input, "--output=" + dir.resolve("out"));
    assertEquals(expectedExit, result.exitCode(), result::describe);
    return lastLine(result);
  }

  private static String lastLine(CliRuns.Result result) {
    return result.stderr().strip().lines().reduce((a, b) -> b).orElse("");
  }

  @Test
  void everyMediumMissingUnderAWrongMediaRootIsAFailedJob(@TempDir Path dir) throws Exception {
    Path wrongRoot = Files.createDirectories(dir.resolve("elsewhere"));
    Path out = dir.resolve("out");
    CliRuns.Result result = convert("--input=" + PRETRAIN, "--mediaRoot=" + wrongRoot, "--output=" + out);
    assertEquals(1, result.exitCode(), result::describe);
    assertTrue(result.stderr().contains("read 32, written 0, failed 32 (media_missing 32)"), "the summary line still comes: " + result.stderr());
    String line = lastLine(result);
    assertTrue(line.startsWith("omniprep convert: no record was written"), line);
    assertTrue(line.contains("media_missing") && line.contains("--mediaRoot") && line.contains(out + "/_errors/"), line);
    assertTrue(Files.exists(out.resolve("_SUMMARY.json")), "the summary is kept to show why");
  }

  @Test
  void everyRecordMalformedIsAFailedJob(@TempDir Path dir) throws Exception {
    String line = convertLines(dir, 1, "just some notes\nnot records either\n");
    assertTrue(line.contains("every one failed as malformed_json; check that --input names the records"), line);
  }

  @Test
  void severalReasonsAreListed(@TempDir Path dir) throws Exception {
    String line = convertLines(dir, 1, "not json\n{\"id\": 1, \"image\": \"gone.jpg\", " + TURNS.replace("\"q\"", "\"<image>\"") + "}\n");
    assertTrue(line.contains("every one failed (malformed_json 1, media_missing 1)"), line);
  }

  @Test
  void oneRecordWrittenIsAFinishedJob(@TempDir Path dir) throws Exception {
    String line = convertLines(dir, 0, "not json\n{\"id\": 1, " + TURNS + "}\n");
    assertTrue(line.contains("written 1, failed 1 (malformed_json 1)"), line);
  }
}
