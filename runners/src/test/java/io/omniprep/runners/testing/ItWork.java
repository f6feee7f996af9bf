package io.omniprep.runners.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A fresh working folder per integration test class under target/it-work/. Registered as an
 * extension ({@code @RegisterExtension static final ItWork WORK = new ItWork();}), it deletes the
 * class's folder once the class is done (the Flink cluster's alone takes 1 GB), but keeps it when a
 * test failed, or with {@code -Domniprep.it.keep=true}, for inspection.
 */
public final class ItWork implements TestWatcher, AfterAllCallback {
  private final AtomicBoolean failed = new AtomicBoolean();

  public static Path fresh(Class<?> test) throws IOException {
    Path dir = dir(test);
    delete(dir);
    return Files.createDirectories(dir);
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    failed.set(true);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    boolean keep = failed.get() || context.getExecutionException().isPresent() || Boolean.getBoolean("omniprep.it.keep");
    if (!keep) {
      delete(dir(context.getRequiredTestClass()));
    }
  }

  static Path dir(Class<?> test) {
    return Paths.get(System.getProperty("omniprep.it.work", "target/it-work")).toAbsolutePath().resolve(test.getSimpleName());
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
