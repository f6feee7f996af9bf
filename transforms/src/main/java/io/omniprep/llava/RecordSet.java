package io.omniprep.llava;

import io.omniprep.sample.Wire;
import io.omniprep.util.Sha256;
import io.omniprep.chunk.InputChunk;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a chunk-local writer writes as one unit, numbered {@code ordinal}: one input chunk, or the
 * records a shuffle dealt to one bucket, as runs of chunks ({@code parts}: each of one file, in
 * order of their chunks' ordinals and bytes). Descriptors only: the records are read where the set
 * is written.
 */
@DefaultCoder(RecordSet.Coder.class)
public final class RecordSet implements Serializable, InputChunk {
  private final long ordinal;
  private final List<JsonChunk> parts;

  public RecordSet(long ordinal, List<JsonChunk> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a record set needs at least one part");
    }
    this.ordinal = ordinal;
    this.parts = List.copyOf(parts);
  }

  /** One input chunk as it was planned. */
  public static RecordSet of(JsonChunk chunk) {
    return new RecordSet(chunk.ordinal(), List.of(chunk));
  }

  /** This set's number: its chunk's ordinal, or its shuffle bucket. */
  @Override
  public long ordinal() {
    return ordinal;
  }

  public List<JsonChunk> parts() {
    return parts;
  }

  @Override
  public long countedRecords() {
    return size();
  }

  /** Parses the parts one after the other; the digest is the part's, or SHA-256 of the parts' digests in order. */
  @Override
  public byte[] parse(long maxRecordBytes, InputChunk.Sink sink) throws IOException {
    if (parts.size() == 1) {
      return parts.get(0).parse(maxRecordBytes, sink);
    }
    MessageDigest sha = Sha256.newDigest();
    for (JsonChunk part : parts) {
      sha.update(part.parse(maxRecordBytes, sink));
    }
    return sha.digest();
  }

  @Override
  public String keyNameOf(String source) {
    String name = keyNames().get(source);
    if (name == null) {
      throw new IllegalArgumentException("record set " + ordinal + " reads no file " + source);
    }
    return name;
  }

  @Override
  public Map<Long, String> inputChunks() {
    Map<Long, String> chunks = new LinkedHashMap<>();
    for (JsonChunk part : parts) {
      chunks.put(part.ordinal(), part.keyName());
    }
    return chunks;
  }

  /** How many records the parts hold. */
  public long size() {
    long n = 0;
    for (JsonChunk part : parts) {
      n += part.size();
    }
    return n;
  }

  /** The key name of each file the parts read, by file. */
  private Map<String, String> keyNames() {
    Map<String, String> names = new HashMap<>();
    for (JsonChunk part : parts) {
      names.put(part.source(), part.keyName());
    }
    return names;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RecordSet r && r.ordinal == ordinal && r.parts.equals(parts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ordinal, parts);
  }

  /** The ordinal, then each part by {@link JsonChunk.Coder}. */
  public static final class Coder extends CustomCoder<RecordSet> {
    public static Coder of() {
      return new Coder();
    }

    @Override
    public void encode(RecordSet set, OutputStream out) throws IOException {
      Wire.writeLong(set.ordinal, out);
      Wire.writeInt(set.parts.size(), out);
      for (JsonChunk part : set.parts) {
        JsonChunk.Coder.of().encode(part, out);
      }
    }

    @Override
    public RecordSet decode(InputStream in) throws IOException {
      long ordinal = Wire.readLong(in);
      int n = Wire.readInt(in);
      List<JsonChunk> parts = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        parts.add(JsonChunk.Coder.of().decode(in));
      }
      return new RecordSet(ordinal, parts);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
