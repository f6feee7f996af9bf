package io.omniprep.patch;

import java.util.List;
import java.util.Locale;

/**
 * Patch file names and the path written into references. Ola's loader opens the reference's
 * {@code patch} string as it is, so the prefix is where training will find the files, not
 * necessarily where they are written.
 */
final class PatchNames {
  /**
   * Substrings that make Ola's {@code read_video_patch} decode frames with OpenCV and wrap the BGR
   * array without a channel swap (docs/FORMATS.md §4.3): our standard RGB JPEGs would load with red
   * and blue exchanged.
   */
  static final List<String> COLOUR_SWAP_MARKERS =
      List.of("sharegpt4o", "ShareGPT4Video/new_patch", "cinepile", "nextqa", "perceptiontest");

  private PatchNames() {}

  /** {@code patch_000000}, {@code patch_000001}, ...: the reference script's names. */
  static String name(int number) {
    return String.format(Locale.ROOT, "patch_%06d", number);
  }

  /** Input chunk {@code chunk}'s patch {@code part}: {@code patch_000012}, then {@code patch_000012_1}, ... */
  static String name(long chunk, int part) {
    String first = String.format(Locale.ROOT, "patch_%06d", chunk);
    return part == 0 ? first : first + "_" + part;
  }

  /** The prefix as a folder ({@code /} appended unless empty), refused when it holds a colour-swap marker. */
  static String checkedPrefix(String prefix) {
    if (prefix == null) {
      throw new IllegalArgumentException("patchPathPrefix can not be null");
    }
    String folder = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    for (String marker : COLOUR_SWAP_MARKERS) {
      if (folder.contains(marker)) {
        throw new IllegalArgumentException(
            "patch path prefix '" + prefix + "' contains '" + marker + "': Ola's loader decodes video frames "
                + "from such paths with OpenCV and swaps red and blue; choose another --patchPathPrefix");
      }
    }
    return folder;
  }
}
