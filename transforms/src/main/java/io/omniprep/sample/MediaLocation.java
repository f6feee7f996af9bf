package io.omniprep.sample;

import java.io.Serializable;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Where a medium lives: a path (relative to a media root, absolute, or a URI such as {@code
 * gs://}, {@code s3://}, {@code file:}) or an Ola patch reference. Exactly one is set.
 */
public final class MediaLocation implements Serializable {
  private final @Nullable String path;
  private final @Nullable PatchRef patch;

  private MediaLocation(@Nullable String path, @Nullable PatchRef patch) {
    this.path = path;
    this.patch = patch;
  }

  public static MediaLocation path(String path) {
    return new MediaLocation(Objects.requireNonNull(path, "path"), null);
  }

  public static MediaLocation patch(PatchRef patch) {
    return new MediaLocation(null, Objects.requireNonNull(patch, "patch"));
  }

  public boolean isPatch() {
    return patch != null;
  }

  /** The path; only for non-patch locations. */
  public String path() {
    if (path == null) {
      throw new IllegalStateException("a patch location has no path: " + patch);
    }
    return path;
  }

  /** The patch reference; only for patch locations. */
  public PatchRef patchRef() {
    if (patch == null) {
      throw new IllegalStateException("a path location has no patch reference: " + path);
    }
    return patch;
  }

  /** A readable description for error messages. */
  public String describe() {
    return path != null ? path : Objects.requireNonNull(patch).toString();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof MediaLocation
        && Objects.equals(path, ((MediaLocation) o).path)
        && Objects.equals(patch, ((MediaLocation) o).patch);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, patch);
  }

  @Override
  public String toString() {
    return describe();
  }
}
