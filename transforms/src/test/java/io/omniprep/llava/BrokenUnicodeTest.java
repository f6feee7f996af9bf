package io.omniprep.llava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.omniprep.errors.Reason;
import io.omniprep.json.Json;
import io.omniprep.sample.Sample;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Text that is not valid Unicode never reaches an output altered: a lone surrogate escape is kept,
 * as Python's json keeps it (as written in the id and fields omniprep does not model, decoded in
 * keys and turns), and refused only in a media path, which must be opened; bytes that are not UTF-8
 * are refused wherever they are.
 */
class BrokenUnicodeTest {
  private static final String TURNS = "\"conversations\": [{\"from\": \"human\", \"value\": \"q\"}, {\"from\": \"gpt\", \"value\": \"a\"}]";

  private static Sample parse(byte[] bytes) throws RecordParseException {
    return RecordParser.parse("/data/set.json", 3, 0, bytes, 0, bytes.length);
  }

  private static Sample parse(String json) throws RecordParseException {
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertMalformed(String json, String messagePart) {
    RecordParseException e = assertThrows(RecordParseException.class, () -> parse(json));
    assertEquals(Reason.MALFORMED_JSON, e.reason());
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
  }

  /** {@code before + bad + after} as bytes: {@code bad} are raw bytes no String can hold. */
  private static byte[] withBytes(String before, int[] bad, String after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    for (int b : bad) {
      out.write(b);
    }
    out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  @Test
  void aLoneSurrogateInRawFieldsIsKeptAsWritten() throws Exception {
    Sample s = parse("{\"id\": \"x\\ud800\", " + TURNS + ", \"meta\": {\"k\": \"\\udc00y\"}}");
    assertEquals("\"x\\ud800\"", s.idJson());
    assertEquals("{\"k\":\"\\udc00y\"}", s.extras().get("meta"));
  }

  @Test
  void aSurrogatePairIsText() throws Exception {
    Sample s = parse("{\"id\": 1, \"conversations\": [{\"from\": \"human\", \"value\": \"\\ud83d\\ude00\"}]}");
    assertEquals("\uD83D\uDE00", s.turns().get(0).text());
  }

  /**
   * Python's json keeps a lone surrogate escape in any string, a key too, and writes it back
   * escaped: so does omniprep, in turns, their extra keys and field names. The expectation is the
   * escape decoded by hand (one char, U+D800), never '?'.
   */
  @Test
  void aLoneSurrogateInTurnsAndKeysIsKept() throws Exception {
    Sample s = parse("{\"id\": 1, \"k\\ud800\": 2, \"conversations\": [{\"from\": \"human\", \"value\": \"a\\ud800b\", \"l\\udfff\": \"\\udc00\"},"
        + " {\"from\": \"gpt\", \"value\": \"end\\udbff\"}]}");
    assertEquals("a" + (char) 0xD800 + "b", s.turns().get(0).text());
    assertEquals("end" + (char) 0xDBFF, s.turns().get(1).text());
    assertEquals("2", s.extras().get("k" + (char) 0xD800));
    JsonNode extra = Json.MAPPER.readTree(s.turns().get(0).extraJson());
    assertEquals(String.valueOf((char) 0xDC00), extra.get("l" + (char) 0xDFFF).textValue());
  }

  /** A path must be decoded to be opened, and a file system would read '?' in its place. */
  @Test
  void aLoneSurrogateInAMediaPathIsRefused() {
    assertMalformed("{\"id\": 1, \"image\": \"a\\ud800.jpg\", " + TURNS + "}", "image");
    assertMalformed("{\"id\": 1, \"images\": [\"ok.jpg\", \"\\udc00.jpg\"], " + TURNS + "}", "lone surrogate");
  }

  @Test
  void bytesThatAreNotUtf8AreRefusedWhereverTheyAre() {
    int[] latin1 = {0xE9}; // 'é' in Latin-1
    int[] encodedSurrogate = {0xED, 0xA0, 0x80}; // U+D800 as if UTF-8 could hold it
    for (int[] bad : new int[][] {latin1, encodedSurrogate}) {
      for (String[] around : new String[][] {
          {"{\"id\": \"", "\", " + TURNS + "}"},
          {"{\"id\": 1, " + TURNS + ", \"meta\": {\"deep\": [\"", "\"]}}"},
          {"{\"id\": 1, \"conversations\": [{\"from\": \"human\", \"value\": \"", "\"}]}"}}) {
        byte[] record = withBytes(around[0], bad, around[1]);
        RecordParseException e = assertThrows(RecordParseException.class, () -> parse(record));
        assertEquals(Reason.MALFORMED_JSON, e.reason(), e.getMessage());
      }
    }
  }

  /** Jackson would guess UTF-16 from the NULs and report character offsets as byte offsets. */
  @Test
  void aUtf16RecordInAUtf8FileIsMalformedNotACrash() {
    byte[] utf16 = ("{\"id\": 1, " + TURNS + "}").getBytes(StandardCharsets.UTF_16LE);
    RecordParseException e = assertThrows(RecordParseException.class, () -> parse(utf16));
    assertEquals(Reason.MALFORMED_JSON, e.reason());
    assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
  }
}
