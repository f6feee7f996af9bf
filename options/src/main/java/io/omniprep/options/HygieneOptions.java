package io.omniprep.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Data hygiene of the samples a stage writes: which valid samples are left out on purpose, and why. */
public interface HygieneOptions extends PipelineOptions {
  @Description(
      "Exact dedup: none; media drops a sample whose media bytes (SHA-256 of every medium, in order) "
          + "equal an earlier sample's; sample also compares the conversation. The first by (source, position) "
          + "is kept; the others are counted as dropped_duplicate and listed in OUTPUT/_dropped/ with the key they duplicate.")
  @Default.String("none")
  String getDedup();

  void setDedup(String value);
}
