package io.omniprep.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Where relative media paths resolve, the boundary none of them may cross, the limits past which
 * a medium is refused before it is read whole or decoded, and how closely each medium is checked.
 */
public interface MediaRootOptions extends PipelineOptions {
  @Description(
      "Folder that relative media paths resolve against (default: each input file's folder). "
          + "Paths that leave it are refused; absolute paths must lie inside it when it is set.")
  @PathOption
  String getMediaRoot();

  void setMediaRoot(String value);

  @Description(
      "Images whose header claims more pixels (width x height) are refused as image_too_large before "
          + "any decode (decompression bombs). The default is PIL's Image.MAX_IMAGE_PIXELS.")
  @Default.Long(89_478_485L)
  long getMaxImagePixels();

  void setMaxImagePixels(long value);

  @Description(
      "Media files (or patch ranges, or a video's frames together) larger than this many bytes are "
          + "refused as media_too_large from their size, before any read (default 1 GiB; raise it "
          + "for long videos). Images are refused past 2 GiB whatever this says.")
  @Default.Long(1L << 30)
  long getMaxMediaBytes();

  void setMaxMediaBytes(long value);

  @Description(
      "How closely each medium is checked before use: exists (the path stays inside the media root "
          + "and the file exists; nothing is opened, so an image that is not one, or is cut short, "
          + "and any video or audio that does not decode pass into stages that do not read them, "
          + "e.g. convert), header (each image's format, pixel size and end marker; videos and "
          + "audio unopened), or decode (header, then every image decoded whole and every video "
          + "and audio opened, its duration read and its first and last frame decoded; failures "
          + "go to _errors/ as media_corrupt or cannot_decode). The path and size limits hold at "
          + "every level.")
  @Default.String("header")
  String getVerifyMedia();

  void setVerifyMedia(String value);
}
