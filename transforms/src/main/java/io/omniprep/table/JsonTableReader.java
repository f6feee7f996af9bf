package io.omniprep.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.errors.Reason;
import io.omniprep.json.JsonRecordScanner;
import io.omniprep.json.JsonRecordScanner.Layout;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads JSON records (an array, records one after another, or one per line) as rows, streaming. A
 * malformed record is a bad row on its own; its neighbours still read (see {@link
 * JsonRecordScanner}).
 */
final class JsonTableReader {
  private JsonTableReader() {}

  static void read(InputStream raw, boolean lines, RowSink sink) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    Layout layout =
        lines ? Layout.LINES : firstByte(in) == '[' ? Layout.ARRAY : Layout.CONCATENATED;
    JsonRecordScanner scanner = new JsonRecordScanner(in, layout, 0, 1, true);
    while (scanner.next()) {
      byte[] text = scanner.textBuffer();
      int length = scanner.textLength();
      JsonNode record;
      try {
        record = TableJson.parse(text, 0, length);
      } catch (JsonProcessingException e) {
        sink.badRow(
            Reason.MALFORMED_JSON,
            e.getOriginalMessage(),
            new String(text, 0, length, StandardCharsets.UTF_8));
        continue;
      }
      if (record instanceof ObjectNode) {
        sink.row((ObjectNode) record);
      } else {
        sink.badRow(
            Reason.WRONG_TYPE,
            "record is " + RowValues.describe(record) + ", not a JSON object",
            new String(text, 0, length, StandardCharsets.UTF_8));
      }
    }
  }

  /** The first byte that is not whitespace or a byte order mark, without consuming anything. */
  private static int firstByte(BufferedInputStream in) throws IOException {
    in.mark(1 << 16);
    try {
      int c;
      int seen = 0;
      while ((c = in.read()) >= 0 && seen++ < (1 << 16) - 1) {
        if (!(c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB
            || c == 0xBF)) {
          return c;
        }
      }
      return -1;
    } finally {
      in.reset();
    }
  }
}
