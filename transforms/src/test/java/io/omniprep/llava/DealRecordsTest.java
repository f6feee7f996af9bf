package io.omniprep.llava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.json.JsonRecordScanner.Layout;
import io.omniprep.sample.SampleKeys;
import io.omniprep.shuffle.Shuffle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link DealRecords} on descriptors alone (no file is read): every record lands in the bucket
 * SHA-256 of the seed and its key names, once; a bucket's runs of one chunk are cut at a gap over
 * 64 KiB and around a record over the size limit, and come in chunk and byte order.
 */
@ExtendWith(TestPipelineExtension.class)
class DealRecordsTest {
  private static final long SEED = 11;
  private static final long MAX_RECORD = 1000;

  /** Chunk 0: 40 records of 100 bytes, record 5 of 5,000 (over the limit), a 100 KiB gap before record 30. */
  private static JsonChunk first() {
    long[] positions = new long[40];
    long[] starts = new long[40];
    long[] ends = new long[40];
    long at = 2;
    for (int i = 0; i < 40; i++) {
      at += i == 30 ? 100 * 1024 : 2;
      positions[i] = i;
      starts[i] = at;
      ends[i] = at + (i == 5 ? 5000 : 100);
      at = ends[i];
    }
    return new JsonChunk("/in/a.json", Layout.ARRAY, positions, starts, ends, 0, 0, "a.json");
  }

  /** Chunk 1: 25 JSON Lines records (positions from 1) of 50 bytes, adjacent. */
  private static JsonChunk second() {
    long[] positions = new long[25];
    long[] starts = new long[25];
    long[] ends = new long[25];
    for (int i = 0; i < 25; i++) {
      positions[i] = i + 1;
      starts[i] = i * 51L;
      ends[i] = starts[i] + 50;
    }
    return new JsonChunk("/in/b.jsonl", Layout.CONCATENATED, positions, starts, ends, 0, 1, "b.jsonl");
  }

  @Test
  void eachRecordLandsOnceInItsBucketInRunsThatSkipGapsAndLoneLargeRecords(TestPipeline p) throws Exception {
    PCollection<RecordSet> sets =
        p.apply(Create.of(List.of(first(), second())).withCoder(JsonChunk.Coder.of())).apply(DealRecords.of(Shuffle.withSeed(SEED), 10, MAX_RECORD));
    int buckets = 13; // max(10 / 2, floor(10 - 4 sqrt(10)) = -2) = 5 records a bucket on average: 65 records, 13 buckets
    Map<String, Integer> expected = new TreeMap<>();
    for (JsonChunk chunk : List.of(first(), second())) {
      for (int i = 0; i < chunk.size(); i++) {
        String key = SampleKeys.of(chunk.keyName(), chunk.position(i), 0);
        byte[] d = MessageDigest.getInstance("SHA-256").digest((SEED + "\n" + key).getBytes(StandardCharsets.UTF_8));
        expected.put(chunk.keyName() + "#" + chunk.position(i), (int) Long.remainderUnsigned(ByteBuffer.wrap(d).getLong(), buckets));
      }
    }
    PAssert.that(sets).satisfies(all -> {
      Map<String, Integer> found = new TreeMap<>();
      for (RecordSet set : all) {
        JsonChunk previous = null;
        for (JsonChunk run : set.parts()) {
          assertTrue(previous == null || previous.ordinal() < run.ordinal()
              || previous.ordinal() == run.ordinal() && previous.endByte() < run.firstByte(), "runs in chunk and byte order");
          for (int i = 0; i < run.size(); i++) {
            assertEquals(null, found.put(run.keyName() + "#" + run.position(i), (int) set.ordinal()), "each record once");
            assertTrue(i == 0 || run.start(i) - run.end(i - 1) <= 64 * 1024, "no gap over 64 KiB within a run");
            assertTrue(run.size() == 1 || run.end(i) - run.start(i) <= MAX_RECORD, "a record over the limit is alone");
          }
          previous = run;
        }
      }
      assertEquals(expected, found);
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void theBucketCountKeepsBucketsFourDeviationsOrHalfTheLimitUnderIt() {
    assertEquals(6, Shuffle.bucketCount(50_000, 10_000)); // 10,000 - 400 = 9,600 a bucket
    assertEquals(2, Shuffle.bucketCount(100, 100)); // 100 - 40 = 60 a bucket
    assertEquals(5, Shuffle.bucketCount(65, 30)); // 30 - 21.9 = 8 is under 30 / 2: 15 a bucket
    assertEquals(1, Shuffle.bucketCount(0, 30));
    assertEquals(3, Shuffle.bucketCount(3, 1)); // the target never falls under 1
  }
}
