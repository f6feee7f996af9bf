package io.omniprep.shard;

import java.io.Serializable;
import java.util.List;

/**
 * Buckets chosen by an item's rank in the overall order rather than by the item itself, e.g. splits
 * that interleave: with 9,1,0, of every ten consecutive samples nine go to train and one to val.
 * {@link PlanShards#withRankBuckets} ranks all items in one sequence, then asks this where each rank
 * goes and what its rank within that bucket is.
 */
public interface RankBuckets extends Serializable {
  /** The bucket names, in shard-numbering order. */
  List<String> names();

  /** For overall rank {@code rank}: {@code {bucketIndex, rankWithinBucket}}. */
  long[] locate(long rank);
}
