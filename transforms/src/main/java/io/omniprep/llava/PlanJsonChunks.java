package io.omniprep.llava;

import io.omniprep.metrics.Counters;
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
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Scans one input file for record boundaries (no parsing, no text kept) and emits them in chunks of
 * at most {@code maxRecords} records or about {@code maxBytes} bytes. This pass is sequential per
 * file but cheap; the parsing that follows runs on every worker. A record larger than {@code
 * maxBytes} gets a chunk of its own, so that whoever reads it can refuse it unread.
 */
final class PlanJsonChunks extends DoFn<MatchResult.Metadata, JsonChunk> {
  private static final Counter PLANNED = Counters.planned();
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
    byte[] head = head(id);
    SourceEncoding encoding = SourceEncoding.of(head);
    int bom = encoding.bomLength(head);
    int unit = encoding.unitBytes();
    Layout layout = format.layoutFor(id.getFilename() == null ? source : id.getFilename(), firstByte(id, encoding, bom));
    try (InputStream in = text(id, encoding, bom)) {
      JsonRecordScanner scanner = new JsonRecordScanner(in, layout, 0, 1, false);
      long[] positions = new long[maxRecords];
      long[] starts = new long[maxRecords];
      long[] ends = new long[maxRecords];
      int n = 0;
      long index = 0;
      long chunks = 0;
      while (scanner.next()) {
        // Scanner offsets count code units after the byte order mark; chunks hold the file's bytes.
        long start = bom + unit * scanner.recordStart();
        long end = Math.min(bom + unit * scanner.recordEnd(), file.sizeBytes());
        boolean oversized = end - start > maxBytes;
        if (oversized && n > 0) {
          out.output(chunk(source, layout, encoding, positions, starts, ends, n, chunks++));
          n = 0;
        }
        positions[n] = layout == Layout.LINES ? scanner.recordLine() : index;
        starts[n] = start;
        ends[n] = end;
        n++;
        index++;
        if (oversized || n == maxRecords || ends[n - 1] - starts[0] >= maxBytes) {
          out.output(chunk(source, layout, encoding, positions, starts, ends, n, chunks++));
          n = 0;
        }
      }
      if (n > 0) {
        out.output(chunk(source, layout, encoding, positions, starts, ends, n, chunks));
      }
    }
  }

  private static JsonChunk chunk(String source, Layout layout, SourceEncoding encoding, long[] p, long[] s, long[] e, int n,
      long index) {
    PLANNED.inc(n);
    return new JsonChunk(source, layout, Arrays.copyOf(p, n), Arrays.copyOf(s, n), Arrays.copyOf(e, n), index, -1)
        .withEncoding(encoding);
  }

  private static InputStream open(ResourceId id) throws IOException {
    return new BufferedInputStream(Channels.newInputStream(FileSystems.open(id)), 1 << 16);
  }

  /** The file's first four bytes (fewer if it is shorter), which tell its encoding. */
  private static byte[] head(ResourceId id) throws IOException {
    try (InputStream in = open(id)) {
      return in.readNBytes(4);
    }
  }

  /** The file's text after its byte order mark, one byte per code unit ({@link SourceEncoding#units}). */
  private static InputStream text(ResourceId id, SourceEncoding encoding, int bom) throws IOException {
    InputStream in = open(id);
    in.skipNBytes(bom);
    return encoding.units(in);
  }

  /** The first code unit that is not whitespace (or a UTF-8 byte order mark), or -1. */
  private static int firstByte(ResourceId id, SourceEncoding encoding, int bom) throws IOException {
    try (InputStream in = text(id, encoding, bom)) {
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
