package io.omniprep.preprocess;

import io.omniprep.sample.SampleKeys;

/**
 * What a {@link PreprocessFn} may know about the row besides its values: its dataset and index, the
 * copy being made ({@code dup:N} makes N), a random generator seeded from all of these and the run
 * seed, and the ids to give the records it makes.
 */
public final class RowContext {
  private final String dataset;
  private final long index;
  private final int copy;
  private final int firstOrdinal;
  private final DeterministicRandom random;

  /**
   * @param dataset the dataset's name, the source of its samples
   * @param index the row's index across the dataset's files
   * @param copy which copy of the row this is, from 0
   * @param firstOrdinal the ordinal the first record made here gets (records of earlier copies come
   *     first)
   * @param runSeed the run seed
   */
  public RowContext(String dataset, long index, int copy, int firstOrdinal, long runSeed) {
    this.dataset = dataset;
    this.index = index;
    this.copy = copy;
    this.firstOrdinal = firstOrdinal;
    this.random =
        DeterministicRandom.seededBy(
            Long.toString(runSeed), dataset, Long.toString(index), Integer.toString(copy));
  }

  public String dataset() {
    return dataset;
  }

  public long index() {
    return index;
  }

  public int copy() {
    return copy;
  }

  /** This row's (and copy's) own generator: the same draws on every run with the same seed. */
  public DeterministicRandom random() {
    return random;
  }

  /**
   * The id for the {@code k}-th record (from 0) this call makes: unique across the mixture and the
   * same on every run. It equals the key of the sample the record becomes.
   */
  public String recordId(int k) {
    return SampleKeys.of(dataset, index, firstOrdinal + k);
  }
}
