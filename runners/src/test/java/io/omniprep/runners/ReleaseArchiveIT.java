package io.omniprep.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive {@code mvn package} makes, installed as the README says (unpacked, its
 * launcher linked onto PATH), runs from the link; its first job makes the user's class-data
 * archive, which the next runs use.
 */
class ReleaseArchiveIT {
  private static final Path RELEASE = Paths.get(System.getProperty("omniprep.release", "target/omniprep-release.tar.gz"));

  private record Run(int exit, String log) {}

  @Test
  void theUnpackedReleaseRunsFromALinkOnPathAndMakesItsClassDataArchiveOnce(@TempDir Path dir) throws Exception {
    Path home = unpack(dir);
    for (String file : List.of("bin/omniprep", "lib/omniprep.jar", "flink-lib/omniprep-cluster.jar", "README.md", "docs/FORMATS.md", "Dockerfile")) {
      assertTrue(Files.isRegularFile(home.resolve(file)), file);
    }
    assertTrue(Files.isExecutable(home.resolve("bin/omniprep")));
    Path link = link(dir, home);
    Path cache = dir.resolve("cache");

    Run version = run(link, cache, "", "--version");
    assertEquals(0, version.exit(), version.log());
    String expected = home.getFileName().toString().substring("omniprep-".length());
    assertTrue(version.log().startsWith("omniprep " + expected + "\n"), version.log());
    assertTrue(Files.notExists(cache), "--version makes no archive (it loads few classes)");

    Path input = Paths.get(System.getProperty("omniprep.testdata"), "llava-pretrain/blip_laion_cc_sbu_sample.json");
    Run job = run(link, cache, "", "webdataset", "--input", input.toString(), "--output", dir.resolve("out").toString());
    assertEquals(0, job.exit(), job.log());
    assertTrue(job.log().contains("webdataset: read 32, written 32, failed 0"), job.log());
    List<Path> made = files(cache);
    assertEquals(1, made.size(), made::toString);
    assertTrue(made.get(0).getFileName().toString().endsWith(".jsa"), made::toString);

    // -Xshare:on: the JVM refuses to start unless that archive is in use.
    Run again = run(link, cache, "-Xshare:on", "webdataset", "--input", input.toString(), "--output", dir.resolve("again").toString());
    assertEquals(0, again.exit(), again.log());
    assertEquals(made, files(cache), "made once");
  }

  private static Path unpack(Path dir) throws Exception {
    Path into = Files.createDirectories(dir.resolve("opt"));
    Run tar = exec(List.of("tar", "xzf", RELEASE.toAbsolutePath().toString(), "-C", into.toString()), Map.of());
    assertEquals(0, tar.exit(), tar.log());
    try (Stream<Path> top = Files.list(into)) {
      List<Path> all = top.toList();
      assertEquals(1, all.size(), "one folder, omniprep-VERSION: " + all);
      assertTrue(all.get(0).getFileName().toString().startsWith("omniprep-"), all::toString);
      return all.get(0);
    }
  }

  /** A folder on PATH with a symbolic link to the launcher, as in the README's install. */
  private static Path link(Path dir, Path home) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("path-bin"));
    return Files.createSymbolicLink(bin.resolve("omniprep"), home.resolve("bin/omniprep"));
  }

  private static Run run(Path link, Path cache, String javaOpts, String... args) throws Exception {
    // Found on PATH by the shell, as a user's shell finds it.
    List<String> command = new ArrayList<>(List.of("sh", "-c", "exec omniprep \"$@\"", "omniprep"));
    command.addAll(List.of(args));
    return exec(command, Map.of(
        "PATH", link.getParent() + ":" + System.getenv("PATH"),
        "JAVA_HOME", System.getProperty("java.home"),
        "XDG_CACHE_HOME", cache.toString(),
        "OMNIPREP_JAVA_OPTS", javaOpts));
  }

  private static Run exec(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process p = builder.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), String.join(" ", command));
    return new Run(p.exitValue(), log);
  }

  private static List<Path> files(Path cache) throws IOException {
    try (Stream<Path> files = Files.walk(cache)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
