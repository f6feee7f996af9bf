package io.omniprep.sample;

import java.io.Serializable;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One medium of a sample: its kind, the record field it came from ({@code index} is its place in
 * a list field, or -1 when the field held a single value), where it lives, and, once validated,
 * the bytes it resolves to.
 */
public final class MediaRef implements Serializable {
  private final MediaKind kind;
  private final String field;
  private final int index;
  private final MediaLocation location;
  private final @Nullable ResolvedMedia resolved;

  public MediaRef(
      MediaKind kind, String field, int index, MediaLocation location, @Nullable ResolvedMedia resolved) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.field = Objects.requireNonNull(field, "field");
    this.index = index;
    this.location = Objects.requireNonNull(location, "location");
    this.resolved = resolved;
  }

  public static MediaRef of(MediaKind kind, String field, int index, MediaLocation location) {
    return new MediaRef(kind, field, index, location, null);
  }

  public MediaKind kind() {
    return kind;
  }

  public String field() {
    return field;
  }

  /** The position in a list field, or -1 for a field that held one value. */
  public int index() {
    return index;
  }

  public MediaLocation location() {
    return location;
  }

  public @Nullable ResolvedMedia resolved() {
    return resolved;
  }

  /** The resolved bytes; only after validation. */
  public ResolvedMedia requireResolved() {
    if (resolved == null) {
      throw new IllegalStateException("media not resolved (validate samples first): " + location);
    }
    return resolved;
  }

  public MediaRef withResolved(@Nullable ResolvedMedia resolved) {
    return new MediaRef(kind, field, index, location, resolved);
  }

  public MediaRef withLocation(MediaLocation location) {
    return new MediaRef(kind, field, index, location, null);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof MediaRef)) {
      return false;
    }
    MediaRef m = (MediaRef) o;
    return kind == m.kind
        && field.equals(m.field)
        && index == m.index
        && location.equals(m.location)
        && Objects.equals(resolved, m.resolved);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, field, index, location, resolved);
  }

  @Override
  public String toString() {
    return kind.label() + ":" + field + (index >= 0 ? "[" + index + "]" : "") + "=" + location;
  }
}
