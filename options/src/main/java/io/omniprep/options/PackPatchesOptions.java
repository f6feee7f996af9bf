package io.omniprep.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** {@code pack-patches}: media into Ola patch files, and the training JSON rewritten to reference them. */
public interface PackPatchesOptions extends InputOptions, OutputOptions, SampleFilterOptions {
  @Description(
      "Folder written into the references in place of OUTPUT/patches/: where training will find the "
          + "patches (e.g. /mnt/ola/patches/, or patches/ relative to where training runs). "
          + "Default: the absolute path of OUTPUT/patches/.")
  String getPatchPathPrefix();

  void setPatchPathPrefix(String value);

  @Description("Frames per second kept from each video (Ola's patches store no rate).")
  @Default.Double(1.0)
  double getVideoFps();

  void setVideoFps(double value);

  @Description("At most this many frames per video, spread uniformly over it when --videoFps would give more.")
  @Default.Integer(64)
  int getMaxFrames();

  void setMaxFrames(int value);

  @Description("Media per patch file before the next one starts.")
  @Default.Integer(10000)
  int getMaxFilesPerPatch();

  void setMaxFilesPerPatch(int value);

  @Description("Bytes per patch file before the next one starts (a patch exceeds it only when one medium does).")
  @Default.Long(4L << 30)
  long getMaxPatchBytes();

  void setMaxPatchBytes(long value);

  @Description("JPEG quality (1-100) of video frames.")
  @Default.Integer(95)
  int getJpegQuality();

  void setJpegQuality(int value);
}
