package io.omniprep.testing;

import io.omniprep.sample.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds the shared {@code testdata/} folder and reads small files, for every module's tests. */
public final class Fixtures {
  private Fixtures() {}

  /** The repository's {@code testdata/} folder (surefire sets {@code omniprep.testdata}). */
  public static Path testdata() {
    String configured = System.getProperty("omniprep.testdata");
    Path dir = configured != null ? Paths.get(configured) : Paths.get("..", "testdata");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("testdata folder not found at " + dir.toAbsolutePath());
    }
    return dir.toAbsolutePath().normalize();
  }

  public static Path testdata(String relative) {
    return testdata().resolve(relative);
  }

  public static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every regular file under {@code dir} but its bookkeeping folder {@code .omniprep/}, as sorted relative paths. */
  public static List<String> listFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      List<String> out = new ArrayList<>();
      files.filter(Files::isRegularFile)
          .map(f -> dir.relativize(f).toString())
          // The output's bookkeeping (resume journals and stamps), not files a user reads.
          .filter(f -> !f.startsWith(".omniprep/"))
          .forEach(out::add);
      out.sort(null);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ids (raw JSON) of samples, sorted, for compact assertions. */
  public static List<String> ids(Iterable<Sample> samples) {
    List<String> ids = new ArrayList<>();
    for (Sample s : samples) {
      ids.add(s.idJson());
    }
    ids.sort(null);
    return ids;
  }
}
