package io.omniprep.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * How samples become WebDataset shards: shared by {@code webdataset} and every stage that can end
 * in shards ({@code mixture}).
 */
public interface WebDatasetWriterOptions extends OutputOptions {
  @Description(
      "Tar member layout: vqa (KEY.jpg + KEY.json, Energon VQASample; Pai's LLaVA-Pretrain), "
          + "chatml (jpgs/videos pickles + json, Pai's Qwen2/2.5-VL reader), chatml-omni (jpgs/mp4s/wavs "
          + "pickles + role/content json, Pai's Qwen3-VL/Omni reader) or raw (one member per medium).")
  @Default.String("vqa")
  String getLayout();

  void setLayout(String value);

  @Description(
      "The reader .nv-meta/dataset.yaml names: layout (the one the layout is made for: Energon's "
          + "VQASample for vqa, Pai's energon.chatml for chatml, Pai's multimodal_dataset for "
          + "chatml-omni, Energon's crude dataset for raw) or crude (Energon's CrudeWebdataset, "
          + "decoded by a cooker of your task encoder; any layout, no Pai module needed).")
  @Default.String("layout")
  String getEnergonReader();

  void setEnergonReader(String value);

  @Description(
      "Write Energon 7's random-access index (.nv-meta/index.sqlite, index.uuid, media metadata), "
          + "which its joins, aux: datasets, need_primary cookers and random access need. "
          + "Energon 4 and the webdataset library read shards in order and ignore it.")
  @Default.Boolean(true)
  boolean getEnergonIndex();

  void setEnergonIndex(boolean value);

  @Description(
      "Records per input chunk; each chunk becomes its own shards (one per weighted split with "
          + "--splitMode=sample), so a shard holds at most this many samples.")
  @Default.Integer(10000)
  int getMaxSamplesPerShard();

  void setMaxSamplesPerShard(int value);

  @Description("Media bytes per shard before a new shard starts (a shard exceeds it only when one sample does).")
  @Default.Long(1L << 30)
  long getMaxShardBytes();

  void setMaxShardBytes(long value);

  @Description(
      "Shard file name, a printf pattern of the shard number, may contain folders "
          + "(e.g. pretrain-%d.tar as Pai names them).")
  @Default.String("shard-%06d.tar")
  String getShardPattern();

  void setShardPattern(String value);

  @Description("Train, val and test weights, e.g. 9,1,0.")
  @Default.String("9,1,0")
  String getSplit();

  void setSplit(String value);

  @Description(
      "sample: the samples of each input chunk are dealt to the splits by their rank in it (of every "
          + "10 at 9,1,0: the first to train, the second to val, the other 8 to train), each split "
          + "with its own shards; shard: energon's own per-shard split with its seed-42 shuffle.")
  @Default.String("sample")
  String getSplitMode();

  void setSplitMode(String value);

  @Description(
      "Images that are not JPEG in layouts that store JPEG (vqa, chatml, chatml-omni): always converts "
          + "them to JPEG; never stores their bytes as they are (both check every image).")
  @Default.String("always")
  String getTranscode();

  void setTranscode(String value);

  @Description("JPEG quality (1-100) used when an image must be converted, or is resized (webdataset --resize).")
  @Default.Integer(95)
  int getJpegQuality();

  void setJpegQuality(int value);

  @Description(
      "Also write OUTPUT/report.html and OUTPUT/report.json: the dataset report (as the report "
          + "pipeline draws it) of the validated samples, with samples per split as written and the failures.")
  @Default.Boolean(false)
  boolean getReport();

  void setReport(boolean value);
}
