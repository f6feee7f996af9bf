package io.omniprep.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.testing.ShardReadBack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's quick-start job exactly as written (the {@code runners/omniprep} half of its
 * first command, from the repository root, on the default embedded runner) with the bundled jar and
 * its class-data archive, and checks what it promises: a summary, shards and Energon metadata.
 */
class ReadmeQuickStartIT {
  private static final Pattern QUICK_START = Pattern.compile("&& (runners/omniprep webdataset [^\\n]+)");

  @Test
  void theReadmeCommandWorksAsWritten() throws Exception {
    Path repo = Path.of(System.getProperty("omniprep.testdata")).getParent();
    String readme = Files.readString(repo.resolve("README.md"));
    Matcher m = QUICK_START.matcher(readme);
    assertTrue(m.find(), "the README's first command builds and runs the webdataset job");
    List<String> command = new ArrayList<>(List.of(m.group(1).split(" ")));
    command.set(0, repo.resolve(command.get(0)).toString());
    String output = command.stream().filter(a -> a.startsWith("--output=")).findFirst().orElseThrow().substring(9);
    Path out = repo.resolve(output);
    deleteRecursively(out);

    ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    // The archive must be in use: with -Xshare:on the JVM refuses to start without it. And the run
    // must leave nothing in the temporary folder (Flink's working folders included).
    Path temp = Files.createTempDirectory("quick-start-tmp");
    builder.environment().put("OMNIPREP_JAVA_OPTS", "-Xshare:on -Djava.io.tmpdir=" + temp);
    Process run = builder.start();
    String log = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(run.waitFor(10, TimeUnit.MINUTES));
    assertEquals(0, run.exitValue(), log);

    JsonNode summary = new ObjectMapper().readTree(out.resolve("_SUMMARY.json").toFile());
    assertEquals(32, summary.get("read").asInt(), log);
    assertEquals(32, summary.get("written").asInt(), log);
    assertTrue(log.contains("webdataset: read 32, written 32, failed 0"), log);
    assertEquals(32, ShardReadBack.readAll(out).size());
    assertTrue(Files.exists(out.resolve(".nv-meta/dataset.yaml")));
    try (var left = Files.list(temp)) {
      assertEquals(List.of(), left.map(p -> p.getFileName().toString()).toList(), "left in the temporary folder");
    }
    Files.delete(temp);
  }

  private static void deleteRecursively(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
