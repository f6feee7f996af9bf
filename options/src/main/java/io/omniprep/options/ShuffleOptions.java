package io.omniprep.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** {@code --shuffle}: the order samples are dealt to shards in. */
public interface ShuffleOptions extends PipelineOptions {
  @Description(
      "none: each input chunk's samples fill their own shards in record order; SEED (a whole number): samples are "
          + "dealt across all shards in a pseudo-random order that depends only on the seed and the sample keys "
          + "(the same on every runner and rerun): bucket and rank from SHA-256(SEED + newline + KEY). Only record "
          + "offsets cross one exchange; shards hold about 4 standard deviations under --maxSamplesPerShard on average "
          + "and one over it is cut.")
  @Default.String("none")
  String getShuffle();

  void setShuffle(String value);
}
