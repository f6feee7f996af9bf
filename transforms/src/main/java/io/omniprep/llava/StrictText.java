package io.omniprep.llava;

import com.fasterxml.jackson.databind.JsonNode;
import io.omniprep.errors.Reason;
import io.omniprep.sample.SurrogatePassUtf8;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text that is not valid Unicode, refused rather than repaired: Java's UTF-8 decoding replaces bad
 * bytes with U+FFFD, silently, so a record holding them fails as {@code malformed_json} instead. A
 * lone surrogate escape ({@code "\ud800"}) is valid JSON and kept, as Python keeps it, except in a
 * media path.
 */
final class StrictText {
  private StrictText() {}

  /** {@code bytes[from, to)} as a string, or the first bytes that are not UTF-8, reported. */
  static String utf8(byte[] bytes, int from, int to) throws RecordParseException {
    String text = new String(bytes, from, to - from, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') < 0) {
      return text; // the fast path: nothing was replaced
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
    try {
      return decoder.decode(in).toString();
    } catch (CharacterCodingException e) {
      // decode() stops at the bad input: the buffer's position is where it starts.
      throw new RecordParseException(
          Reason.MALFORMED_JSON,
          String.format("not UTF-8: byte 0x%02X at byte %d of the record", bytes[in.position()] & 0xff, in.position() - from));
    }
  }

  /**
   * Refuses a media location whose strings hold a lone surrogate: a path must be encoded to be
   * opened, and a file system would look for '?' in its place. {@code where} names the field.
   */
  static void checkMedia(JsonNode node, String where) throws RecordParseException {
    if (node.isTextual()) {
      if (SurrogatePassUtf8.loneSurrogate(node.textValue()) >= 0) {
        throw refused(where);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkMedia(node.get(i), where + "[" + i + "]");
      }
    } else if (node.isObject() && node.has("patch")) {
      checkMedia(node.get("patch"), where + ".patch"); // a patch reference's file
    }
  }

  private static RecordParseException refused(String where) {
    return new RecordParseException(
        Reason.MALFORMED_JSON,
        "lone surrogate (\\ud800-\\udfff without its pair) in the media path " + where
            + ": no file can be named so in UTF-8");
  }
}
