package io.omniprep.read;

import io.omniprep.errors.FailedRecord;
import io.omniprep.media.MediaResolver;
import io.omniprep.metrics.Counters;
import io.omniprep.sample.ByteRange;
import io.omniprep.sample.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Reads the bytes of one chunk (a seek and one bounded read) and parses each record into a {@link
 * Sample}, or a {@link FailedRecord} quoting the record verbatim.
 */
final class ReadJsonChunks extends DoFn<JsonChunk, Sample> {
  static final String STAGE = "parse";
  private final TupleTag<FailedRecord> failures;

  ReadJsonChunks(TupleTag<FailedRecord> failures) {
    this.failures = failures;
  }

  @ProcessElement
  public void process(@Element JsonChunk chunk, MultiOutputReceiver out) throws IOException {
    byte[] bytes = readRange(chunk);
    long base = chunk.firstByte();
    Counters.read().inc(chunk.size());
    for (int i = 0; i < chunk.size(); i++) {
      int from = (int) (chunk.start(i) - base);
      int to = (int) (chunk.end(i) - base);
      try {
        out.get(ParseLlava.SAMPLES).output(RecordParser.parse(chunk.source(), chunk.position(i), 0, bytes, from, to));
      } catch (RecordParseException e) {
        out.get(failures)
            .output(
                new FailedRecord(
                    chunk.source(),
                    chunk.position(i),
                    e.idJson(),
                    STAGE,
                    e.reason(),
                    e.getMessage(),
                    new String(bytes, from, to - from, StandardCharsets.UTF_8)));
      }
    }
  }

  private static byte[] readRange(JsonChunk chunk) throws IOException {
    long length = chunk.endByte() - chunk.firstByte();
    if (length > Integer.MAX_VALUE - 16) {
      throw new IOException("a single record of " + length + " bytes is too large to parse: " + chunk.source());
    }
    return MediaResolver.read(new ByteRange(chunk.source(), chunk.firstByte(), length));
  }
}
