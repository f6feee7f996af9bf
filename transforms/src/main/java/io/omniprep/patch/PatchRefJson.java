package io.omniprep.patch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.sample.PatchRef;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/** A patch reference as Ola's training JSON holds it: {@code {patch, start_num, size}} plus any extra keys. */
final class PatchRefJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PatchRefJson() {}

  static void write(PatchRef ref, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("patch", ref.patch());
    g.writeNumberField("start_num", ref.start());
    g.writeFieldName("size");
    if (ref.sizeIsList()) {
      g.writeStartArray();
      for (long size : ref.sizes()) {
        g.writeNumber(size);
      }
      g.writeEndArray();
    } else {
      g.writeNumber(ref.totalSize());
    }
    if (ref.extraJson() != null) {
      JsonNode extra = MAPPER.readTree(ref.extraJson());
      for (Iterator<Map.Entry<String, JsonNode>> it = extra.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        g.writeFieldName(e.getKey());
        MAPPER.writeTree(g, e.getValue());
      }
    }
    g.writeEndObject();
  }
}
