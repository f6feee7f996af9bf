package io.omniprep.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** {@code convert}: any supported input to normalized LLaVA or ShareGPT JSON. */
public interface ConvertOptions extends InputOptions, OutputOptions, SampleFilterOptions, ShuffleOptions {
  /** No {@code @Default}: {@code mixture} has a {@code --to} with another default (Beam forbids two). */
  @Description(
      "Output record style: llava (image/video/audio fields, a list only for several media; the "
          + "default) or sharegpt (images/videos/audios lists, as Pai's converter reads them).")
  String getTo();

  void setTo(String value);

  @Description("Records per output JSON file; 0 writes one file, OUTPUT/<to>.json.")
  @Default.Integer(0)
  int getMaxRecordsPerFile();

  void setMaxRecordsPerFile(int value);

  @Description(
      "Check that every media file exists, stays inside its media root and, for images, is a "
          + "complete image of a known format, as webdataset checks it (records that fail go to "
          + "OUTPUT/_errors/). false converts the text only (paths leaving the media root are still refused).")
  @Default.Boolean(true)
  boolean getCheckMedia();

  void setCheckMedia(boolean value);

  @Description(
      "Write media paths as absolute locations instead of relative to --output (the default, so "
          + "that they resolve from where the JSON is written).")
  @Default.Boolean(false)
  boolean getAbsolutePaths();

  void setAbsolutePaths(boolean value);

  @Description(
      "What --input is: json (LLaVA / ShareGPT / JSONL files) or hf-parquet (a Hugging Face dataset "
          + "folder of parquet files with an image {bytes, path} column, as EMOVA publishes them).")
  @Default.String("json")
  String getFrom();

  void setFrom(String value);

  @Description("hf-parquet: the configs to convert, comma-separated, or all.")
  @Default.String("all")
  String getHfConfig();

  void setHfConfig(String value);

  @Description("hf-parquet: the split to convert (train or test).")
  @Default.String("train")
  String getHfSplit();

  void setHfSplit(String value);

  @Description(
      "hf-parquet: keep each image's original bytes and extension instead of re-encoding it as "
          + "OUTPUT/CONFIG/INDEX.png like the reference.")
  @Default.Boolean(false)
  boolean getKeepImageBytes();

  void setKeepImageBytes(boolean value);
}
