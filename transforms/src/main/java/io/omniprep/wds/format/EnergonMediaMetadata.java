package io.omniprep.wds.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Which tar members get a row in Energon's {@code media_metadata} table, and the capture that
 * reads a member's metadata while the member is written. Energon 7's {@code prepare
 * --media-metadata-by-extension} takes a member by its last suffix: images ({@link
 * EnergonImageMetadata}: JPEG, PNG, WebP, GIF, BMP of its image suffixes) and video or audio
 * files ({@link EnergonAvMetadata}); other members, and its image suffixes read by no header
 * reader here (TIFF, JPEG 2000, ICO), get no row.
 */
public final class EnergonMediaMetadata {
  private EnergonMediaMetadata() {}

  /** A member stream that passes bytes on and reads the member's media metadata from them. */
  public abstract static class Capture extends OutputStream {
    /** The metadata of the member written, or null when Energon would store none. */
    public abstract EnergonIndexRows.@Nullable Media metadata() throws IOException;

    /** Frees what the capture holds; does not close the member stream (its owner does). */
    @Override
    public void close() throws IOException {}
  }

  /** Whether member {@code name} gets a metadata row, if its bytes allow one. */
  public static boolean considered(String name) {
    String suffix = suffix(name);
    return EnergonImageMetadata.EXTENSIONS.contains(suffix) || EnergonAvMetadata.EXTENSIONS.contains(suffix);
  }

  /** A capture for member {@code name} of {@code size} bytes, writing through to {@code out}. */
  public static Capture capture(OutputStream out, String name, long size) throws IOException {
    return EnergonAvMetadata.EXTENSIONS.contains(suffix(name))
        ? new EnergonAvMetadata.SpoolCapture(out)
        : new EnergonImageMetadata.HeadCapture(out, size);
  }

  /** Python's {@code Path(name).suffix} without its dot, lower-cased; "" when there is none. */
  static String suffix(String name) {
    int slash = name.lastIndexOf('/');
    int dot = name.lastIndexOf('.');
    if (dot <= slash + 1) {
      return ""; // ".hidden" has no suffix either
    }
    return name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
