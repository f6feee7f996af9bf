package io.omniprep.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** {@code convert}: any supported input to normalized LLaVA or ShareGPT JSON. */
public interface ConvertOptions extends InputOptions, OutputOptions {
  @Description(
      "Output record style: llava (image/video/audio fields, a list only for several media) or "
          + "sharegpt (images/videos/audios lists, as Pai's converter reads them).")
  @Default.String("llava")
  String getTo();

  void setTo(String value);

  @Description("Records per output JSON file; 0 writes one file, OUTPUT/<to>.json.")
  @Default.Integer(0)
  int getMaxRecordsPerFile();

  void setMaxRecordsPerFile(int value);

  @Description(
      "Check that every media file exists and stays inside its media root (records that fail go to "
          + "OUTPUT/_errors/). false converts the text only.")
  @Default.Boolean(true)
  boolean getCheckMedia();

  void setCheckMedia(boolean value);
}
