package io.omniprep.dedup;

import io.omniprep.io.AtomicFiles;
import io.omniprep.io.NumberedParts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The hashes the dedup pass computed, handed to the writer of the same chunk for the sample
 * table's {@code sha256} and {@code phash} columns, so that no medium is hashed twice and no image
 * decoded twice: chunk {@code N}'s in {@code OUTPUT/.omniprep/hashes/hashes-NNNNNN.tsv}, a line per
 * sample the pass hashed, in record order: its position, the hex SHA-256 of its media (exact dedup;
 * else empty) and its first image's perceptual hash as a signed decimal ({@code phash}; else empty).
 */
public final class HashParts {
  /** Chunk {@code N}'s hashes: {@code .omniprep/hashes/hashes-NNNNNN.tsv}; all removed once the writers are done. */
  public static final NumberedParts PARTS = new NumberedParts(".omniprep/hashes", "hashes-", ".tsv");

  private HashParts() {}

  /** A sample's hashes as the dedup pass left them; either may be null. */
  public record Hashes(@Nullable String sha256, @Nullable Long phash) {}

  static ResourceId location(ResourceId outputDirectory, long ordinal) {
    return PARTS.location(outputDirectory, ordinal);
  }

  /** Writes chunk {@code ordinal}'s hashes by position (or clears a part an earlier run left). */
  static void write(ResourceId outputDirectory, long ordinal, SortedMap<Long, Hashes> byPosition) throws IOException {
    ResourceId part = location(outputDirectory, ordinal);
    if (byPosition.isEmpty()) {
      AtomicFiles.delete(List.of(part));
      return;
    }
    StringBuilder text = new StringBuilder();
    byPosition.forEach((position, h) -> text.append(position).append('\t').append(h.sha256() == null ? "" : h.sha256())
        .append('\t').append(h.phash() == null ? "" : h.phash().toString()).append('\n'));
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(part, out -> out.write(bytes));
  }

  /** Chunk {@code ordinal}'s hashes by sample position; empty when none hashed. */
  public static Map<Long, Hashes> read(ResourceId outputDirectory, long ordinal) throws IOException {
    ResourceId part = location(outputDirectory, ordinal);
    Map<Long, Hashes> byPosition = new HashMap<>();
    if (!AtomicFiles.exists(part)) {
      return byPosition;
    }
    String text;
    try (InputStream in = Channels.newInputStream(FileSystems.open(part))) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String line : text.split("\n")) {
      String[] fields = line.split("\t", -1);
      if (fields.length == 3) {
        byPosition.put(Long.parseLong(fields[0]), new Hashes(fields[1].isEmpty() ? null : fields[1],
            fields[2].isEmpty() ? null : Long.valueOf(fields[2])));
      }
    }
    return byPosition;
  }
}
