package io.omniprep.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** {@code --shuffle}: the order samples are written in (webdataset: dealt to shards in). */
public interface ShuffleOptions extends PipelineOptions {
  @Description(
      "none: records in input order (webdataset: each input chunk's samples fill their own shards); SEED (a whole "
          + "number): a pseudo-random order that depends only on the seed and the sample keys (the same on every runner "
          + "and rerun): bucket and rank from SHA-256(SEED + newline + KEY). webdataset deals the samples across all "
          + "shards, a bucket holding on average about 4 standard deviations under --maxSamplesPerShard "
          + "or half of it, whichever is more (one over it is cut); convert writes buckets of about 9,600 records one after another. Only record offsets "
          + "cross one exchange.")
  @Default.String("none")
  String getShuffle();

  void setShuffle(String value);
}
