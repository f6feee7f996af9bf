package io.omniprep.drop;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.omniprep.io.AtomicFiles;
import io.omniprep.io.NumberedParts;
import io.omniprep.json.Json;
import io.omniprep.metrics.Counters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * The dropped output of chunk-local stages, as {@link io.omniprep.errors.ErrorParts} is the errors
 * output: chunk {@code N}'s dropped samples in {@code OUTPUT/_dropped/dropped-NNNNNN.jsonl}, in
 * record order, one line each: {@code {"source", "position", "id", "key", "reason", "message",
 * "duplicateOf"}}; counted there as {@code records_dropped} and {@code dropped_<reason>}. A chunk
 * without drops deletes a part an earlier run may have left.
 */
public final class DroppedParts {
  public static final String DIRECTORY = "_dropped";
  private static final JsonFactory FACTORY = Json.FACTORY;

  /** Chunk {@code N}'s part: {@code _dropped/dropped-NNNNNN.jsonl}. */
  public static final NumberedParts PARTS = new NumberedParts(DIRECTORY, "dropped-", ".jsonl");

  private DroppedParts() {}

  /** Counts {@code dropped} (in record order) and writes (or clears) chunk {@code ordinal}'s part. */
  public static void write(ResourceId outputDirectory, long ordinal, List<DroppedSample> dropped) throws IOException {
    ResourceId part = PARTS.location(outputDirectory, ordinal);
    if (dropped.isEmpty()) {
      AtomicFiles.delete(List.of(part));
      return;
    }
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    for (DroppedSample d : dropped) {
      Counters.dropped().inc();
      Counters.named("dropped_" + d.reason()).inc();
      try (JsonGenerator g = FACTORY.createGenerator(text)) {
        g.writeStartObject();
        g.writeStringField("source", d.sample().source());
        g.writeNumberField("position", d.sample().position());
        g.writeFieldName("id");
        if (d.sample().idJson() == null) {
          g.writeNull();
        } else {
          g.writeRawValue(d.sample().idJson());
        }
        g.writeStringField("key", d.sample().key());
        g.writeStringField("reason", d.reason());
        g.writeStringField("message", d.message());
        if (d.duplicateOf() != null) {
          g.writeStringField("duplicateOf", d.duplicateOf());
        }
        g.writeEndObject();
      }
      text.write('\n');
    }
    byte[] bytes = text.toByteArray();
    AtomicFiles.write(part, o -> o.write(bytes));
  }
}
