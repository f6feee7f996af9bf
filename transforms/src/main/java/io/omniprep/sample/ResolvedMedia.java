package io.omniprep.sample;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The bytes a media reference stands for, found by the media resolver: one range for a file or a
 * patch blob, one range per frame for a video read as frames (a frame folder or a patch frame list).
 */
public final class ResolvedMedia implements Serializable {
  private final List<ByteRange> parts;
  private final boolean frames;
  private final @Nullable String fps;

  private ResolvedMedia(List<ByteRange> parts, boolean frames, @Nullable String fps) {
    this.parts = List.copyOf(parts);
    this.frames = frames;
    this.fps = fps;
  }

  /** A single file or blob. */
  public static ResolvedMedia single(ByteRange range) {
    return new ResolvedMedia(List.of(range), false, null);
  }

  /** The bytes a patch reference names in {@code patchFile}: one range, or one per frame. */
  public static ResolvedMedia inPatch(String patchFile, PatchRef ref) {
    if (!ref.sizeIsList()) {
      return single(new ByteRange(patchFile, ref.start(), ref.totalSize()));
    }
    List<ByteRange> frames = new ArrayList<>();
    long offset = ref.start();
    for (long size : ref.sizes()) {
      frames.add(new ByteRange(patchFile, offset, size));
      offset += size;
    }
    return frames(frames, null);
  }

  /**
   * A list of frames in temporal order; {@code fps} is the frame rate as written in the frame
   * folder's sidecar JSON, or null when none is known.
   */
  public static ResolvedMedia frames(List<ByteRange> frames, @Nullable String fps) {
    return new ResolvedMedia(frames, true, fps);
  }

  public List<ByteRange> parts() {
    return parts;
  }

  public boolean isFrames() {
    return frames;
  }

  public @Nullable String fps() {
    return fps;
  }

  public long totalBytes() {
    long total = 0;
    for (ByteRange r : parts) {
      total += r.length();
    }
    return total;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof ResolvedMedia)) {
      return false;
    }
    ResolvedMedia r = (ResolvedMedia) o;
    return parts.equals(r.parts) && frames == r.frames && Objects.equals(fps, r.fps);
  }

  @Override
  public int hashCode() {
    return Objects.hash(parts, frames, fps);
  }

  @Override
  public String toString() {
    return (frames ? "frames" : "single") + parts + (fps != null ? "@" + fps + "fps" : "");
  }
}
