package io.omniprep.util;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * Gathers a small collection (file names, per-shard summaries) into one list for a final step.
 * Beam's Java SDK has no {@code ToList}; the order is unspecified, so consumers sort.
 */
public final class CollectList<T> extends CombineFn<T, List<T>, List<T>> {
  public static <T> CollectList<T> create() {
    return new CollectList<>();
  }

  @Override
  public List<T> createAccumulator() {
    return new ArrayList<>();
  }

  @Override
  public List<T> addInput(List<T> acc, T input) {
    acc.add(input);
    return acc;
  }

  @Override
  public List<T> mergeAccumulators(Iterable<List<T>> accs) {
    List<T> merged = new ArrayList<>();
    for (List<T> acc : accs) {
      merged.addAll(acc);
    }
    return merged;
  }

  @Override
  public List<T> extractOutput(List<T> acc) {
    return acc;
  }

  @Override
  public Coder<List<T>> getAccumulatorCoder(CoderRegistry registry, Coder<T> inputCoder) {
    return ListCoder.of(inputCoder);
  }

  @Override
  public Coder<List<T>> getDefaultOutputCoder(CoderRegistry registry, Coder<T> inputCoder) {
    return ListCoder.of(inputCoder);
  }
}
