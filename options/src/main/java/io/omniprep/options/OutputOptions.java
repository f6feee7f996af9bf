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

  @Description(
      "webdataset, extract-audio, extract-frames: redo outputs that already exist instead of "
          + "resuming (skipping them). The other pipelines rewrite their whole output on every run; "
          + "there it has no effect.")
  @Default.Boolean(false)
  boolean getOverwrite();

  void setOverwrite(boolean value);
}
