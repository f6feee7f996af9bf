package io.omniprep.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Data hygiene of the samples a stage writes: which valid samples are left out on purpose, and why. */
public interface HygieneOptions extends PipelineOptions {
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

  @Description("Drop a sample with an image whose shorter side, as its header states, is under this many pixels (0: no limit).")
  @Default.Integer(0)
  int getMinSide();

  void setMinSide(int value);

  @Description("Drop a sample with an image whose long side over short side, as its header states, is over this (0: no limit).")
  @Default.Double(0)
  double getMaxAspect();

  void setMaxAspect(double value);

  @Description("Drop a sample with a video shorter than this many seconds, where its duration is known (0: no limit).")
  @Default.Double(0)
  double getMinDuration();

  void setMinDuration(double value);

  @Description("Drop a sample with a video longer than this many seconds, where its duration is known (0: no limit).")
  @Default.Double(0)
  double getMaxDuration();

  void setMaxDuration(double value);
}
