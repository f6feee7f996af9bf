package io.omniprep.wds;

import io.omniprep.metrics.Counters;
import io.omniprep.lengths.SequenceLengths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds a sample's lengths to its {@code KEY.json} member as a last field, {@value #FIELD}, where
 * that member is a JSON object (ChatML and raw layouts); never into a list a reader indexes (the
 * vqa layout's {@code json[0]}). The text is extended as written, so the rest stays byte for byte
 * what the layout wrote. A record that already has such a field keeps its own, and is counted.
 */
final class LengthsMember {
  public static final String FIELD = "sequence_lengths";
  private static final String JSON = "json";

  private LengthsMember() {}

  static List<TarPart> withLengths(List<TarPart> parts, SequenceLengths lengths) throws IOException {
    List<TarPart> out = new ArrayList<>(parts.size());
    for (TarPart part : parts) {
      out.add(part.extension().equals(JSON) ? extended(part, lengths) : part);
    }
    return out;
  }

  private static TarPart extended(TarPart part, SequenceLengths lengths) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) part.size() + 96);
    part.content().writeTo(bytes);
    String text = bytes.toString(StandardCharsets.UTF_8);
    String body = text.strip();
    if (!body.startsWith("{") || !body.endsWith("}")) {
      return part;
    }
    if (text.contains("\"" + FIELD + "\"")) {
      Counters.named("lengths_field_already_in_record").inc();
      return part;
    }
    int close = text.lastIndexOf('}');
    boolean empty = body.substring(1, body.length() - 1).isBlank();
    // Python's json.dumps separators, as the layouts write their JSON.
    String member = (empty ? "" : ", ") + "\"" + FIELD + "\": " + lengths.pythonJson();
    return TarPart.utf8(JSON, text.substring(0, close) + member + text.substring(close));
  }
}
