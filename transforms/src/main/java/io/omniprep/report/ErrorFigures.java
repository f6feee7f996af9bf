package io.omniprep.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.FailedRecordCoder;
import io.omniprep.errors.Reason;
import io.omniprep.json.Json;
import io.omniprep.sample.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * Failures by reason, with the first {@value #EXAMPLES} records of each reason in (source,
 * position) order as examples: the same examples whatever order the failures arrive in.
 */
final class ErrorFigures implements Tally<FailedRecord, ErrorFigures> {
  static final int EXAMPLES = 3;
  /** Examples quote at most this many characters of a message or record. */
  static final int QUOTE = 400;
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final Comparator<FailedRecord> ORDER =
      Comparator.comparing(FailedRecord::source)
          .thenComparingLong(FailedRecord::position)
          .thenComparing(FailedRecord::stage)
          .thenComparing(FailedRecord::message)
          .thenComparing(FailedRecord::record);

  private final EnumMap<Reason, Long> counts = new EnumMap<>(Reason.class);
  private final EnumMap<Reason, List<FailedRecord>> examples = new EnumMap<>(Reason.class);

  @Override
  public void add(FailedRecord f) {
    counts.merge(f.reason(), 1L, Long::sum);
    keep(f);
  }

  @Override
  public void merge(ErrorFigures o) {
    o.counts.forEach((r, n) -> counts.merge(r, n, Long::sum));
    o.examples.values().forEach(list -> list.forEach(this::keep));
  }

  private void keep(FailedRecord f) {
    List<FailedRecord> list = examples.computeIfAbsent(f.reason(), r -> new ArrayList<>());
    if (list.contains(f)) {
      return;
    }
    list.add(f);
    list.sort(ORDER);
    if (list.size() > EXAMPLES) {
      list.remove(EXAMPLES);
    }
  }

  /** {@code {total, byReason: {reason: {count, examples: [{source, position, id, stage, message, record}]}}}}. */
  ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("total", counts.values().stream().mapToLong(Long::longValue).sum());
    ObjectNode byReason = root.putObject("byReason");
    for (Map.Entry<Reason, Long> e : counts.entrySet()) {
      ObjectNode reason = byReason.putObject(e.getKey().code());
      reason.put("count", e.getValue());
      for (FailedRecord f : examples.get(e.getKey())) {
        ObjectNode x = reason.withArray("examples").addObject();
        x.put("source", f.source());
        x.put("position", f.position());
        x.set("id", id(f.idJson()));
        x.put("stage", f.stage());
        x.put("message", quote(f.message()));
        x.put("record", quote(f.record()));
      }
    }
    return root;
  }

  private static JsonNode id(String idJson) {
    if (idJson == null) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(idJson);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(idJson);
    }
  }

  /** At most {@link #QUOTE} code points, with an ellipsis when cut. */
  static String quote(String text) {
    if (text.codePointCount(0, text.length()) <= QUOTE) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, QUOTE)) + "…";
  }

  /** Deterministic coder for partial figures. */
  static final class Coder extends CustomCoder<ErrorFigures> {
    @Override
    public void encode(ErrorFigures f, OutputStream out) throws IOException {
      Wire.writeInt(f.counts.size(), out);
      for (Map.Entry<Reason, Long> e : f.counts.entrySet()) {
        Wire.writeInt(e.getKey().ordinal(), out);
        Wire.writeLong(e.getValue(), out);
        List<FailedRecord> list = f.examples.get(e.getKey());
        Wire.writeInt(list.size(), out);
        for (FailedRecord r : list) {
          FailedRecordCoder.of().encode(r, out);
        }
      }
    }

    @Override
    public ErrorFigures decode(InputStream in) throws IOException {
      ErrorFigures f = new ErrorFigures();
      int reasons = Wire.readInt(in);
      for (int i = 0; i < reasons; i++) {
        Reason reason = Reason.values()[Wire.readInt(in)];
        f.counts.put(reason, Wire.readLong(in));
        int n = Wire.readInt(in);
        List<FailedRecord> list = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
          list.add(FailedRecordCoder.of().decode(in));
        }
        f.examples.put(reason, list);
      }
      return f;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
