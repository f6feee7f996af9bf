package io.omniprep.read;

import io.omniprep.json.JsonRecordScanner.Layout;
import io.omniprep.sample.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.apache.beam.sdk.coders.CustomCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A run of consecutive records of one file, found by a planning scan: their byte spans and
 * positions. Chunks carry offsets, not text, so spreading them over workers moves almost nothing.
 */
public final class JsonChunk implements Serializable {
  private final String source;
  private final Layout layout;
  private final long[] positions;
  private final long[] starts;
  private final long[] ends;

  public JsonChunk(String source, Layout layout, long[] positions, long[] starts, long[] ends) {
    if (positions.length != starts.length || starts.length != ends.length || starts.length == 0) {
      throw new IllegalArgumentException("a chunk needs one position, start and end per record");
    }
    this.source = Objects.requireNonNull(source);
    this.layout = layout;
    this.positions = positions;
    this.starts = starts;
    this.ends = ends;
  }

  public String source() {
    return source;
  }

  public Layout layout() {
    return layout;
  }

  public int size() {
    return starts.length;
  }

  /** Index in the array (0-based) or line number (1-based, JSON Lines) of record {@code i}. */
  public long position(int i) {
    return positions[i];
  }

  public long start(int i) {
    return starts[i];
  }

  public long end(int i) {
    return ends[i];
  }

  public long firstByte() {
    return starts[0];
  }

  public long endByte() {
    return ends[ends.length - 1];
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof JsonChunk)) {
      return false;
    }
    JsonChunk c = (JsonChunk) o;
    return source.equals(c.source)
        && layout == c.layout
        && Arrays.equals(positions, c.positions)
        && Arrays.equals(starts, c.starts)
        && Arrays.equals(ends, c.ends);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, layout, Arrays.hashCode(starts));
  }

  /** Delta-encoded varints: a chunk of thousands of records encodes in a few kilobytes. */
  public static final class Coder extends CustomCoder<JsonChunk> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(JsonChunk c, OutputStream out) throws IOException {
      Wire.writeString(c.source, out);
      Wire.writeInt(c.layout.ordinal(), out);
      Wire.writeInt(c.size(), out);
      long previousPosition = 0;
      long previousEnd = 0;
      for (int i = 0; i < c.size(); i++) {
        Wire.writeLong(c.positions[i] - previousPosition, out);
        Wire.writeLong(c.starts[i] - previousEnd, out);
        Wire.writeLong(c.ends[i] - c.starts[i], out);
        previousPosition = c.positions[i];
        previousEnd = c.ends[i];
      }
    }

    @Override
    public JsonChunk decode(InputStream in) throws IOException {
      String source = Wire.readString(in);
      Layout layout = Layout.values()[Wire.readInt(in)];
      int n = Wire.readInt(in);
      long[] positions = new long[n];
      long[] starts = new long[n];
      long[] ends = new long[n];
      long previousPosition = 0;
      long previousEnd = 0;
      for (int i = 0; i < n; i++) {
        positions[i] = previousPosition + Wire.readLong(in);
        starts[i] = previousEnd + Wire.readLong(in);
        ends[i] = starts[i] + Wire.readLong(in);
        previousPosition = positions[i];
        previousEnd = ends[i];
      }
      return new JsonChunk(source, layout, positions, starts, ends);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
