package io.omniprep.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumberedPartsTest {
  private static final NumberedParts ERRORS = new NumberedParts("_errors", "errors-", ".jsonl");

  @Test
  void aPartIsNamedByItsNumberInSixDigitsOrMore() {
    ResourceId dir = FileSystems.matchNewResource("/out", true);
    assertEquals("/out/_errors/errors-000007.jsonl", ERRORS.location(dir, 7).toString());
    assertEquals("/out/_errors/errors-1234567.jsonl", ERRORS.location(dir, 1_234_567).toString());
    assertEquals(7L, ERRORS.numberOf("errors-000007.jsonl"));
    assertEquals(1_234_567L, ERRORS.numberOf("errors-1234567.jsonl"));
  }

  @Test
  void namesThisKindNeverWritesAreNotParts() {
    for (String name : List.of("errors-7.jsonl", "errors-00000x.jsonl", "errors-000007.json", "other-000007.jsonl",
        ".errors-000007.jsonl.0b1c.tmp", "errors-000007.jsonl.tmp")) {
      assertNull(ERRORS.numberOf(name), name);
    }
  }

  @Test
  void deletesThePartsOfOtherNumbersOnly(@TempDir Path out) throws Exception {
    Path errors = Files.createDirectories(out.resolve("_errors"));
    for (String name : List.of("errors-000000.jsonl", "errors-000001.jsonl", "errors-000002.jsonl", "notes.txt", "errors-1.jsonl")) {
      Files.writeString(errors.resolve(name), name);
    }
    ResourceId dir = FileSystems.matchNewResource(out.toString(), true);
    assertEquals(2, ERRORS.deleteExcept(dir, Set.of(1L, 5L)));
    try (Stream<Path> left = Files.list(errors)) {
      assertEquals(List.of("errors-000001.jsonl", "errors-1.jsonl", "notes.txt"), left.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertEquals(0, new NumberedParts("missing", "p-", ".x").deleteExcept(dir, Set.of()), "no folder: nothing to delete");
  }
}
