package io.omniprep.wds;

import io.omniprep.metrics.Counters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds a field as the last one of a sample's {@code KEY.json} member, where that member is a JSON
 * object (ChatML and raw layouts); never into a list a reader indexes (the vqa layout's {@code
 * json[0]}). The text is extended as written, so the rest stays byte for byte what the layout
 * wrote. A record that already has such a field keeps its own, and is counted (by the caller's
 * counter name).
 */
final class JsonMemberField {
  private static final String JSON = "json";

  private JsonMemberField() {}

  /**
   * {@code parts} with {@code "field": value} added to the JSON member ({@code value} as Python's
   * json.dumps writes it); a record that has the field already counts {@code present}.
   */
  static List<TarPart> with(List<TarPart> parts, String field, String value, String present) throws IOException {
    List<TarPart> out = new ArrayList<>(parts.size());
    for (TarPart part : parts) {
      out.add(part.extension().equals(JSON) ? extended(part, field, value, present) : part);
    }
    return out;
  }

  private static TarPart extended(TarPart part, String field, String value, String present) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) part.size() + 96);
    part.content().writeTo(bytes);
    String text = bytes.toString(StandardCharsets.UTF_8);
    String body = text.strip();
    if (!body.startsWith("{") || !body.endsWith("}")) {
      return part;
    }
    if (text.contains("\"" + field + "\"")) {
      Counters.named(present).inc();
      return part;
    }
    int close = text.lastIndexOf('}');
    boolean empty = body.substring(1, body.length() - 1).isBlank();
    // Python's json.dumps separators, as the layouts write their JSON.
    String member = (empty ? "" : ", ") + "\"" + field + "\": " + value;
    return TarPart.utf8(JSON, text.substring(0, close) + member + text.substring(close));
  }
}
