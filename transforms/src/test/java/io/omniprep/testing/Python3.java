package io.omniprep.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code python3} from PATH for cross-checks against the real reference implementation.
 * Tests call {@link #assumeAvailable()} or {@link #assumeModule(String)}: on a developer's machine
 * without Python (or without e.g. PyYAML) they are skipped with the reason; under CI ({@code CI} set,
 * or {@code OMNIPREP_REQUIRE_PYTHON}, which {@code .ci/run} sets after installing them) they fail
 * instead, so a cross-check never passes by not running.
 */
public final class Python3 {
  private static final Map<String, Boolean> MODULES = new HashMap<>();
  private static Boolean available;

  private Python3() {}

  /** Whether {@code python3} can be started. */
  public static synchronized boolean isAvailable() {
    if (available == null) {
      available = exitCode("import sys; sys.exit(0 if sys.version_info[0] == 3 else 1)") == 0;
    }
    return available;
  }

  /** Whether {@code python3} can import {@code module}. */
  public static synchronized boolean hasModule(String module) {
    return isAvailable() && MODULES.computeIfAbsent(module, m -> exitCode("import " + m) == 0);
  }

  /** Skips the calling test unless python3 is on PATH (fails it under CI). */
  public static void assumeAvailable() {
    require(isAvailable(), "python3 not on PATH");
  }

  /** Skips the calling test unless python3 with {@code module} is available (fails it under CI). */
  public static void assumeModule(String module) {
    require(hasModule(module), "python3 module '" + module + "' not available");
  }

  /** Skips when {@code condition} is false, or fails under CI, where the cross-checks must run. */
  public static void require(boolean condition, String missing) {
    if (!condition && underCi()) {
      fail(missing + ": under CI every cross-check against Python must run (.ci/run installs python3, PyYAML, numpy)");
    }
    assumeTrue(condition, missing);
  }

  private static boolean underCi() {
    return isSet(System.getenv("CI")) || isSet(System.getenv("OMNIPREP_REQUIRE_PYTHON"));
  }

  private static boolean isSet(String value) {
    return value != null && !value.isEmpty() && !value.equalsIgnoreCase("false") && !value.equals("0");
  }

  /**
   * Runs {@code python3 -c script args...} with {@code stdin} as standard input and returns its
   * standard output. Fails the test (AssertionError) on a non-zero exit, showing stderr.
   */
  public static byte[] run(String script, byte[] stdin, String... args) {
    try {
      Path in = Files.createTempFile("py-in", ".bin");
      Path err = Files.createTempFile("py-err", ".txt");
      try {
        Files.write(in, stdin);
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", script));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
            .redirectInput(in.toFile())
            .redirectError(err.toFile());
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        Process p = pb.start();
        byte[] out;
        try (InputStream s = p.getInputStream()) {
          out = s.readAllBytes();
        }
        int code = p.waitFor();
        if (code != 0) {
          throw new AssertionError("python3 exited with " + code + ":\n"
              + Files.readString(err, StandardCharsets.UTF_8));
        }
        return out;
      } finally {
        Files.deleteIfExists(in);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new AssertionError("could not run python3", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** {@link #run} with UTF-8 text in and out. */
  public static String runText(String script, String stdin, String... args) {
    return new String(run(script, stdin.getBytes(StandardCharsets.UTF_8), args), StandardCharsets.UTF_8);
  }

  private static int exitCode(String script) {
    try {
      Process p = new ProcessBuilder("python3", "-c", script)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      p.getOutputStream().close();
      return p.waitFor();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
