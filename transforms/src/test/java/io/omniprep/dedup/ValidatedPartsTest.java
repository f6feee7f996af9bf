package io.omniprep.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.io.AtomicFiles;
import io.omniprep.llava.JsonChunk;
import io.omniprep.media.MediaResolver;
import io.omniprep.testing.JsonLinesChunks;
import io.omniprep.validate.SampleValidator;
import io.omniprep.validate.ValidatedChunk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidatedPartsTest {
  @TempDir Path dir;

  private static String record(String id, String image) {
    return "{\"id\":\"" + id + "\",\"image\":\"" + image
        + "\",\"conversations\":[{\"from\":\"human\",\"value\":\"<image>\\nhi\"},{\"from\":\"gpt\",\"value\":\"yo\"}]}";
  }

  private static JsonChunk chunkOf(Path file, List<String> lines, long ordinal) {
    return JsonLinesChunks.of(file, lines).withOrdinal(ordinal);
  }

  @Test
  void theWriterReadsTheChunkAsThePassValidatedIt() throws Exception {
    Files.write(dir.resolve("a.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});
    List<String> lines = List.of(record("a", "a.jpg"), "{\"id\": \"b\", oops}", record("c", "missing.jpg"), record("a", "a.jpg"));
    Path file = Files.writeString(dir.resolve("x.jsonl"), String.join("\n", lines) + "\n");
    JsonChunk chunk = chunkOf(file, lines, 3);
    SampleValidator validator = SampleValidator.withResolver(MediaResolver.create().withMediaRoot(dir.toString()));
    List<String> ids = new ArrayList<>();
    ValidatedChunk checked = ValidatedChunk.of(chunk, 1 << 20, validator, s -> Optional.empty(), ids::add);
    assertEquals(2, checked.valid().size()); // the check itself: one malformed, one missing medium
    assertEquals(2, checked.failed().size());
    ResourceId out = AtomicFiles.directory(dir.resolve("out").toString());

    ValidatedParts.write(out, chunk, checked, ids);
    ValidatedParts.Part part = ValidatedParts.read(out, chunk).orElseThrow();

    assertEquals(checked.valid(), part.checked().valid());
    assertEquals(List.of("\"a\"", "\"c\"", "\"a\""), part.ids());
    assertEquals(checked.failed(), part.checked().failed());
    assertArrayEquals(checked.digest(), part.checked().digest());
    assertEquals(checked.valid(), ValidatedParts.read(out, chunk).orElseThrow().checked().valid(), "a writer retried reads it again");
  }

  @Test
  void aPartLeftForAnotherChunkOfTheSameNumberIsNotTaken() throws Exception {
    List<String> lines = List.of(record("a", "a.jpg"));
    JsonChunk one = chunkOf(Files.writeString(dir.resolve("one.jsonl"), lines.get(0) + "\n"), lines, 0);
    JsonChunk other = chunkOf(Files.writeString(dir.resolve("other.jsonl"), lines.get(0) + "\n"), lines, 0);
    ResourceId out = AtomicFiles.directory(dir.resolve("out").toString());
    ValidatedParts.write(out, one, ValidatedChunk.of(List.of(), List.of(), new byte[32]), List.of());
    assertTrue(ValidatedParts.read(out, other).isEmpty());
  }
}
