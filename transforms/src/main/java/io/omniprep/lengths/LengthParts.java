package io.omniprep.lengths;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.io.AtomicFiles;
import io.omniprep.io.NumberedParts;
import io.omniprep.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code lengths.jsonl} is written as the errors output is: each input chunk writes its own part,
 * {@code OUTPUT/.omniprep/lengths/lengths-NNNNNN.jsonl} (the chunk's number), its written samples in
 * shard order; once every chunk is done {@link WriteLengthsFn} joins the parts in name order. A
 * chunk with no sample written deletes a part an earlier run may have left.
 */
public final class LengthParts {
  /** Chunk {@code N}'s part: {@code .omniprep/lengths/lengths-NNNNNN.jsonl}. */
  public static final NumberedParts PARTS = new NumberedParts(".omniprep/lengths", "lengths-", ".jsonl");
  private static final ObjectMapper JSON = Json.MAPPER;

  private LengthParts() {}

  /** One written sample: its key, its id as JSON (null when the record has none), its split (null when decided per shard). */
  public record Row(String key, @Nullable String idJson, @Nullable String split, SequenceLengths lengths) {
    String jsonLine() {
      JsonStringEncoder json = JsonStringEncoder.getInstance();
      return "{\"key\":\"" + new String(json.quoteAsString(key)) + "\",\"id\":" + compact(idJson) + ",\"split\":"
          + (split == null ? "null" : "\"" + new String(json.quoteAsString(split)) + "\"") + "," + lengths.jsonMembers() + "}";
    }
  }

  /** The id as one line: raw JSON as the record wrote it, re-serialized only when it spans lines (an object id). */
  private static String compact(@Nullable String idJson) {
    if (idJson == null) {
      return "null";
    }
    if (idJson.indexOf('\n') < 0 && idJson.indexOf('\r') < 0) {
      return idJson;
    }
    try {
      return JSON.writeValueAsString(JSON.readTree(idJson));
    } catch (IOException e) {
      throw new IllegalStateException("a parsed record's id is not JSON: " + idJson, e);
    }
  }

  public static void write(ResourceId outputDirectory, long ordinal, List<Row> rows) throws IOException {
    ResourceId part = PARTS.location(outputDirectory, ordinal);
    if (rows.isEmpty()) {
      AtomicFiles.delete(List.of(part));
      return;
    }
    AtomicFiles.write(part, o -> {
      for (Row row : rows) {
        o.write(row.jsonLine().getBytes(StandardCharsets.UTF_8));
        o.write('\n');
      }
    });
  }
}
