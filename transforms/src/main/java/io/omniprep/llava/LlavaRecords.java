package io.omniprep.llava;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.json.Json;
import io.omniprep.sample.MediaKind;
import io.omniprep.sample.MediaLocation;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.PatchRef;
import io.omniprep.sample.Sample;
import io.omniprep.sample.Speakers;
import io.omniprep.sample.Turn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Sample} back as one JSON record, in the input's field order, with the fields it
 * does not model copied verbatim.
 */
public final class LlavaRecords {
  private static final JsonFactory FACTORY = Json.PYTHON_FACTORY;
  private static final ObjectMapper MAPPER = Json.PYTHON;

  private LlavaRecords() {}

  /** The record as it was read (used to quote samples in the errors output). */
  public static String toJson(Sample sample) {
    return toJson(sample, RecordStyle.AS_READ);
  }

  public static String toJson(Sample sample, RecordStyle style) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    write(sample, style, out);
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  /** Writes the record as compact UTF-8 JSON to {@code out} (not closed). */
  public static void write(Sample sample, RecordStyle style, OutputStream out) {
    try (JsonGenerator g = generator(out)) {
      write(sample, style, g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A generator of compact UTF-8 JSON records into {@code out} (left open when it closes), for
   * records written one after another by {@link #write(Sample, RecordStyle, JsonGenerator)}:
   * nothing is put between them but what the caller writes raw. One generator for many records
   * spares a generator and its buffers per record.
   */
  public static JsonGenerator generator(OutputStream out) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.setRootValueSeparator(null);
    return g;
  }

  /** Writes the record to {@code g} ({@link #generator}). */
  public static void write(Sample sample, RecordStyle style, JsonGenerator g) throws IOException {
    Map<String, List<MediaRef>> mediaByField = mediaByOutputField(sample, style);
    List<String> order = outputOrder(sample, style, mediaByField);
    g.writeStartObject();
    for (String field : order) {
      if (field.equals("id") && sample.idJson() != null) {
        g.writeFieldName("id");
        g.writeRawValue(sample.idJson());
      } else if (field.equals(conversationField(sample, style))) {
        g.writeFieldName(field);
        writeTurns(sample.turns(), style, g);
      } else if (mediaByField.containsKey(field)) {
        g.writeFieldName(field);
        writeMedia(mediaByField.get(field), style, g);
      } else if (sample.extras().containsKey(field)) {
        g.writeFieldName(field);
        g.writeRawValue(sample.extras().get(field));
      }
    }
    g.writeEndObject();
  }

  private static String conversationField(Sample sample, RecordStyle style) {
    return style == RecordStyle.AS_READ ? sample.conversationField() : Sample.DEFAULT_CONVERSATION_FIELD;
  }

  /** Media grouped under the field name they are written to, in record order. */
  private static Map<String, List<MediaRef>> mediaByOutputField(Sample sample, RecordStyle style) {
    Map<String, List<MediaRef>> byField = new LinkedHashMap<>();
    for (MediaRef ref : sample.media()) {
      byField.computeIfAbsent(outputField(ref, style), k -> new ArrayList<>()).add(ref);
    }
    return byField;
  }

  private static String outputField(MediaRef ref, RecordStyle style) {
    switch (style) {
      case LLAVA:
        return ref.kind().llavaField();
      case SHAREGPT:
        return ref.kind().shareGptField();
      default:
        return ref.field();
    }
  }

  /**
   * The input's field order with renamed fields in place of the originals; fields that are new
   * (media added by a stage) come last.
   */
  private static List<String> outputOrder(Sample sample, RecordStyle style, Map<String, List<MediaRef>> media) {
    List<String> order = new ArrayList<>();
    for (String field : sample.fieldOrder()) {
      String renamed = field;
      if (MediaKind.ofField(field).isPresent() && !sample.extras().containsKey(field)) {
        MediaKind kind = MediaKind.ofField(field).get();
        renamed = style == RecordStyle.LLAVA ? kind.llavaField() : style == RecordStyle.SHAREGPT ? kind.shareGptField() : field;
      } else if (field.equals(sample.conversationField())) {
        renamed = conversationField(sample, style);
      }
      if (!order.contains(renamed)) {
        order.add(renamed);
      }
    }
    for (String field : media.keySet()) {
      if (!order.contains(field)) {
        order.add(field);
      }
    }
    if (!order.contains(conversationField(sample, style)) && !sample.turns().isEmpty()) {
      order.add(conversationField(sample, style));
    }
    return order;
  }

  private static void writeTurns(List<Turn> turns, RecordStyle style, JsonGenerator g) throws IOException {
    g.writeStartArray();
    for (Turn turn : turns) {
      boolean roleContent = style == RecordStyle.AS_READ && turn.roleContentKeys();
      g.writeStartObject();
      g.writeStringField(roleContent ? "role" : "from", roleContent || style == RecordStyle.AS_READ ? turn.speaker() : Speakers.toFrom(turn.speaker()));
      g.writeStringField(roleContent ? "content" : "value", turn.text());
      if (turn.extraJson() != null) {
        writeObjectFields(turn.extraJson(), g);
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeMedia(List<MediaRef> refs, RecordStyle style, JsonGenerator g) throws IOException {
    MediaRef first = refs.get(0);
    boolean hasListField = !first.kind().shareGptField().equals(first.kind().llavaField());
    boolean asList =
        style == RecordStyle.SHAREGPT && hasListField
            || (style == RecordStyle.AS_READ ? first.index() >= 0 : refs.size() > 1);
    if (asList) {
      g.writeStartArray();
    }
    for (MediaRef ref : refs) {
      writeLocation(ref.location(), g);
    }
    if (asList) {
      g.writeEndArray();
    }
  }

  private static void writeLocation(MediaLocation location, JsonGenerator g) throws IOException {
    if (!location.isPatch()) {
      g.writeString(location.path());
      return;
    }
    writePatchRef(location.patchRef(), g);
  }

  /** A patch reference as Ola's training JSON holds it: {@code {patch, start_num, size}}, extra keys. */
  public static void writePatchRef(PatchRef p, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("patch", p.patch());
    g.writeNumberField("start_num", p.start());
    g.writeFieldName("size");
    if (p.sizeIsList()) {
      g.writeStartArray();
      for (long size : p.sizes()) {
        g.writeNumber(size);
      }
      g.writeEndArray();
    } else {
      g.writeNumber(p.totalSize());
    }
    if (p.extraJson() != null) {
      writeObjectFields(p.extraJson(), g);
    }
    g.writeEndObject();
  }

  private static void writeObjectFields(String objectJson, JsonGenerator g) throws IOException {
    JsonNode extra = MAPPER.readTree(objectJson);
    for (Iterator<Map.Entry<String, JsonNode>> it = extra.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      g.writeFieldName(e.getKey());
      MAPPER.writeTree(g, e.getValue());
    }
  }
}
