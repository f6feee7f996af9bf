package io.omniprep.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/**
 * Where results go. Every pipeline also writes OUTPUT/_errors/ (records that failed, as JSON
 * lines) and OUTPUT/_SUMMARY.json (counts).
 */
public interface OutputOptions extends PipelineOptions {
  @Description("Output folder (local, gs:// or s3://).")
  @Validation.Required
  @PathOption
  String getOutput();

  void setOutput(String value);

  @Description("Redo outputs that already exist instead of skipping them (resuming).")
  @Default.Boolean(false)
  boolean getOverwrite();

  void setOverwrite(boolean value);
}
