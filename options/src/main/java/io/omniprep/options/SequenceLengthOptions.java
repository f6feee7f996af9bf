package io.omniprep.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Sequence lengths at preparation time (issue 19): each sample's text tokens by a real tokenizer,
 * its visual tokens as Qwen2/2.5-VL counts them, a length limit, and a packing plan.
 */
public interface SequenceLengthOptions extends PipelineOptions {
  @Description(
      "A Hugging Face tokenizer.json (local, gs:// or s3://; never downloaded from a hub): with it each sample's "
          + "text, image, video and total tokens go into its JSON (where that is an object) and OUTPUT/lengths.jsonl, with "
          + "OUTPUT/lengths-report.json. Needed by --maxSequenceLength and --packTo.")
  @PathOption
  String getTokenizer();

  void setTokenizer(String value);

  @Description("How a conversation is laid out for counting: qwen2-vl (ChatML with Qwen2/2.5-VL's default system turn) or chatml.")
  @Default.String("qwen2-vl")
  String getChatTemplate();

  void setChatTemplate(String value);

  @Description("Samples longer than this many tokens (text plus visual) are refused as too_long, never truncated; 0: no limit.")
  @Default.Long(0)
  long getMaxSequenceLength();

  void setMaxSequenceLength(long value);

  @Description("An image's least area after Qwen-VL's smart_resize, in pixels (qwen-vl-utils' MIN_PIXELS, 4*28*28).")
  @Default.Long(3136)
  long getMinPixels();

  void setMinPixels(long value);

  @Description("An image's largest area after Qwen-VL's smart_resize, in pixels (qwen-vl-utils' MAX_PIXELS, 16384*28*28).")
  @Default.Long(12_845_056L)
  long getMaxPixels();

  void setMaxPixels(long value);

  @Description(
      "Also plan packs of at most this many tokens per split (first-fit decreasing): OUTPUT/packs.jsonl, "
          + "one list of sample keys per pack, and the packing efficiency in lengths-report.json; 0: no plan.")
  @Default.Long(0)
  long getPackTo();

  void setPackTo(long value);
}
