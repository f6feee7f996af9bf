package io.omniprep.read;

import io.omniprep.errors.FailedRecord;
import io.omniprep.metrics.Counters;
import io.omniprep.sample.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.FileSystems;
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
    for (int i = 0; i < chunk.size(); i++) {
      Counters.read().inc();
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
    byte[] bytes = new byte[(int) length];
    try (ReadableByteChannel channel = FileSystems.open(FileSystems.matchNewResource(chunk.source(), false))) {
      if (channel instanceof SeekableByteChannel) {
        ((SeekableByteChannel) channel).position(chunk.firstByte());
      } else {
        skipFully(Channels.newInputStream(channel), chunk.firstByte());
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        if (channel.read(buffer) < 0) {
          throw new IOException("file shrank while being read: " + chunk.source());
        }
      }
    }
    return bytes;
  }

  private static void skipFully(InputStream in, long n) throws IOException {
    long left = n;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new IOException("unexpected end of file");
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }
}
