package io.omniprep.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.omniprep.errors.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads a CSV file with a header line (RFC 4180 quoting: {@code "a ""b"" c"}, quoted fields may
 * span lines), every value as a string. A row with more or fewer cells than the header is a bad
 * row; a syntax error (an unclosed quote) ends the file with one bad row, since nothing after it
 * can be told apart.
 */
final class CsvTableReader {
  private static final CsvMapper MAPPER = new CsvMapper();

  private CsvTableReader() {}

  static void read(InputStream in, RowSink sink) throws IOException {
    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
    MappingIterator<String[]> rows =
        MAPPER
            .readerFor(String[].class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY)
            .with(CsvParser.Feature.SKIP_EMPTY_LINES)
            .readValues(reader);
    String[] header;
    try {
      if (!rows.hasNextValue()) {
        return;
      }
      header = stripByteOrderMark(rows.nextValue());
    } catch (JsonProcessingException e) {
      sink.badRow(Reason.BAD_ROW, "cannot read the CSV header: " + e.getOriginalMessage(), "");
      return;
    }
    String duplicate = firstDuplicate(header);
    if (duplicate != null) {
      sink.badRow(
          Reason.BAD_ROW,
          "the CSV header names column '" + duplicate + "' twice; no row is read",
          asJsonArray(header));
      return;
    }
    while (true) {
      String[] cells;
      try {
        if (!rows.hasNextValue()) {
          return;
        }
        cells = rows.nextValue();
      } catch (JsonProcessingException e) {
        sink.badRow(
            Reason.BAD_ROW,
            "CSV syntax error, the rest of the file is not read: " + e.getOriginalMessage(),
            "");
        return;
      }
      if (cells.length != header.length) {
        sink.badRow(
            Reason.BAD_ROW,
            "row has " + cells.length + " cells but the header has " + header.length + " columns",
            asJsonArray(cells));
        continue;
      }
      ObjectNode values = TableJson.newObject();
      for (int i = 0; i < header.length; i++) {
        values.put(header[i], cells[i]);
      }
      sink.row(values);
    }
  }

  private static String[] stripByteOrderMark(String[] names) {
    if (names.length > 0 && names[0].startsWith("\uFEFF")) {
      names[0] = names[0].substring(1);
    }
    return names;
  }

  private static @Nullable String firstDuplicate(String[] names) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        return name;
      }
    }
    return null;
  }

  private static String asJsonArray(String[] cells) {
    ArrayNode array = TableJson.MAPPER.createArrayNode();
    for (String cell : cells) {
      array.add(cell);
    }
    return array.toString();
  }
}
