package io.omniprep.patch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.omniprep.io.AtomicFiles;
import io.omniprep.io.Folders;
import io.omniprep.json.Json;
import io.omniprep.llava.LlavaRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * One patch's members of {@code patch_mapping.json}, written by the worker that wrote the patch, a
 * member per line, in the order the files were packed: {@code "PATH":{"original_path": PATH,
 * LABEL: REFERENCE, ...}}. {@link WriteMapping} joins the parts in patch order.
 */
final class MappingPart {
  private static final JsonFactory JSON = Json.FACTORY;

  /** Of two copies of one file (packed by two chunks), the one the mapping names: the smallest patch name, then offset. */
  static final Comparator<PackOutcome> FIRST_COPY =
      Comparator.comparing((PackOutcome o) -> o.ref().patch()).thenComparingLong(o -> o.ref().start());

  private MappingPart() {}

  /** Where patch {@code patchName}'s part lies until the mapping is joined. */
  static ResourceId location(String outputDirectory, String patchName) {
    return AtomicFiles.resolve(AtomicFiles.directory(directory(outputDirectory)), patchName);
  }

  /** The folder of the parts. */
  static String directory(String outputDirectory) {
    return Folders.temporary(outputDirectory, "patch_mapping");
  }

  /** Writes {@code members} (path → label → reference, in packing order) as patch {@code patchName}'s part. */
  static void write(String outputDirectory, String patchName, Map<String, Map<String, PackOutcome>> members) throws IOException {
    AtomicFiles.write(location(outputDirectory, patchName), out -> {
      for (Map.Entry<String, Map<String, PackOutcome>> m : members.entrySet()) {
        out.write(member(m.getKey(), m.getValue()).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
      }
    });
  }

  /** One file's member, {@code "PATH":{...}}, its labels in name order. */
  static String member(String path, Map<String, PackOutcome> byLabel) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(bytes)) {
      g.writeStartObject();
      g.writeFieldName(path);
      g.writeStartObject();
      g.writeStringField("original_path", path);
      for (Map.Entry<String, PackOutcome> e : byLabel.entrySet()) {
        g.writeFieldName(e.getKey());
        LlavaRecords.writePatchRef(e.getValue().ref(), g);
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    String object = bytes.toString(StandardCharsets.UTF_8);
    return object.substring(1, object.length() - 1); // the member alone: parts are spliced into one object
  }
}
