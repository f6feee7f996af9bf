package io.omniprep.patch;

import io.omniprep.sample.ByteRange;
import io.omniprep.sample.Wire;
import io.omniprep.shard.ShardOrder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.CustomCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One distinct medium to append to a patch: the byte ranges to copy, in order, and how its
 * reference is written ({@code size} a list or a plain int). A video given by path starts as its
 * file ({@link #decode()}) and becomes the list of its frames once decoded.
 *
 * <ul>
 *   <li>{@code key}: the identity media are deduplicated by (label and full resolved location);
 *   <li>{@code label}: {@code image}, {@code audio} or {@code video}, the key of the mapping entry;
 *   <li>{@code path}: the full resolved path of a file, or null for media that were already patch
 *       references (they are copied and have no path to map);
 *   <li>{@code origin}: the path, or the source patch reference, for ordering and messages.
 * </ul>
 */
final class PackItem implements Serializable {
  private final String key;
  private final String label;
  private final @Nullable String path;
  private final String origin;
  private final boolean decode;
  private final List<ByteRange> parts;
  private final boolean sizeIsList;
  private final @Nullable String extraJson;

  PackItem(
      String key,
      String label,
      @Nullable String path,
      String origin,
      boolean decode,
      List<ByteRange> parts,
      boolean sizeIsList,
      @Nullable String extraJson) {
    this.key = Objects.requireNonNull(key);
    this.label = Objects.requireNonNull(label);
    this.path = path;
    this.origin = Objects.requireNonNull(origin);
    this.decode = decode;
    this.parts = List.copyOf(parts);
    this.sizeIsList = sizeIsList;
    this.extraJson = extraJson;
  }

  String key() {
    return key;
  }

  String label() {
    return label;
  }

  @Nullable String path() {
    return path;
  }

  String origin() {
    return origin;
  }

  /** A video file still to be decoded into frames; its one part is the whole file. */
  boolean decode() {
    return decode;
  }

  List<ByteRange> parts() {
    return parts;
  }

  boolean sizeIsList() {
    return sizeIsList;
  }

  @Nullable String extraJson() {
    return extraJson;
  }

  long bytes() {
    long total = 0;
    for (ByteRange r : parts) {
      total += r.length();
    }
    return total;
  }

  /** The decoded video: its frames, in temporal order, referenced with a list {@code size}. */
  PackItem withFrames(List<ByteRange> frames) {
    return new PackItem(key, label, path, origin, false, frames, true, extraJson);
  }

  /**
   * Patch order: by folder, then by full location. Grouping by folder keeps the planner's sorting
   * units to one folder's files, so no step holds an entry per medium of the whole input.
   */
  static ShardOrder order(PackItem item) {
    String origin = item.origin;
    String folder = origin.substring(0, origin.lastIndexOf('/') + 1);
    return new ShardOrder("all", folder, 0, 0, item.bytes(), origin + "\0" + item.key);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof PackItem)) {
      return false;
    }
    PackItem i = (PackItem) o;
    return key.equals(i.key)
        && label.equals(i.label)
        && Objects.equals(path, i.path)
        && origin.equals(i.origin)
        && decode == i.decode
        && parts.equals(i.parts)
        && sizeIsList == i.sizeIsList
        && Objects.equals(extraJson, i.extraJson);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, parts);
  }

  @Override
  public String toString() {
    return label + ":" + origin + (decode ? " (to decode)" : " " + parts);
  }

  /** Deterministic coder. */
  static final class Coder extends CustomCoder<PackItem> {
    private static final Coder INSTANCE = new Coder();

    static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(PackItem item, OutputStream out) throws IOException {
      Wire.writeString(item.key, out);
      Wire.writeString(item.label, out);
      Wire.writeNullableString(item.path, out);
      Wire.writeString(item.origin, out);
      Wire.writeBoolean(item.decode, out);
      Wire.writeInt(item.parts.size(), out);
      for (ByteRange r : item.parts) {
        Wire.writeString(r.resource(), out);
        Wire.writeLong(r.offset(), out);
        Wire.writeLong(r.length(), out);
      }
      Wire.writeBoolean(item.sizeIsList, out);
      Wire.writeNullableString(item.extraJson, out);
    }

    @Override
    public PackItem decode(InputStream in) throws IOException {
      String key = Wire.readString(in);
      String label = Wire.readString(in);
      String path = Wire.readNullableString(in);
      String origin = Wire.readString(in);
      boolean decode = Wire.readBoolean(in);
      int n = Wire.readInt(in);
      List<ByteRange> parts = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        parts.add(new ByteRange(Wire.readString(in), Wire.readLong(in), Wire.readLong(in)));
      }
      return new PackItem(key, label, path, origin, decode, parts, Wire.readBoolean(in), Wire.readNullableString(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
