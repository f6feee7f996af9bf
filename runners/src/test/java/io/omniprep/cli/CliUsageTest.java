package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.options.ConvertOptions;
import io.omniprep.options.ExtractAudioOptions;
import io.omniprep.options.WebDatasetOptions;
import io.omniprep.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.util.ReleaseInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as people type it: spaces, flags, slips of the fingers, ~, -h and --version. */
class CliUsageTest {
  private static final OptionCatalog CONVERT = OptionCatalog.of(ConvertOptions.class);

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    out.reset();
    err.reset();
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static List<String> args(String... args) {
    return Arguments.parse("convert", args, CONVERT).options();
  }

  private static String mistake(String... args) {
    return assertThrows(UsageError.class, () -> Arguments.parse("convert", args, CONVERT)).getMessage();
  }

  @Test
  void aValueMayFollowItsOptionAfterASpace() {
    assertEquals(List.of("--input=a.json", "--output=out", "--to=sharegpt"), args("--input", "a.json", "--output", "out", "--to=sharegpt"));
    assertEquals(List.of("--input=a.json", "--output=-x", "--maxRecordsPerFile=-1"), args("--input", "a.json", "--output", "-x", "--maxRecordsPerFile", "-1"));
  }

  @Test
  void aBooleanOptionGivenAloneStaysAFlag() {
    assertEquals(List.of("--overwrite", "--input=a.json", "--output=out"), args("--overwrite", "--input", "a.json", "--output", "out"));
    assertEquals(List.of("--input=a.json", "--output=out", "--overwrite"), args("--input", "a.json", "--output", "out", "--overwrite"));
    assertEquals(List.of("--input=a.json", "--checkMedia=false", "--output=out"), args("--input", "a.json", "--checkMedia", "false", "--output", "out"));
    assertEquals(List.of("--input=a.json", "--output=out", "--overwrite=true"), args("--input=a.json", "--output=out", "--overwrite=TRUE"));
    assertEquals("--overwrite is a flag: give it alone or as --overwrite=true|false, not followed by 'b.json'",
        mistake("--input=a.json", "--output=out", "--overwrite", "b.json"));
    assertEquals("unexpected argument 'b.json' (options are --name=value or --name value)", mistake("--input=a.json", "b.json", "--output=out"));
  }

  @Test
  void runnerOptionsTakeSpacesToo() {
    assertEquals(List.of("--input=a.json", "--output=out", "--runner=DirectRunner", "--parallelism=2", "--fasterCopy"),
        args("--input=a.json", "--output=out", "--runner", "DirectRunner", "--parallelism", "2", "--fasterCopy"));
  }

  @Test
  void aRunWithSpaceSeparatedValues(@TempDir Path dir) throws Exception {
    assertEquals(0, run("convert", "--runner", "DirectRunner", "--input", Fixtures.testdata("jsonl/ola.jsonl").toString(), "--output", dir.toString(), "--overwrite"), err());
    assertTrue(Files.readString(dir.resolve("_SUMMARY.json")).contains("\"read\" : 5"));
  }

  @Test
  void lengthOptionsNeedAReadableTokenizer(@TempDir Path dir) {
    String input = "--input=" + Fixtures.testdata("sharegpt/dataset.json");
    String output = "--output=" + dir.resolve("out");
    assertEquals(2, run("webdataset", input, output, "--maxSequenceLength=4096"));
    assertTrue(err().contains("--maxSequenceLength and --packTo count tokens: they need --tokenizer"), err());
    assertEquals(2, run("webdataset", input, output, "--tokenizer=" + dir.resolve("missing/tokenizer.json")));
    assertTrue(err().contains("--tokenizer: no file"), err());
    assertEquals(2, run("webdataset", input, output, "--tokenizer=" + Fixtures.testdata("sharegpt/dataset.json"), "--chatTemplate=llama"));
    assertTrue(err().contains("unknown chat template 'llama'"), err());
  }

  @Test
  void aMisspelledPipelineOrOptionGetsASuggestion() {
    assertEquals(2, run("convrt", "--input=a.json"));
    assertEquals("omniprep: unknown pipeline 'convrt'; did you mean convert?", err().strip());
    assertEquals(2, run("convert", "--input=a.json", "--ouput=out"));
    assertEquals("omniprep convert: unknown option --ouput; did you mean --output?", err().strip());
    assertEquals(2, run("webdataset", "--input=a.json", "--output=out", "--maxSamplesPerShrad=5"));
    assertEquals("omniprep webdataset: unknown option --maxSamplesPerShrad; did you mean --maxSamplesPerShard?", err().strip());
    assertEquals("unknown option --flinkMastr; did you mean --flinkMaster?", mistake("--input=a.json", "--output=out", "--flinkMastr=x"));
    assertEquals(2, run("--input=a.json"));
    assertTrue(err().startsWith("omniprep: the pipeline comes first"), err());
  }

  @Test
  void aValueOfTheWrongKindIsOneLineNamingTheOption() {
    assertEquals(2, run("convert", "--input=a.json", "--output=out", "--overwrite=no"));
    assertEquals("omniprep convert: --overwrite expects true or false, got 'no'", err().strip());
    assertEquals("--maxRecordsPerFile expects a whole number, got '10k'", mistake("--input=a.json", "--output=out", "--maxRecordsPerFile", "10k"));
    assertEquals("--maxRecordsPerFile expects a whole number, got '99999999999'", mistake("--input=a.json", "--output=out", "--maxRecordsPerFile=99999999999"));
    assertEquals("--output expects a path, got nothing", mistake("--input=a.json", "--output"));
    assertEquals("--runner expects DirectRunner, FlinkRunner or DataflowRunner, got 'Flnk'; did you mean FlinkRunner?",
        mistake("--input=a.json", "--output=out", "--runner=Flnk"));
    assertEquals("--defaultSdkHarnessLogLevel expects one of OFF, ERROR, WARN, INFO, DEBUG or TRACE, got 'DEBG'; did you mean DEBUG?",
        mistake("--input=a.json", "--output=out", "--defaultSdkHarnessLogLevel=DEBG"));
    assertEquals("--input=PATH[,PATH...] is required (omniprep convert --help describes it)", mistake("--output=out"));
    OptionCatalog frames = OptionCatalog.of(io.omniprep.options.ExtractFramesOptions.class);
    assertEquals("--timeInterval expects a number, got '1,5'",
        assertThrows(UsageError.class, () -> Arguments.parse("extract-frames", new String[] {"--input=a", "--output=b", "--timeInterval=1,5"}, frames)).getMessage());
    assertEquals(List.of("--input=a", "--output=b", "--timeInterval=0.5"),
        Arguments.parse("extract-frames", new String[] {"--input=a", "--output=b", "--timeInterval", "0.5"}, frames).options());
  }

  @Test
  void theStackTraceOfAMistakeOnlyWithVerbose() {
    assertEquals(2, run("convert", "--input=a.json", "--output=out", "--overwrite=no"));
    assertEquals(1, err().strip().lines().count(), err());
    assertEquals(2, run("convert", "--verbose", "--input=a.json", "--output=out", "--overwrite=no"));
    assertTrue(err().startsWith("omniprep convert: --overwrite expects true or false, got 'no'\n"), err());
    assertTrue(err().contains("at io.omniprep.cli.Arguments"), err());
    assertFalse(CONVERT.knows("verbose"), "--verbose belongs to the CLI, no Beam option shares its name");
  }

  @Test
  void anotherLibrarysMultiLineMessageIsCutToItsFirstLine() {
    assertEquals("Cannot deserialize value of type `boolean` from String \"no\"",
        Cli.usageMessage(new IllegalArgumentException("Cannot deserialize value of type `boolean` from String \"no\"\n at [Source: (String)\"\"no\"\"; byte offset: #UNKNOWN]")));
    assertEquals("2 mixture config errors:\n  a: x\n  b: y", Cli.usageMessage(new IllegalArgumentException("2 mixture config errors:\n  a: x\n  b: y")));
  }

  @Test
  void helpAndVersion() {
    assertEquals(0, run("-h"));
    assertTrue(out().startsWith("usage: omniprep PIPELINE"), out());
    assertEquals(0, run("convert", "-h"));
    assertTrue(out().startsWith("usage: omniprep convert"), out());
    assertEquals(0, run("convert", "--output", "--help"));
    assertTrue(out().startsWith("usage: omniprep convert"), out());
    assertEquals(0, run("--version"));
    List<String> lines = out().lines().toList();
    assertEquals("omniprep " + Version.omniprep(), lines.get(0));
    assertFalse(Version.omniprep().isBlank());
    assertEquals("Apache Beam " + ReleaseInfo.getReleaseInfo().getVersion(), lines.get(1));
    assertTrue(lines.get(1).matches("Apache Beam \\d+\\.\\d+\\.\\d+.*"), lines.get(1));
    assertTrue(lines.get(2).matches("Apache Flink \\d+\\.\\d+\\.\\d+.*"), lines.get(2));
  }

  @Test
  void helpShowsKindsOfValuesPeopleRead() {
    assertEquals(0, run("convert", "--help"));
    assertTrue(out().contains("--input=PATH[,PATH...]  (required)"), out());
    assertTrue(out().contains("--output=PATH  (required)"), out());
    assertTrue(out().contains("--overwrite[=true|false]  (default false)"), out());
    assertTrue(out().contains("--maxRecordsPerFile=N  (default 0)"), out());
    assertTrue(out().contains("--to=llava|sharegpt\n"), out());
    assertTrue(out().contains("--from=json|hf-parquet  (default json)"), out());
    assertFalse(out().matches("(?s).*=(List|String|int|long|double|boolean|Double|Integer)\\b.*"), out());
    assertEquals(0, run("extract-frames", "--help"));
    assertTrue(out().contains("--timeInterval=NUMBER"), out());
    assertTrue(out().contains("--format=auto|videos|llava|sharegpt|jsonl  (default auto)"), out());
    assertEquals("auto|llava|sharegpt|jsonl", OptionCatalog.kind(WebDatasetOptions.class, method(WebDatasetOptions.class, "getFormat")));
    assertEquals("auto|videos|llava|sharegpt|jsonl", OptionCatalog.kind(ExtractAudioOptions.class, method(ExtractAudioOptions.class, "getFormat")));
  }

  @Test
  void aTildeIsTheHomeFolderInPathOptions() {
    String home = System.getProperty("user.home");
    var args = CliOptions.absolutizePaths(ConvertOptions.class,
        new String[] {"--input=~/data/a.json,~", "--output=~/out", "--mediaRoot=~", "--to=~/x", "--tempLocation=~/tmp", "--flinkConfDir=~other/conf"});
    assertEquals("--input=" + Path.of(home, "data/a.json") + "," + Path.of(home), args.get(0));
    assertEquals("--output=" + Path.of(home, "out"), args.get(1));
    assertEquals("--mediaRoot=" + Path.of(home), args.get(2));
    assertEquals("--to=~/x", args.get(3), "not a path option");
    assertEquals("--tempLocation=" + Path.of(home, "tmp"), args.get(4));
    assertEquals("--flinkConfDir=" + Path.of("~other/conf").toAbsolutePath(), args.get(5), "~user is left to the shell");
  }

  @Test
  void suggestionsAreNearMissesOnly() {
    assertEquals(1, Suggestions.distance("ouptut", "output"));
    assertEquals(List.of("output"), Suggestions.closest("ouput", List.of("input", "output", "overwrite")));
    assertEquals(List.of("overwrite"), Suggestions.closest("OverWrite", List.of("output", "overwrite")));
    assertEquals(List.of(), Suggestions.closest("colour", List.of("output", "overwrite", "layout")));
    assertEquals("; did you mean a or b?", Suggestions.didYouMean("c", List.of("a", "b"), ""));
  }

  @Test
  void credentialsGivenAfterASpaceAreHiddenToo() {
    Secrets secrets = Secrets.in(new String[] {"--awsCredentialsProvider", "TOPSECRET", "--output", "x"});
    assertEquals("value <value of --awsCredentialsProvider hidden>", secrets.redact("value TOPSECRET"));
  }

  private static java.lang.reflect.Method method(Class<?> c, String name) {
    try {
      return c.getMethod(name);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }
}
