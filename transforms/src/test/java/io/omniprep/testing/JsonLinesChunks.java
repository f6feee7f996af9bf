package io.omniprep.testing;

import io.omniprep.json.JsonRecordScanner.Layout;
import io.omniprep.llava.JsonChunk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** A JSON Lines chunk over every line of a file the test wrote, its spans found by hand (newline-separated). */
public final class JsonLinesChunks {
  private JsonLinesChunks() {}

  /** The chunk of {@code file}, written as {@code lines} each followed by a newline; records numbered from 1. */
  public static JsonChunk of(Path file, List<String> lines) {
    long[] positions = new long[lines.size()];
    long[] starts = new long[lines.size()];
    long[] ends = new long[lines.size()];
    long at = 0;
    for (int i = 0; i < lines.size(); i++) {
      positions[i] = i + 1;
      starts[i] = at;
      ends[i] = at + lines.get(i).getBytes(StandardCharsets.UTF_8).length;
      at = ends[i] + 1;
    }
    return new JsonChunk(file.toString(), Layout.LINES, positions, starts, ends);
  }
}
