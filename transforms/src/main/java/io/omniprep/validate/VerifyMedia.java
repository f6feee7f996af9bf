package io.omniprep.validate;

import java.util.Locale;

/**
 * How closely validation looks at each medium before a stage uses it ({@code --verifyMedia}). Every
 * level keeps the checks that guard the machine: the path stays inside its media root (no {@code
 * ../}, no link out of it), the medium exists, it is within {@code --maxMediaBytes}; and no image is
 * decoded without its header being held to {@code --maxImagePixels} first.
 */
public enum VerifyMedia {
  /**
   * Existence only: no medium is opened. Lets through an image that is not one (HTML saved as
   * {@code .jpg}), one cut short, over the pixel limit (stages that decode still refuse it), and
   * any video or audio that does not decode; a stage that reads the bytes anyway (webdataset,
   * pack-patches) still refuses what it cannot store.
   */
  EXISTS,
  /**
   * Each image's header and ends: its format, its size against {@code --maxImagePixels}, a JPEG's
   * end marker and a PNG's IEND chunk. Videos and audio are not opened. The default.
   */
  HEADER,
  /**
   * {@link #HEADER}, then each image decoded whole, and each video and audio opened, its duration
   * read and its first and last frame decoded ({@link MediaVerification}).
   */
  DECODE;

  public static VerifyMedia parse(String level) {
    switch (level.trim().toLowerCase(Locale.ROOT)) {
      case "exists":
        return EXISTS;
      case "header":
        return HEADER;
      case "decode":
        return DECODE;
      default:
        throw new IllegalArgumentException("--verifyMedia must be exists, header or decode, was '" + level + "'");
    }
  }
}
