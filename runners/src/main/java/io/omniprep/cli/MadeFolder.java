package io.omniprep.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The folders the CLI made for {@code --output} before the job ran (to prove it can be written), so
 * that a job that fails before writing anything leaves none of them behind. Only folders this
 * command made are removed, and only when no file is in them.
 */
final class MadeFolder {
  static final MadeFolder NONE = new MadeFolder(null);

  private final @Nullable Path top;

  private MadeFolder(@Nullable Path top) {
    this.top = top;
  }

  /** Makes {@code folder} and its missing parents; remembers the outermost one it made. */
  static MadeFolder create(Path folder) throws IOException {
    Path top = null;
    for (Path p = folder.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
      top = p;
    }
    Files.createDirectories(folder);
    return new MadeFolder(top);
  }

  /** Removes the folders made if the job wrote no file in them; whether it did (not: nothing made, a file in them, or an error). */
  boolean removeIfNothingWritten() {
    if (top == null || !Files.isDirectory(top)) {
      return false;
    }
    try (Stream<Path> all = Files.walk(top)) {
      List<Path> found = all.sorted(Comparator.reverseOrder()).toList();
      if (found.stream().allMatch(Files::isDirectory)) {
        for (Path dir : found) {
          Files.delete(dir);
        }
        return true;
      }
      return false;
    } catch (IOException | UncheckedIOException e) {
      return false; // something was written meanwhile, or the folder cannot be removed: it stays
    }
  }
}
