package io.omniprep.errors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.omniprep.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One errors-output line: {@code {"source", "position", "id", "stage", "reason", "message",
 * "record"}}, with {@code id} as it was in the record (raw JSON, or null) and {@code record} the
 * original text as a JSON string.
 */
public final class ErrorsJson {
  private static final JsonFactory FACTORY = Json.FACTORY;

  private ErrorsJson() {}

  public static String toJsonLine(FailedRecord f) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + f.record().length());
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("source", f.source());
      g.writeNumberField("position", f.position());
      g.writeFieldName("id");
      if (f.idJson() == null) {
        g.writeNull();
      } else {
        g.writeRawValue(f.idJson());
      }
      g.writeStringField("stage", f.stage());
      g.writeStringField("reason", f.reason().code());
      g.writeStringField("message", f.message());
      g.writeStringField("record", f.record());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }
}
