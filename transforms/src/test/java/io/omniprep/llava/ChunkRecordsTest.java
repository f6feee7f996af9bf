package io.omniprep.llava;

import io.omniprep.chunk.InputChunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import io.omniprep.sample.Sample;
import io.omniprep.testing.JsonLinesChunks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkRecordsTest {
  private final List<Sample> samples = new ArrayList<>();
  private final List<FailedRecord> failures = new ArrayList<>();
  private final InputChunk.Sink sink = new InputChunk.Sink() {
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

  @Test
  void everyRecordBecomesASampleOrAFailureQuotingIt(@TempDir Path dir) throws Exception {
    List<String> lines = List.of(GOOD, "{\"id\": \"b\", oops}", GOOD.replace("\"a\"", "\"c\""));
    Path file = Files.writeString(dir.resolve("x.jsonl"), String.join("\n", lines) + "\n");
    ChunkRecords.parse(JsonLinesChunks.of(file, lines), 1 << 20, sink);
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
    ChunkRecords records = ChunkRecords.read(JsonLinesChunks.of(file, List.of(big)), 10_000);
    records.parse(sink);
    assertEquals(List.of(), samples);
    assertEquals(Reason.RECORD_TOO_LARGE, failures.get(0).reason());
    assertEquals(big.substring(0, ChunkRecords.QUOTED_PREFIX), failures.get(0).record());
    assertTrue(failures.get(0).message().contains(Integer.toString(big.length())), failures.get(0).message());
  }

  @Test
  void theDigestChangesWithTheBytesEvenAtTheSameLength(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("x.jsonl"), GOOD + "\n");
    byte[] before = ChunkRecords.read(JsonLinesChunks.of(file, List.of(GOOD)), 1 << 20).digest();
    String edited = GOOD.replace("yo", "ya");
    Files.writeString(file, edited + "\n");
    byte[] after = ChunkRecords.read(JsonLinesChunks.of(file, List.of(edited)), 1 << 20).digest();
    assertTrue(!java.util.Arrays.equals(before, after));
  }
}
