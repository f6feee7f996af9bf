package io.omniprep.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @Test
  void writeLeavesOnlyTheTarget(@TempDir Path dir) throws Exception {
    ResourceId target = FileSystems.matchNewResource(dir.resolve("a.tar").toString(), false);
    AtomicFiles.write(target, out -> out.write(new byte[] {1, 2, 3}));
    assertEquals(List.of("a.tar"), names(dir));
  }

  @Test
  void onlyTheTemporariesOfKilledWritersAreDeleted(@TempDir Path dir) throws Exception {
    String leftover = ".a.tar." + UUID.randomUUID() + ".tmp";
    for (String name : List.of(leftover, "a.tar", ".notes.tmp", ".b.tar." + UUID.randomUUID() + ".tmp.bak", "c.tmp")) {
      Files.writeString(dir.resolve(name), name);
    }
    ResourceId directory = FileSystems.matchNewResource(dir.toString(), true);

    assertEquals(1, AtomicFiles.deleteLeftoverTemporaries(directory));
    assertEquals(5 - 1, names(dir).size());
    assertEquals(false, Files.exists(dir.resolve(leftover)));
    assertEquals(0, AtomicFiles.deleteLeftoverTemporaries(directory));
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
