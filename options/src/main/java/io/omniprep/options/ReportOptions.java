package io.omniprep.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * {@code report}: a dataset report (OUTPUT/report.html and OUTPUT/report.json) of LLaVA / ShareGPT
 * / JSONL records, a mixture YAML, or WebDataset shards omniprep wrote.
 */
public interface ReportOptions extends InputOptions, OutputOptions {
  @Description(
      "How video paths of records are read: file (the video file, probed for duration and frame rate) "
          + "or frames (the frame folder extract-frames wrote beside it: a/b/v1.mp4 -> a/b/v1/*.jpg, "
          + "fps from a/b/v1.json).")
  @Default.String("file")
  String getVideoAs();

  void setVideoAs(String value);

  @Description("Mixture YAML inputs: the seed of random:N sampling and of the preprocess functions, as for mixture.")
  @Default.Long(42)
  long getSeed();

  void setSeed(long value);
}
