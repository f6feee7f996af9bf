package io.omniprep.runners.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

/** A fresh working folder per integration test class under target/it-work/, kept afterwards for inspection. */
public final class ItWork {
  private ItWork() {}

  public static Path fresh(Class<?> test) throws IOException {
    Path dir = Paths.get(System.getProperty("omniprep.it.work", "target/it-work")).toAbsolutePath().resolve(test.getSimpleName());
    if (Files.exists(dir)) {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }
    return Files.createDirectories(dir);
  }
}
