package io.omniprep.errors;

import io.omniprep.io.AtomicFiles;
import io.omniprep.io.NumberedParts;
import io.omniprep.metrics.Counters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * The errors output of chunk-local stages: each input chunk writes its own part, {@code
 * OUTPUT/_errors/errors-NNNNNN.jsonl} (the chunk's number), in record order, and counts its
 * failures there; a chunk without failures deletes a part an earlier run may have left. No
 * ordering step runs when there are few errors, and nothing is counted twice.
 */
public final class ErrorParts {
  /** Chunk {@code N}'s part: {@code _errors/errors-NNNNNN.jsonl} (the sample-at-a-time plan's files are named alike). */
  public static final NumberedParts PARTS = new NumberedParts(WriteErrors.DIRECTORY, "errors-", ".jsonl");

  private ErrorParts() {}

  /** Sorts {@code failed} by position, counts it, and writes (or clears) chunk {@code ordinal}'s part. */
  public static void write(ResourceId outputDirectory, long ordinal, List<FailedRecord> failed) throws IOException {
    ResourceId part = PARTS.location(outputDirectory, ordinal);
    if (failed.isEmpty()) {
      AtomicFiles.delete(List.of(part));
      return;
    }
    failed.sort(Comparator.comparingLong(FailedRecord::position));
    for (FailedRecord f : failed) {
      Counters.failed().inc();
      Counters.failed(f.reason().code()).inc();
    }
    AtomicFiles.write(part, o -> {
      for (FailedRecord f : failed) {
        o.write(ErrorsJson.toJsonLine(f).getBytes(StandardCharsets.UTF_8));
        o.write('\n');
      }
    });
  }
}
