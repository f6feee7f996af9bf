package io.omniprep.patch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.omniprep.io.ConcatenateParts;
import io.omniprep.io.Folders;
import io.omniprep.io.TextShardFormat;
import io.omniprep.io.WriteTextShards;
import io.omniprep.json.Json;
import io.omniprep.llava.LlavaRecords;
import io.omniprep.shard.PlanShards;
import io.omniprep.shard.ShardOrder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes {@code patch_mapping.json}: one JSON object keyed by each packed file's full original
 * path (never its basename, which the reference script keys by and so loses files that share one),
 * each value {@code {"original_path": P, "image"|"audio"|"video": {patch, start_num, size}}}, one
 * entry per line, in the patches' order (folder, then path). Written in parallel parts, then
 * concatenated in order, streaming.
 */
final class WriteMapping extends PTransform<PCollection<KV<String, KV<String, PackOutcome>>>, PCollection<String>> {
  static final String FILE_NAME = "patch_mapping.json";
  private static final int PART_ENTRIES = 20_000;

  private final String outputDirectory;

  WriteMapping(String outputDirectory) {
    this.outputDirectory = outputDirectory;
  }

  @Override
  public PCollection<String> expand(PCollection<KV<String, KV<String, PackOutcome>>> packed) {
    String parts = Folders.temporary(outputDirectory, "patch_mapping");
    return packed
        .apply("Group by path", GroupByKey.create())
        .apply("Render entries", ParDo.of(new RenderFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply("Order entries", PlanShards.of(WriteMapping::order).withMaxItems(PART_ENTRIES))
        .apply("Write parts", WriteTextShards.to(parts, "part-%06d", new PartFormat()))
        .apply("Concatenate parts", ConcatenateParts.intoObject(outputDirectory + "/" + FILE_NAME, parts));
  }

  private static ShardOrder order(KV<String, String> entry) {
    String path = entry.getKey();
    return new ShardOrder("all", path.substring(0, path.lastIndexOf('/') + 1), 0, 0, 0, path);
  }

  /** A path's references (one per label; a file used both as a video and as audio has two) → its JSON entry. */
  private static final class RenderFn extends DoFn<KV<String, Iterable<KV<String, PackOutcome>>>, KV<String, String>> {
    private static final JsonFactory JSON = Json.FACTORY;
    private static final Comparator<PackOutcome> FIRST_COPY =
        Comparator.comparing((PackOutcome o) -> o.ref().patch()).thenComparingLong(o -> o.ref().start());

    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<String, PackOutcome>>> entry, OutputReceiver<KV<String, String>> out)
        throws IOException {
      Map<String, PackOutcome> byLabel = new TreeMap<>();
      for (KV<String, PackOutcome> kv : entry.getValue()) {
        // A file used by several input chunks is packed by each: map it to its first copy.
        byLabel.merge(kv.getKey(), kv.getValue(), (a, b) -> FIRST_COPY.compare(a, b) <= 0 ? a : b);
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
      try (JsonGenerator g = JSON.createGenerator(bytes)) {
        g.writeStartObject();
        g.writeFieldName(entry.getKey());
        g.writeStartObject();
        g.writeStringField("original_path", entry.getKey());
        for (Map.Entry<String, PackOutcome> e : byLabel.entrySet()) {
          g.writeFieldName(e.getKey());
          LlavaRecords.writePatchRef(e.getValue().ref(), g);
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      String object = bytes.toString(StandardCharsets.UTF_8);
      // The member without the enclosing braces: parts are spliced into one object.
      out.output(KV.of(entry.getKey(), object.substring(1, object.length() - 1)));
    }
  }

  private static final class PartFormat implements TextShardFormat<KV<String, String>> {
    @Override
    public void writeItem(KV<String, String> item, OutputStream out) throws IOException {
      out.write(item.getValue().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] separator() {
      return ",\n".getBytes(StandardCharsets.UTF_8);
    }
  }
}
