package io.omniprep.sample;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An Ola patch reference: {@code size} bytes at {@code start_num} in the file {@code patch}. For
 * video frames {@code size} is a list of per-frame lengths laid back to back.
 */
public final class PatchRef implements Serializable {
  private final String patch;
  private final long start;
  private final long[] sizes;
  private final boolean sizeIsList;
  private final @Nullable String extraJson;

  private PatchRef(String patch, long start, long[] sizes, boolean sizeIsList, @Nullable String extraJson) {
    this.patch = Objects.requireNonNull(patch, "patch");
    this.start = start;
    this.sizes = sizes.clone();
    this.sizeIsList = sizeIsList;
    this.extraJson = extraJson;
  }

  /** A single blob (image or audio): {@code size} is a plain integer. */
  public static PatchRef of(String patch, long start, long size) {
    return new PatchRef(patch, start, new long[] {size}, false, null);
  }

  /** Video frames: {@code size} is the list of frame lengths. */
  public static PatchRef ofFrames(String patch, long start, long[] frameSizes) {
    return new PatchRef(patch, start, frameSizes, true, null);
  }

  /** Keeps any other keys of the patch dict (e.g. {@code image_encoding}) as a raw JSON object. */
  public PatchRef withExtraJson(@Nullable String extraJson) {
    return new PatchRef(patch, start, sizes, sizeIsList, extraJson);
  }

  /** The same reference into another patch path (the same patch, named from elsewhere). */
  public PatchRef withPatch(String patch) {
    return new PatchRef(patch, start, sizes, sizeIsList, extraJson);
  }

  public String patch() {
    return patch;
  }

  public long start() {
    return start;
  }

  public long[] sizes() {
    return sizes.clone();
  }

  public boolean sizeIsList() {
    return sizeIsList;
  }

  public long totalSize() {
    long total = 0;
    for (long s : sizes) {
      total += s;
    }
    return total;
  }

  public @Nullable String extraJson() {
    return extraJson;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof PatchRef)) {
      return false;
    }
    PatchRef p = (PatchRef) o;
    return patch.equals(p.patch)
        && start == p.start
        && Arrays.equals(sizes, p.sizes)
        && sizeIsList == p.sizeIsList
        && Objects.equals(extraJson, p.extraJson);
  }

  @Override
  public int hashCode() {
    return Objects.hash(patch, start, Arrays.hashCode(sizes), sizeIsList, extraJson);
  }

  @Override
  public String toString() {
    return "PatchRef{" + patch + "@" + start + "+" + Arrays.toString(sizes) + "}";
  }
}
