package io.omniprep.llava;

import com.fasterxml.jackson.databind.JsonNode;
import io.omniprep.errors.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Text that is not valid Unicode, refused rather than repaired: Java's UTF-8 decoding replaces bad
 * bytes with U+FFFD and its encoding writes a lone surrogate as '?', both silently. A record holding
 * either would reach the output altered, so it fails as {@code malformed_json} instead.
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

  /** Refuses a field name holding a lone surrogate. */
  static void checkName(String name) throws RecordParseException {
    if (loneSurrogate(name) >= 0) {
      throw refused("the field name " + escaped(name));
    }
  }

  /** Refuses a decoded value whose strings (or object keys) hold a lone surrogate; {@code where} names it. */
  static void check(JsonNode node, String where) throws RecordParseException {
    if (node.isTextual()) {
      if (loneSurrogate(node.textValue()) >= 0) {
        throw refused(where);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), where + "[" + i + "]");
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (loneSurrogate(e.getKey()) >= 0) {
          throw refused("a field name in " + where);
        }
        check(e.getValue(), where + "." + e.getKey());
      }
    }
  }

  private static RecordParseException refused(String where) {
    return new RecordParseException(
        Reason.MALFORMED_JSON,
        "lone surrogate (\\ud800-\\udfff without its pair) in " + where
            + ": not Unicode text, which UTF-8 cannot hold (kept only in fields omniprep copies as written)");
  }

  private static String escaped(String s) {
    StringBuilder out = new StringBuilder("'");
    for (char c : s.toCharArray()) {
      out.append(Character.isSurrogate(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return out.append('\'').toString();
  }

  /** The index of the first surrogate that is not half of a pair, or -1. */
  static int loneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}
