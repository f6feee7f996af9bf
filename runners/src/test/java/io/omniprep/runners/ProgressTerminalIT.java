package io.omniprep.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher in a pseudo-terminal (util-linux {@code script}), as a user at a terminal runs it:
 * the progress line is redrawn while the job runs, then the summary; {@code --quiet} silences it.
 */
class ProgressTerminalIT {
  private static final Path LAUNCHER = Paths.get(System.getProperty("omniprep.testdata")).resolveSibling("runners/omniprep");
  private static final Path INPUT = Paths.get(System.getProperty("omniprep.testdata"), "llava-pretrain/blip_laion_cc_sbu_sample.json");
  private static final String LINE = "\romniprep webdataset: read ";

  private static String inTerminal(String command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("script", "-qfec", command, "/dev/null").redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = builder.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), log);
    return log;
  }

  /**
   * The sample's 32 records {@code copies} times over, their images under {@code --mediaRoot}: a job
   * that lasts several seconds however fast the writer gets (the line is redrawn every second).
   */
  private static Path repeatedInput(Path dir, int copies) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ArrayNode records = (com.fasterxml.jackson.databind.node.ArrayNode) json.readTree(INPUT.toFile());
    com.fasterxml.jackson.databind.node.ArrayNode all = json.createArrayNode();
    for (int i = 0; i < copies; i++) {
      all.addAll(records);
    }
    Path input = dir.resolve("repeated.json");
    json.writeValue(input.toFile(), all);
    return input;
  }

  @Test
  void theProgressLineIsRedrawnThenTheSummaryFollows(@TempDir Path dir) throws Exception {
    Path input = repeatedInput(dir, 150);
    String log = inTerminal(LAUNCHER + " webdataset --input " + input + " --mediaRoot " + INPUT.getParent() + " --output " + dir.resolve("out"));

    int drawn = log.split(LINE, -1).length - 1;
    assertTrue(drawn >= 2, "redrawn while the job runs: " + drawn + " times in " + log);
    assertTrue(log.contains("records/s, 0:0"), log);
    assertTrue(log.contains(" of 4,800, written "), "the total the boundary scan found: " + log);
    // The summary line names the output (a progress line with the same counts does not).
    // 150 copies of 32 records with distinct ids: each id is repeated 149 times over.
    int summary = log.indexOf("webdataset: read 4800, written 4800, failed 0, duplicate ids " + (4800 - 32) + " -> ");
    assertTrue(summary > log.lastIndexOf(LINE), "the summary comes after the last redraw: " + log);
  }

  @Test
  void quietSilencesIt(@TempDir Path dir) throws Exception {
    String log = inTerminal(String.join(" ", List.of(LAUNCHER.toString(), "webdataset", "--quiet", "--input", INPUT.toString(), "--output", dir.resolve("out").toString())));

    assertFalse(log.contains("records/s"), log);
    assertTrue(log.contains("webdataset: read 32, written 32, failed 0 -> "), log);
  }
}
