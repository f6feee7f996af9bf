package io.omniprep.chunk;

import io.omniprep.util.CollectList;
import java.util.List;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The ordinals of a run's units of work, as one list for its last step: the numbers its output
 * parts may carry, so that parts of other numbers (an earlier run planned otherwise) can be removed.
 * Only the numbers travel.
 */
public final class UnitOrdinals<C extends InputChunk> extends PTransform<PCollection<C>, PCollectionView<List<Long>>> {
  private UnitOrdinals() {}

  public static <C extends InputChunk> UnitOrdinals<C> of() {
    return new UnitOrdinals<>();
  }

  @Override
  public PCollectionView<List<Long>> expand(PCollection<C> units) {
    return units
        .apply("Ordinals", MapElements.into(TypeDescriptors.longs()).via((C unit) -> unit.ordinal()))
        .setCoder(VarLongCoder.of())
        .apply("Gather ordinals", Combine.globally(CollectList.<Long>create()).asSingletonView());
  }
}
