package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpListsThePipelines() {
    assertEquals(0, run("--help"));
    assertTrue(out().contains("webdataset"), out());
    assertTrue(out().contains("convert"), out());
  }

  @Test
  void noArgumentsIsAUsageError() {
    assertEquals(2, run());
    assertTrue(err().startsWith("usage:"), err());
  }

  @Test
  void pipelineHelpListsItsOptionsWithDefaults() {
    assertEquals(0, run("webdataset", "--help"));
    assertTrue(out().contains("--maxSamplesPerShard=N  (default 10000)"), out());
    assertTrue(out().contains("--input=PATH[,PATH...]  (required)"), out());
    assertTrue(out().contains("--layout=vqa|chatml|chatml-omni|raw  (default vqa)"), out());
  }

  @Test
  void mistakesEndWithOneClearLineAndExitTwo(@TempDir Path dir) {
    assertEquals(2, run("nosuch"));
    assertEquals("omniprep: unknown pipeline 'nosuch' (run with --help for the list)", err().trim());
    err.reset();
    assertEquals(2, run("convert", "--input=x.json", "--output=" + dir, "--colour=blue"));
    assertTrue(err().startsWith("omniprep convert: ") && err().contains("colour"), err());
    assertEquals(1, err().trim().lines().count(), err());
    err.reset();
    assertEquals(2, run("convert", "--output=" + dir));
    assertTrue(err().contains("input"), err());
    err.reset();
    assertEquals(2, run("convert", "--runner=DirectRunner", "--input=" + dir.resolve("missing-*.json"), "--output=" + dir));
    assertTrue(err().contains("no input file matches"), err());
    err.reset();
    assertEquals(2, run("webdataset", "--runner=DirectRunner", "--input=" + Fixtures.testdata("jsonl/ola.jsonl"), "--output=" + dir, "--layout=zip"));
    assertTrue(err().contains("unknown layout 'zip'"), err());
  }

  @Test
  void aRunPrintsAndWritesItsSummary(@TempDir Path dir) throws Exception {
    assertEquals(0, run("convert", "--runner=DirectRunner", "--input=" + Fixtures.testdata("jsonl/ola.jsonl"), "--output=" + dir));
    String summary = Files.readString(dir.resolve("_SUMMARY.json"));
    assertEquals(summary, out());
    assertTrue(summary.contains("\"read\" : 5"), summary);
    assertTrue(err().contains("convert: read 5, written 4, failed 1 (malformed_json 1)"), err());
  }

  @Test
  void relativeLocalPathsBecomeAbsoluteButUrisStayAsGiven() {
    var args = CliOptions.absolutizePaths(io.omniprep.options.ConvertOptions.class,
        new String[] {"--input=a.json,gs://b/c.json", "--output=out/x", "--to=llava"});
    assertEquals("--input=" + Path.of("a.json").toAbsolutePath() + ",gs://b/c.json", args.get(0));
    assertEquals("--output=" + Path.of("out/x").toAbsolutePath(), args.get(1));
    assertEquals("--to=llava", args.get(2));
  }

  @Test
  void anArgumentNamesItsOptionWithOrWithoutAValue() {
    assertEquals("input", CliOptions.optionName("--input=a=b.json"));
    assertEquals("overwrite", CliOptions.optionName("--overwrite"));
    assertNull(CliOptions.optionName("--=x"));
    assertNull(CliOptions.optionName("--"));
    assertNull(CliOptions.optionName("input=x"));
  }

  @Test
  void aGetterNamesItsOptionAsBeamDoes() throws NoSuchMethodException {
    assertEquals("mediaRoot", CliOptions.optionName(io.omniprep.options.InputOptions.class.getMethod("getMediaRoot")));
    assertNull(CliOptions.optionName(io.omniprep.options.InputOptions.class.getMethod("setMediaRoot", String.class)));
  }

  @Test
  void defaultsToEmbeddedFlinkOnEveryCoreAndNeverProbesCloudMetadata() {
    var args = CliOptions.withAwsRegionDefault(CliOptions.withRunnerDefaults(java.util.List.of("--input=x")));
    assertTrue(args.contains("--runner=FlinkRunner"));
    assertTrue(args.contains("--flinkMaster=[local]"));
    assertTrue(args.contains("--fasterCopy=true"));
    assertTrue(args.contains("--parallelism=" + Runtime.getRuntime().availableProcessors()));
    assertTrue(args.contains("--awsRegion=us-east-1"));
    var s3 = CliOptions.withAwsRegionDefault(java.util.List.of("--input=s3://bucket/x.json"));
    assertTrue(s3.stream().noneMatch(a -> a.startsWith("--awsRegion")), "S3 users get the standard region chain");
  }
}
