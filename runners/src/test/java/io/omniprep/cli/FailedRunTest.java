package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.av.testing.TestVideos;
import io.omniprep.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that fails leaves nothing that looks complete, and a rerun never serves what an earlier run
 * left: the failure is forced by making {@code OUTPUT/_errors} a file, so the errors output cannot
 * be written while the records that passed can.
 */
class FailedRunTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** Runs the CLI; a failed run returns once the job's work in this JVM has stopped (see {@link RunnerWork}). */
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

  /**
   * A job that fails before writing anything (its --tokenizer is no tokenizer) leaves none of the
   * folders the CLI made for --output to try writing there; a folder that was there stays.
   */
  @Test
  void aJobThatFailsBeforeWritingLeavesNoOutputFolderTheCliMade(@TempDir Path dir) throws Exception {
    Path notATokenizer = Fixtures.write(dir.resolve("tokenizer.json"), "{\"x\": 1}");
    Path out = dir.resolve("made/out");
    assertEquals(1, run("webdataset", "--runner=DirectRunner", INPUT, "--output=" + out, "--tokenizer=" + notATokenizer), err());
    assertTrue(err().contains("the job failed") && err().contains("nothing was written"), err());
    assertFalse(Files.exists(dir.resolve("made")), "left: " + Fixtures.listFiles(dir));

    Path existing = Files.createDirectories(dir.resolve("existing"));
    assertEquals(1, run("webdataset", "--runner=DirectRunner", INPUT, "--output=" + existing, "--tokenizer=" + notATokenizer), err());
    assertTrue(Files.isDirectory(existing), "a folder the user had is kept");
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
    assertTrue(err().contains(".nv-meta") && err().contains("the shards (shard-*.tar) are partial; _errors/ is partial"), err());
  }

  @Test
  void aFailedReportLeavesNoReportOfAnEarlierRun(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    assertEquals(0, run("report", "--runner=DirectRunner", INPUT, "--output=" + out), err());
    assertTrue(Files.exists(out.resolve("report.json")) && Files.exists(out.resolve("report.html")));
    breakErrorsOutput(out);
    assertEquals(1, run("report", "--runner=DirectRunner", INPUT, "--output=" + out), err());
    for (String f : new String[] {"report.json", "report.html", "_SUMMARY.json"}) {
      assertFalse(Files.exists(out.resolve(f)), f + " left: " + Fixtures.listFiles(out));
    }
    assertTrue(err().contains("report.json"), err());
  }

  /** The pretraining sample (32 images) plus one record whose image is missing, so that the errors output is written. */
  private static String imagesWithOneMissing(Path dir) throws Exception {
    Path missing = Fixtures.write(dir.resolve("missing.json"), "[{\"id\": \"gone\", \"image\": \"gone.jpg\", "
        + "\"conversations\": [{\"from\": \"human\", \"value\": \"<image>\"}, {\"from\": \"gpt\", \"value\": \"x\"}]}]");
    return "--input=" + Fixtures.testdata("llava-pretrain/blip_laion_cc_sbu_sample.json") + "," + missing;
  }

  @Test
  void aFailedPackPatchesRunLeavesNoPatchedJsonNorMapping(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    String input = imagesWithOneMissing(dir);
    assertEquals(0, run("pack-patches", "--runner=DirectRunner", input, "--output=" + out), err());
    assertTrue(Files.exists(out.resolve("patched.json")) && Files.exists(out.resolve("patch_mapping.json")));
    breakErrorsOutput(out);
    assertEquals(1, run("pack-patches", "--runner=DirectRunner", input, "--output=" + out), err());
    for (String f : new String[] {"patched.json", "patch_mapping.json", "_SUMMARY.json"}) {
      assertFalse(Files.exists(out.resolve(f)), f + " left: " + Fixtures.listFiles(out));
    }
    assertTrue(err().contains("patched.json, patch_mapping.json") && err().contains("patch files (patch_*) are partial"), err());
  }

  /** A tone video and a record of it, a record of a missing video, for the extraction stages. */
  private static Path videoRecords(Path dir) throws Exception {
    TestVideos.toneVideo(Files.createDirectories(dir.resolve("videos")));
    String turns = "\"conversations\": [{\"from\": \"human\", \"value\": \"<video>\"}, {\"from\": \"gpt\", \"value\": \"x\"}]";
    return Fixtures.write(dir.resolve("records.json"), "[{\"id\": \"tone\", \"video\": \"videos/tone.mp4\", " + turns + "},"
        + " {\"id\": \"gone\", \"video\": \"videos/gone.mp4\", " + turns + "}]");
  }

  @Test
  void aFailedExtractAudioRunLeavesNoDatasetJson(@TempDir Path dir) throws Exception {
    assertExtractionFailsCleanly(dir, "extract-audio", "WAVs are partial");
  }

  @Test
  void aFailedExtractFramesRunLeavesNoDatasetJson(@TempDir Path dir) throws Exception {
    assertExtractionFailsCleanly(dir, "extract-frames", "frame folders are partial", "--timeInterval=0.5");
  }

  private void assertExtractionFailsCleanly(Path dir, String stage, String partial, String... more) throws Exception {
    Path out = dir.resolve("out");
    List<String> args = new ArrayList<>(List.of(stage, "--runner=DirectRunner", "--input=" + videoRecords(dir), "--output=" + out));
    args.addAll(List.of(more));
    assertEquals(0, run(args.toArray(new String[0])), err());
    assertTrue(Files.exists(out.resolve("dataset.json")));
    breakErrorsOutput(out);
    assertEquals(1, run(args.toArray(new String[0])), err());
    assertFalse(Files.exists(out.resolve("dataset.json")), Fixtures.listFiles(out).toString());
    assertFalse(Files.exists(out.resolve("_SUMMARY.json")));
    assertTrue(err().contains("dataset.json") && err().contains(partial), err());
  }
}
