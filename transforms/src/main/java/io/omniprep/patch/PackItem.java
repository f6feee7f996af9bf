package io.omniprep.patch;

import io.omniprep.errors.Reason;
import io.omniprep.media.MediaException;
import io.omniprep.sample.ByteRange;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.PatchRef;
import io.omniprep.sample.ResolvedMedia;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
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
  private static final long serialVersionUID = 1L;

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

  /** The item to pack for medium {@code ref} of a validated sample (media resolved, videos as files). */
  static PackItem of(MediaRef ref) throws MediaException {
    String label = label(ref);
    ResolvedMedia resolved = ref.requireResolved();
    if (ref.location().isPatch()) {
      return copied(ref, label, resolved);
    }
    if (resolved.isFrames()) {
      throw new IllegalStateException("pack-patches decodes videos itself: validate with VideoAs.FILE, not frame folders");
    }
    ByteRange file = resolved.parts().get(0);
    String path = file.resource();
    boolean video = label.equals("video");
    return new PackItem(label + "\0" + path, label, path, path, video, List.of(file), video, null);
  }

  /** A medium that already is a patch reference: its bytes are copied as they are. */
  private static PackItem copied(MediaRef ref, String label, ResolvedMedia resolved) throws MediaException {
    PatchRef patch = ref.location().patchRef();
    boolean list = patch.sizeIsList();
    if (list && !label.equals("video")) {
      // The reference script writes images as a one-element list, which Ola cannot load: unwrap it.
      if (patch.sizes().length != 1) {
        throw new MediaException(Reason.WRONG_TYPE,
            ref.field() + " " + patch + ": an " + label + " patch reference needs one size, not a list of " + patch.sizes().length);
      }
      list = false;
    }
    if (resolved.parts().isEmpty()) {
      throw new MediaException(Reason.MEDIA_CORRUPT, ref.field() + " " + patch + " holds no frames");
    }
    String resource = resolved.parts().get(0).resource();
    String origin = resource + "@" + patch.start();
    String key = String.join("\0", label, resource, Long.toString(patch.start()), Arrays.toString(patch.sizes()),
        Boolean.toString(list), String.valueOf(patch.extraJson()));
    return new PackItem(key, label, null, origin, false, resolved.parts(), list, patch.extraJson());
  }

  /** The mapping label, and how Ola reads the reference: images and audio as one blob, videos as frames. */
  private static String label(MediaRef ref) {
    switch (ref.kind()) {
      case VIDEO:
        return "video";
      case AUDIO:
      case AUDIO_Q:
        return "audio";
      default:
        return "image";
    }
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

  @Override
  public String toString() {
    return label + ":" + origin + (decode ? " (to decode)" : " " + parts);
  }
}
