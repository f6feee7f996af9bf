package io.omniprep.report;

import java.io.Serializable;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * Figures that take inputs one at a time and merge with figures of other inputs: their own Beam
 * accumulator and output.
 */
interface Tally<InputT, SelfT extends Tally<InputT, SelfT>> extends Serializable {
  void add(InputT input);

  void merge(SelfT other);

  /** Folds a collection into one tally made by {@code fresh}, encoded with {@code coder}. */
  static <InputT, T extends Tally<InputT, T>> Combine.CombineFn<InputT, T, T> combineFn(
      SerializableFunction<Void, T> fresh, Coder<T> coder) {
    return new Combine.CombineFn<InputT, T, T>() {
      @Override
      public T createAccumulator() {
        return fresh.apply(null);
      }

      @Override
      public T addInput(T tally, InputT input) {
        tally.add(input);
        return tally;
      }

      @Override
      public T mergeAccumulators(Iterable<T> tallies) {
        T merged = createAccumulator();
        tallies.forEach(merged::merge);
        return merged;
      }

      @Override
      public T extractOutput(T tally) {
        return tally;
      }

      @Override
      public Coder<T> getAccumulatorCoder(CoderRegistry registry, Coder<InputT> input) {
        return coder;
      }

      @Override
      public Coder<T> getDefaultOutputCoder(CoderRegistry registry, Coder<InputT> input) {
        return coder;
      }
    };
  }
}
