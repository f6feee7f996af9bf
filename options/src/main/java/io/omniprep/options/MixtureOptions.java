package io.omniprep.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/** {@code mixture}: a LaViDa-O YAML mixture of tables and JSON datasets to shards or JSON. */
public interface MixtureOptions extends MediaRootOptions, WebDatasetWriterOptions {
  @Description(
      "The mixture YAML (LaViDa-O schema: a datasets: list with json_path, sampling_strategy, "
          + "preprocess_fn, process_fn_kwargs, columns, aes_cutoff, min_size, image_root). Relative "
          + "json_path entries resolve against its folder, and so do relative media paths unless "
          + "--mediaRoot is given.")
  @Validation.Required
  @PathOption
  String getConfig();

  void setConfig(String value);

  @Description("Seed of random:N sampling and of the preprocess functions' randomness.")
  @Default.Long(42)
  long getSeed();

  void setSeed(long value);

  /** No {@code @Default}: {@code convert} has a {@code --to} with another default (Beam forbids two). */
  @Description(
      "What the mixture becomes: webdataset (shards, with the writer options; the default), llava or "
          + "sharegpt (JSON).")
  String getTo();

  void setTo(String value);

  @Description(
      "The most copies sampling_strategy dup:N may make of each row: a larger N is refused with its "
          + "YAML line before the job starts (a slip such as dup:1000000000 would fill the disk).")
  @Default.Long(MAX_DUPLICATION)
  long getMaxDuplication();

  void setMaxDuplication(long value);

  /** The default of {@link #getMaxDuplication}, also what {@code report} holds mixtures to. */
  long MAX_DUPLICATION = 1000;

  @Description("Check that every medium exists before writing (false: JSON output without looking at media).")
  @Default.Boolean(true)
  boolean getCheckMedia();

  void setCheckMedia(boolean value);
}
