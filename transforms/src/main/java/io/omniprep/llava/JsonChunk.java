package io.omniprep.llava;

import io.omniprep.json.JsonRecordScanner.Layout;
import io.omniprep.sample.Wire;
import io.omniprep.chunk.InputChunk;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A run of consecutive records of one file, found by a planning scan: their byte spans and
 * positions. Chunks carry offsets, not text, so spreading them over workers moves almost nothing.
 */
@DefaultCoder(JsonChunk.Coder.class)
public final class JsonChunk implements Serializable, InputChunk.Whole {
  private final String source;
  private final Layout layout;
  private final long[] positions;
  private final long[] starts;
  private final long[] ends;
  private final long index;
  private final long ordinal;
  /** What sample keys are derived from: the file's path under the inputs' common root; null: the source. */
  private final @Nullable String keyName;
  /** How the file's text is encoded: offsets are bytes of the file, records are decoded on reading. */
  private final SourceEncoding encoding;

  public JsonChunk(String source, Layout layout, long[] positions, long[] starts, long[] ends) {
    this(source, layout, positions, starts, ends, 0, -1);
  }

  /**
   * A chunk that knows its place: {@code index} among its file's chunks, {@code ordinal} among all
   * inputs' chunks (files in name order), or -1 before {@link ParseLlava#chunks()} numbers them.
   */
  public JsonChunk(String source, Layout layout, long[] positions, long[] starts, long[] ends, long index, long ordinal) {
    this(source, layout, positions, starts, ends, index, ordinal, null);
  }

  /**
   * A numbered chunk that also knows the name its samples are keyed by: its file's path relative to
   * the folder shared by every input file (the file name when there is one input), so that the same
   * data in another folder gets the same keys.
   */
  public JsonChunk(String source, Layout layout, long[] positions, long[] starts, long[] ends, long index, long ordinal,
      @Nullable String keyName) {
    this(source, layout, positions, starts, ends, index, ordinal, keyName, SourceEncoding.UTF_8);
  }

  private JsonChunk(String source, Layout layout, long[] positions, long[] starts, long[] ends, long index, long ordinal,
      @Nullable String keyName, SourceEncoding encoding) {
    if (positions.length != starts.length || starts.length != ends.length || starts.length == 0) {
      throw new IllegalArgumentException("a chunk needs one position, start and end per record");
    }
    this.source = Objects.requireNonNull(source);
    this.layout = layout;
    this.positions = positions;
    this.starts = starts;
    this.ends = ends;
    this.index = index;
    this.ordinal = ordinal;
    this.keyName = keyName;
    this.encoding = Objects.requireNonNull(encoding);
  }

  @Override
  public long countedRecords() {
    return size();
  }

  @Override
  public byte[] parse(long maxRecordBytes, InputChunk.Sink sink) throws IOException {
    ChunkRecords records = ChunkRecords.read(this, maxRecordBytes);
    records.parse(sink);
    return records.digest();
  }

  /** The name sample keys are derived from ({@link io.omniprep.sample.SampleKeys}); the source until numbered. */
  @Override
  public String keyName() {
    return keyName != null ? keyName : source;
  }

  /** The same chunk keyed by {@code keyName}. */
  public JsonChunk withKeyName(String keyName) {
    return new JsonChunk(source, layout, positions, starts, ends, index, ordinal, keyName, encoding);
  }

  /** How the file's text is encoded (UTF-8 unless its first bytes say otherwise). */
  public SourceEncoding encoding() {
    return encoding;
  }

  /** The same chunk of a file in {@code encoding}. */
  public JsonChunk withEncoding(SourceEncoding encoding) {
    return new JsonChunk(source, layout, positions, starts, ends, index, ordinal, keyName, encoding);
  }

  /** This chunk's place among its file's chunks, from 0. */
  public long index() {
    return index;
  }

  /** This chunk's place among every input's chunks, from 0 (-1 when not numbered). */
  @Override
  public long ordinal() {
    return ordinal;
  }

  /** The same chunk with its global ordinal. */
  public JsonChunk withOrdinal(long ordinal) {
    return new JsonChunk(source, layout, positions, starts, ends, index, ordinal, keyName, encoding);
  }

  /**
   * The same chunk (source, place, key name, encoding) holding only records {@code from} to {@code
   * to} (exclusive) of {@code records}, indexes into this chunk in increasing order: a run of the
   * records a shuffle deals to one bucket, read with one seek.
   */
  public JsonChunk select(int[] records, int from, int to) {
    int n = to - from;
    long[] p = new long[n];
    long[] s = new long[n];
    long[] e = new long[n];
    for (int i = 0; i < n; i++) {
      p[i] = positions[records[from + i]];
      s[i] = starts[records[from + i]];
      e[i] = ends[records[from + i]];
    }
    return new JsonChunk(source, layout, p, s, e, index, ordinal, keyName, encoding);
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
        && index == c.index
        && ordinal == c.ordinal
        && Objects.equals(keyName, c.keyName)
        && encoding == c.encoding
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

    /** What {@code @DefaultCoder} on {@link JsonChunk} asks for. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(JsonChunk.class), INSTANCE);
    }

    @Override
    public void encode(JsonChunk c, OutputStream out) throws IOException {
      Wire.writeString(c.source, out);
      Wire.writeInt(c.layout.ordinal(), out);
      Wire.writeInt(c.size(), out);
      Wire.writeLong(c.index, out);
      Wire.writeLong(c.ordinal + 1, out);
      Wire.writeString(c.keyName == null ? "" : c.keyName, out);
      Wire.writeInt(c.encoding.ordinal(), out);
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
      long index = Wire.readLong(in);
      long ordinal = Wire.readLong(in) - 1;
      String keyName = Wire.readString(in);
      SourceEncoding encoding = SourceEncoding.values()[Wire.readInt(in)];
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
      return new JsonChunk(source, layout, positions, starts, ends, index, ordinal, keyName.isEmpty() ? null : keyName, encoding);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
