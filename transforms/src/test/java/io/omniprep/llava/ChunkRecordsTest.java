package io.omniprep.llava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import io.omniprep.json.JsonRecordScanner.Layout;
import io.omniprep.sample.Sample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkRecordsTest {
  private final List<Sample> samples = new ArrayList<>();
  private final List<FailedRecord> failures = new ArrayList<>();
  private final ChunkRecords.Sink sink = new ChunkRecords.Sink() {
    @Override
    public void sample(Sample sample) {
      samples.add(sample);
    }

    @Override
    public void failure(FailedRecord failure) {
      failures.add(failure);
    }
  };

  private static final String GOOD = "{\"id\":\"a\",\"conversations\":[{\"from\":\"human\",\"value\":\"hi\"},{\"from\":\"gpt\",\"value\":\"yo\"}]}";

  /** A JSON Lines chunk over every line of {@code file}, spans found by hand (newline-separated). */
  private static JsonChunk chunkOf(Path file, List<String> lines) {
    long[] positions = new long[lines.size()];
    long[] starts = new long[lines.size()];
    long[] ends = new long[lines.size()];
    long at = 0;
    for (int i = 0; i < lines.size(); i++) {
      positions[i] = i + 1;
      starts[i] = at;
      ends[i] = at + lines.get(i).getBytes(StandardCharsets.UTF_8).length;
      at = ends[i] + 1;
    }
    return new JsonChunk(file.toString(), Layout.LINES, positions, starts, ends);
  }

  @Test
  void everyRecordBecomesASampleOrAFailureQuotingIt(@TempDir Path dir) throws Exception {
    List<String> lines = List.of(GOOD, "{\"id\": \"b\", oops}", GOOD.replace("\"a\"", "\"c\""));
    Path file = Files.writeString(dir.resolve("x.jsonl"), String.join("\n", lines) + "\n");
    ChunkRecords.parse(chunkOf(file, lines), 1 << 20, sink);
    assertEquals(List.of("\"a\"", "\"c\""), samples.stream().map(Sample::idJson).toList());
    assertEquals(1, failures.size());
    assertEquals(Reason.MALFORMED_JSON, failures.get(0).reason());
    assertEquals(2, failures.get(0).position());
    assertEquals(lines.get(1), failures.get(0).record());
  }

  @Test
  void aRecordOverTheLimitIsRefusedUnreadQuotingItsBeginning(@TempDir Path dir) throws Exception {
    String big = "{\"id\":\"big\",\"conversations\":[{\"from\":\"human\",\"value\":\"" + "x".repeat(20_000) + "\"}]}";
    Path file = Files.writeString(dir.resolve("big.jsonl"), big + "\n");
    ChunkRecords records = ChunkRecords.read(chunkOf(file, List.of(big)), 10_000);
    records.parse(sink);
    assertEquals(List.of(), samples);
    assertEquals(Reason.RECORD_TOO_LARGE, failures.get(0).reason());
    assertEquals(big.substring(0, ChunkRecords.QUOTED_PREFIX), failures.get(0).record());
    assertTrue(failures.get(0).message().contains(Integer.toString(big.length())), failures.get(0).message());
  }

  @Test
  void theDigestChangesWithTheBytesEvenAtTheSameLength(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("x.jsonl"), GOOD + "\n");
    byte[] before = ChunkRecords.read(chunkOf(file, List.of(GOOD)), 1 << 20).digest();
    String edited = GOOD.replace("yo", "ya");
    Files.writeString(file, edited + "\n");
    byte[] after = ChunkRecords.read(chunkOf(file, List.of(edited)), 1 << 20).digest();
    assertTrue(!java.util.Arrays.equals(before, after));
  }
}
