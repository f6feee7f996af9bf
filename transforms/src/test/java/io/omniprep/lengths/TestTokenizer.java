package io.omniprep.lengths;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Qwen's real tokenizer.json, put in place by the build's test setup ({@code .ci/test-tokenizer}). */
public final class TestTokenizer {
  private TestTokenizer() {}

  /** Its path; fails (never skips) the test when it is missing. */
  public static Path path() {
    String property = System.getProperty("omniprep.test.tokenizer");
    Path file = property == null ? null : Paths.get(property);
    if (file == null || !Files.isRegularFile(file)) {
      fail("Qwen's tokenizer.json is missing (" + property + "): run .ci/test-tokenizer DIR (needs npm), "
          + "as the transforms build does before its tests");
    }
    return file;
  }
}
