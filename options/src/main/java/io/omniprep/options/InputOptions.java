package io.omniprep.options;

import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Where samples come from: every pipeline that reads LLaVA / ShareGPT / JSONL records. */
public interface InputOptions extends MediaRootOptions {
  @Description(
      "Input files or globs, comma-separated: LLaVA or ShareGPT JSON arrays, JSON Lines "
          + "(e.g. data/llava.json,gs://bucket/extra/*.jsonl). Local paths, gs:// and s3:// all work.")
  @Validation.Required
  @PathOption
  List<String> getInput();

  void setInput(List<String> value);

  @Description(
      "How input files are laid out: auto (by extension and first byte), llava, sharegpt "
          + "(both a JSON array or concatenated objects) or jsonl (one record per line).")
  @Default.String("auto")
  String getFormat();

  void setFormat(String value);

  @Description(
      "The largest record accepted, in bytes of JSON text: a larger one is refused unread and listed "
          + "in _errors/ as record_too_large (quoting its beginning), and the job goes on.")
  @Default.Long(64L << 20)
  long getMaxRecordBytes();

  void setMaxRecordBytes(long value);
}
