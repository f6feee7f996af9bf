package io.omniprep.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher runs a job on a small input (local records of at most 1 MiB) with C1 alone, and any
 * other job with the JVM's tiered default: read back from the JVM's own flag table
 * ({@code -XX:+PrintFlagsFinal}), on real jobs of each kind.
 */
class LauncherCompilerIT {
  private static final Pattern STOP_AT = Pattern.compile("TieredStopAtLevel\\s+=\\s+(\\d+)\\s+\\{product\\}\\s+\\{([^}]+)\\}");
  private static final Path REPO = Path.of(System.getProperty("omniprep.testdata")).getParent();

  @Test
  void aSmallLocalInputRunsOnC1Alone(@TempDir Path dir) throws Exception {
    Path small = write(dir.resolve("small.json"), 100);
    assertTrue(Files.size(small) < 1 << 20);
    assertEquals("1 command line", stopAt(dir, "--input=" + small));
    assertEquals("1 command line", stopAt(dir, "--input", small.toString()));
  }

  @Test
  void aLargerInputAGlobOrTwoFilesOverTheLimitKeepTheDefault(@TempDir Path dir) throws Exception {
    Path large = write(dir.resolve("large.json"), 12_000);
    assertTrue(Files.size(large) > 1 << 20, Files.size(large) + " bytes");
    assertEquals("4 default", stopAt(dir, "--input=" + large));
    Path half = write(dir.resolve("half.json"), 6_000);
    assertTrue(Files.size(half) < 1 << 20 && 2 * Files.size(half) > 1 << 20);
    assertEquals("4 default", stopAt(dir, "--input=" + half + "," + half));
    write(dir.resolve("small.json"), 10);
    assertEquals("4 default", stopAt(dir, "--input=" + dir + "/sm*.json"));
  }

  /** The C2 cut-off level of a convert job on {@code input} args, and where it came from. */
  private static String stopAt(Path dir, String... input) throws Exception {
    List<String> command = new ArrayList<>(List.of(REPO.resolve("runners/omniprep").toString(), "convert"));
    command.addAll(List.of(input));
    command.addAll(List.of("--checkMedia=false", "--quiet", "--overwrite", "--output=" + dir.resolve("out")));
    ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("OMNIPREP_JAVA_OPTS", "-XX:+PrintFlagsFinal");
    Process run = builder.start();
    String log = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(run.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, run.exitValue(), log.length() > 4000 ? log.substring(log.length() - 4000) : log);
    Matcher m = STOP_AT.matcher(log);
    assertTrue(m.find(), "the flag table lists TieredStopAtLevel");
    return m.group(1) + " " + m.group(2);
  }

  /** {@code records} LLaVA records without media. */
  private static Path write(Path file, int records) throws Exception {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < records; i++) {
      json.append(i > 0 ? ",\n" : "").append("{\"id\": \"r").append(i).append("\", \"conversations\": [{\"from\": \"human\", ")
          .append("\"value\": \"What is in the picture, in a few words?\"}, {\"from\": \"gpt\", \"value\": \"a caption ")
          .append(i).append(" of some length\"}]}");
    }
    return Files.writeString(file, json.append("]").toString());
  }
}
