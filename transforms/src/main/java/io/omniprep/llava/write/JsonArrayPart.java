package io.omniprep.llava.write;

import com.fasterxml.jackson.core.JsonGenerator;
import io.omniprep.io.AtomicFiles;
import io.omniprep.llava.LlavaRecords;
import io.omniprep.llava.RecordStyle;
import io.omniprep.sample.Sample;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * One chunk's records as a part of a JSON array: the records separated by {@code ,\n}, without
 * brackets, named by the chunk's number ({@code part-NNNNNNNNNNNN}) so that the parts concatenate
 * in record order ({@link io.omniprep.io.ConcatenateParts}).
 */
public final class JsonArrayPart {
  private static final String SEPARATOR = ",\n";

  private JsonArrayPart() {}

  /** Writes {@code records} as part {@code ordinal} under {@code partsDirectory}; returns the part. */
  public static ResourceId write(String partsDirectory, long ordinal, List<Sample> records, RecordStyle style) throws IOException {
    ResourceId part = AtomicFiles.resolve(AtomicFiles.directory(partsDirectory), String.format(Locale.ROOT, "part-%012d", ordinal));
    AtomicFiles.write(part, o -> {
      try (JsonGenerator g = LlavaRecords.generator(o)) {
        for (int i = 0; i < records.size(); i++) {
          if (i > 0) {
            g.writeRaw(SEPARATOR);
          }
          LlavaRecords.write(records.get(i), style, g);
        }
      }
    });
    return part;
  }
}
