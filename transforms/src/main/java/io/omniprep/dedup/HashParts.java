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

/**
 * The perceptual hashes the {@code phash} dedup pass computed, handed to the writer of the same
 * chunk for the sample table's {@code phash} column, so that no image is decoded twice: chunk
 * {@code N}'s in {@code OUTPUT/.omniprep/hashes/hashes-NNNNNN.tsv}, a line per sample the pass
 * hashed, in record order: its position, a tab, and its first image's perceptual hash as a signed
 * decimal. (Exact dedup leaves none: its pass hashes few media whole, and the writer hashes what it writes.)
 */
public final class HashParts {
  /** Chunk {@code N}'s hashes: {@code .omniprep/hashes/hashes-NNNNNN.tsv}; all removed once the writers are done. */
  public static final NumberedParts PARTS = new NumberedParts(".omniprep/hashes", "hashes-", ".tsv");

  private HashParts() {}

  static ResourceId location(ResourceId outputDirectory, long ordinal) {
    return PARTS.location(outputDirectory, ordinal);
  }

  /** Writes chunk {@code ordinal}'s perceptual hashes by position (or clears a part an earlier run left). */
  static void write(ResourceId outputDirectory, long ordinal, SortedMap<Long, Long> byPosition) throws IOException {
    ResourceId part = location(outputDirectory, ordinal);
    if (byPosition.isEmpty()) {
      AtomicFiles.delete(List.of(part));
      return;
    }
    StringBuilder text = new StringBuilder();
    byPosition.forEach((position, phash) -> text.append(position).append('\t').append(phash).append('\n'));
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(part, out -> out.write(bytes));
  }

  /** Chunk {@code ordinal}'s perceptual hashes by sample position; empty when none hashed. */
  public static Map<Long, Long> read(ResourceId outputDirectory, long ordinal) throws IOException {
    ResourceId part = location(outputDirectory, ordinal);
    Map<Long, Long> byPosition = new HashMap<>();
    if (!AtomicFiles.exists(part)) {
      return byPosition;
    }
    String text;
    try (InputStream in = Channels.newInputStream(FileSystems.open(part))) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String line : text.split("\n")) {
      String[] fields = line.split("\t", -1);
      if (fields.length == 2) {
        byPosition.put(Long.parseLong(fields[0]), Long.valueOf(fields[1]));
      }
    }
    return byPosition;
  }
}
