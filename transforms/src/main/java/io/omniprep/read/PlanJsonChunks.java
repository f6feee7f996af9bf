package io.omniprep.read;

import io.omniprep.json.JsonRecordScanner;
import io.omniprep.json.JsonRecordScanner.Layout;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.Arrays;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Scans one input file for record boundaries (no parsing, no text kept) and emits them in chunks of
 * at most {@code maxRecords} records or about {@code maxBytes} bytes. This pass is sequential per
 * file but cheap; the parsing that follows runs on every worker. A record larger than {@code
 * maxBytes} gets a chunk of its own, so that whoever reads it can refuse it unread.
 */
final class PlanJsonChunks extends DoFn<MatchResult.Metadata, JsonChunk> {
  private final InputFormat format;
  private final int maxRecords;
  private final long maxBytes;

  PlanJsonChunks(InputFormat format, int maxRecords, long maxBytes) {
    this.format = format;
    this.maxRecords = maxRecords;
    this.maxBytes = maxBytes;
  }

  @ProcessElement
  public void process(@Element MatchResult.Metadata file, OutputReceiver<JsonChunk> out) throws IOException {
    ResourceId id = file.resourceId();
    String source = id.toString();
    Layout layout = format.layoutFor(id.getFilename() == null ? source : id.getFilename(), firstByte(id));
    try (InputStream in = open(id)) {
      JsonRecordScanner scanner = new JsonRecordScanner(in, layout, 0, 1, false);
      long[] positions = new long[maxRecords];
      long[] starts = new long[maxRecords];
      long[] ends = new long[maxRecords];
      int n = 0;
      long index = 0;
      long chunks = 0;
      while (scanner.next()) {
        boolean oversized = scanner.recordEnd() - scanner.recordStart() > maxBytes;
        if (oversized && n > 0) {
          out.output(chunk(source, layout, positions, starts, ends, n, chunks++));
          n = 0;
        }
        positions[n] = layout == Layout.LINES ? scanner.recordLine() : index;
        starts[n] = scanner.recordStart();
        ends[n] = scanner.recordEnd();
        n++;
        index++;
        if (oversized || n == maxRecords || ends[n - 1] - starts[0] >= maxBytes) {
          out.output(chunk(source, layout, positions, starts, ends, n, chunks++));
          n = 0;
        }
      }
      if (n > 0) {
        out.output(chunk(source, layout, positions, starts, ends, n, chunks));
      }
    }
  }

  private static JsonChunk chunk(String source, Layout layout, long[] p, long[] s, long[] e, int n, long index) {
    return new JsonChunk(
        source, layout, Arrays.copyOf(p, n), Arrays.copyOf(s, n), Arrays.copyOf(e, n), index, -1);
  }

  private static InputStream open(ResourceId id) throws IOException {
    return new BufferedInputStream(Channels.newInputStream(FileSystems.open(id)), 1 << 16);
  }

  /** The first byte that is not whitespace or a byte order mark, or -1. */
  private static int firstByte(ResourceId id) throws IOException {
    try (InputStream in = open(id)) {
      int c;
      while ((c = in.read()) >= 0) {
        if (!(c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF)) {
          return c;
        }
      }
      return -1;
    }
  }
}
