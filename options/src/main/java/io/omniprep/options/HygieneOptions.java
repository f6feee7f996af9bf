package io.omniprep.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Data hygiene of the samples a stage writes: which valid samples are left out on purpose, and why; the images' pixel budget. */
public interface HygieneOptions extends SampleFilterOptions {
  @Description(
      "Dedup: none; media drops a sample whose media bytes (SHA-256 of every medium, in order) "
          + "equal an earlier sample's; sample also compares the conversation; phash[:D] (D from 0 to 8, default 4) drops a "
          + "sample whose images' 64-bit perceptual hashes each lie within D bits of an earlier sample's (images only; "
          + "every image decoded at a reduced size; dropped when any earlier sample is that near, kept or not). The first "
          + "by (source, position) is kept; the others are counted as dropped_duplicate (phash: dropped_near_duplicate) and "
          + "listed in OUTPUT/_dropped/ with the key they duplicate.")
  @Default.String("none")
  String getDedup();

  void setDedup(String value);

  @Description(
      "Pixel budget of stored images (not video frames): none; max-side:N (the longer side at most N); "
          + "max-pixels:N (width x height at most N); qwen-smart (Qwen2/2.5-VL's smart_resize: both sides multiples "
          + "of 28, the area within --minPixels..--maxPixels). An image over it is scaled by area averaging, aspect "
          + "kept, and stored as JPEG at --jpegQuality; one within it is stored as it is. The sample's JSON (where an "
          + "object) lists each image's size as stored and as read in image_sizes.")
  @Default.String("none")
  String getResize();

  void setResize(String value);
}
