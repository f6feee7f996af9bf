package io.omniprep.sample;

import java.io.Serializable;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/** {@code length} bytes at {@code offset} of one resolved file (a Beam {@code ResourceId} string). */
public final class ByteRange implements Serializable {
  private final String resource;
  private final long offset;
  private final long length;

  public ByteRange(String resource, long offset, long length) {
    this.resource = Objects.requireNonNull(resource, "resource");
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("negative offset or length: " + offset + ", " + length);
    }
    this.offset = offset;
    this.length = length;
  }

  /** A whole file. */
  public static ByteRange wholeFile(String resource, long size) {
    return new ByteRange(resource, 0, size);
  }

  public String resource() {
    return resource;
  }

  public long offset() {
    return offset;
  }

  public long length() {
    return length;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof ByteRange)) {
      return false;
    }
    ByteRange r = (ByteRange) o;
    return resource.equals(r.resource) && offset == r.offset && length == r.length;
  }

  @Override
  public int hashCode() {
    return Objects.hash(resource, offset, length);
  }

  @Override
  public String toString() {
    return resource + "[" + offset + "+" + length + "]";
  }
}
