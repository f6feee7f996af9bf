package io.omniprep.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The size rules of the stages that write samples (webdataset, pack-patches, convert): a valid
 * sample that breaks one is dropped, with the rule as its reason, and listed in OUTPUT/_dropped/.
 */
public interface SampleFilterOptions extends PipelineOptions {
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
