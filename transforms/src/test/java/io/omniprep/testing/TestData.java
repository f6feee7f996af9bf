package io.omniprep.testing;

import java.nio.file.Path;

/** The shared {@code testdata/} folder at the repository root. */
public final class TestData {
  private TestData() {}

  public static Path dir() {
    String configured = System.getProperty("omniprep.testdata");
    return configured != null && !configured.isEmpty()
        ? Path.of(configured)
        : Path.of("..", "testdata");
  }

  public static Path file(String relative) {
    return dir().resolve(relative);
  }
}
