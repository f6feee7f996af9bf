package io.omniprep.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON mapper for table values. Decimals are kept exactly as written ({@code 1.50} stays
 * {@code 1.50}), and NaN / Infinity are read and written as bare numbers, as Python's {@code json}
 * module writes them, so a float column survives every step unchanged.
 */
public final class TableJson {
  public static final JsonMapper MAPPER =
      Json.pythonMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private TableJson() {}

  public static ObjectNode newObject() {
    return MAPPER.createObjectNode();
  }

  public static byte[] toBytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** Compact JSON text, NaN written bare. */
  public static String toText(JsonNode node) {
    return new String(toBytes(node), StandardCharsets.UTF_8);
  }

  public static JsonNode parse(byte[] bytes, int offset, int length) throws IOException {
    return MAPPER.readTree(bytes, offset, length);
  }
}
