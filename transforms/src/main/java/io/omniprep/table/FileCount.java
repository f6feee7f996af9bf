package io.omniprep.table;

import io.omniprep.sample.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.coders.CustomCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/** How many rows one file holds, and how many of them passed the filters. */
public final class FileCount implements Serializable {
  private final String source;
  private final long rows;
  private final long kept;

  public FileCount(String source, long rows, long kept) {
    this.source = Objects.requireNonNull(source);
    this.rows = rows;
    this.kept = kept;
  }

  public String source() {
    return source;
  }

  public long rows() {
    return rows;
  }

  public long kept() {
    return kept;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FileCount
        && source.equals(((FileCount) o).source)
        && rows == ((FileCount) o).rows
        && kept == ((FileCount) o).kept;
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, rows, kept);
  }

  @Override
  public String toString() {
    return source + ": " + kept + "/" + rows;
  }

  /** Deterministic coder. */
  public static final class Coder extends CustomCoder<FileCount> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(FileCount c, OutputStream out) throws IOException {
      Wire.writeString(c.source, out);
      Wire.writeLong(c.rows, out);
      Wire.writeLong(c.kept, out);
    }

    @Override
    public FileCount decode(InputStream in) throws IOException {
      return new FileCount(Wire.readString(in), Wire.readLong(in), Wire.readLong(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
