package io.omniprep.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omniprep.json.JsonRecordScanner.Layout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRecordScannerTest {

  private static List<String> records(String text, Layout layout) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    JsonRecordScanner s = new JsonRecordScanner(new ByteArrayInputStream(bytes), layout, 0, 1, true);
    List<String> out = new ArrayList<>();
    while (s.next()) {
      String captured = new String(s.textBuffer(), 0, s.textLength(), StandardCharsets.UTF_8);
      String bySpan = new String(bytes, (int) s.recordStart(), (int) (s.recordEnd() - s.recordStart()), StandardCharsets.UTF_8);
      assertEquals(bySpan, captured, "offsets must frame exactly the captured text");
      out.add(captured);
    }
    return out;
  }

  @Test
  void splitsAnArrayIntoItsElements() throws IOException {
    assertEquals(
        List.of("{\"a\": 1}", "{\"b\": \"x, y ] }\"}", "[{\"c\": [1, 2]}]"),
        records(" [ {\"a\": 1},\n {\"b\": \"x, y ] }\"} , [{\"c\": [1, 2]}] ]\n", Layout.ARRAY));
  }

  @Test
  void escapedQuotesDoNotEndAString() throws IOException {
    assertEquals(List.of("{\"a\": \"q\\\"}\"}", "{\"b\": 2}"), records("[{\"a\": \"q\\\"}\"}, {\"b\": 2}]", Layout.ARRAY));
  }

  @Test
  void aMalformedRecordIsCutOutAlone() throws IOException {
    String text = "[{\"id\": 1}, {\"id\": 2 \"x\": [1, 2}, {\"id\": 3}]";
    assertEquals(List.of("{\"id\": 1}", "{\"id\": 2 \"x\": [1, 2}", "{\"id\": 3}"), records(text, Layout.ARRAY));
  }

  @Test
  void anUnterminatedRecordSwallowsTheRestButIsStillReported() throws IOException {
    assertEquals(List.of("{\"id\": 1}", "{\"id\": [2, {\"x\": 3}, {\"id\": 4}]"), records("[{\"id\": 1}, {\"id\": [2, {\"x\": 3}, {\"id\": 4}]", Layout.ARRAY));
  }

  @Test
  void contentAfterTheArrayIsReportedNotIgnored() throws IOException {
    assertEquals(List.of("{\"a\": 1}", "garbage here\n"), records("[{\"a\": 1}]\ngarbage here\n", Layout.ARRAY));
  }

  @Test
  void readsConcatenatedObjectsAndScalars() throws IOException {
    assertEquals(List.of("{\"a\": 1}", "{\"b\": {}}", "\"str\"", "42"), records("{\"a\": 1}\n{\"b\": {}} \"str\" 42", Layout.CONCATENATED));
  }

  @Test
  void linesSkipBlankLinesAndKeepLineNumbers() throws IOException {
    byte[] bytes = "{\"a\": 1}\n\n  \n{\"b\": \n".getBytes(StandardCharsets.UTF_8);
    JsonRecordScanner s = new JsonRecordScanner(new ByteArrayInputStream(bytes), Layout.LINES, 0, 1, true);
    List<Long> lines = new ArrayList<>();
    while (s.next()) {
      lines.add(s.recordLine());
    }
    assertEquals(List.of(1L, 4L), lines);
  }

  @Test
  void aLineRecordIsItsTextWithoutTheNewline() throws IOException {
    assertEquals(List.of("{\"a\": 1}", "{\"b\": 2}"), records("{\"a\": 1}\n\n{\"b\": 2}\n", Layout.LINES));
  }

  @Test
  void skipsAByteOrderMark() throws IOException {
    assertEquals(List.of("{\"a\": 1}"), records("\uFEFF[{\"a\": 1}]", Layout.ARRAY));
  }

  @Test
  void aScanStartedAtARecordFindsTheSameRecords() throws IOException {
    String text = "[\n{\"id\": 0},\n{\"id\": \"1\"},\n{\"id\": [2]},\n{\"id\": 3}\n]\n";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    JsonRecordScanner whole = new JsonRecordScanner(new ByteArrayInputStream(bytes), Layout.ARRAY, 0, 1, false);
    List<long[]> spans = new ArrayList<>();
    while (whole.next()) {
      spans.add(new long[] {whole.recordStart(), whole.recordEnd()});
    }
    long start = spans.get(2)[0];
    JsonRecordScanner tail =
        new JsonRecordScanner(new ByteArrayInputStream(bytes, (int) start, bytes.length - (int) start), Layout.ARRAY, start, 1, false);
    for (int i = 2; i < spans.size(); i++) {
      tail.next();
      assertEquals(spans.get(i)[0], tail.recordStart());
      assertEquals(spans.get(i)[1], tail.recordEnd());
    }
  }
}
