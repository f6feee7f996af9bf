package io.omniprep.io;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * A last step of a chunk-local stage, once every unit is done: deletes the {@link NumberedParts}
 * of units this run does not have (left by an earlier run planned otherwise), then passes its
 * element on. {@code units}: this run's unit ordinals.
 */
public final class DeleteOtherPartsFn<T> extends DoFn<T, T> {
  private final String outputDirectory;
  private final List<NumberedParts> kinds;
  private final PCollectionView<List<Long>> units;

  public DeleteOtherPartsFn(String outputDirectory, List<NumberedParts> kinds, PCollectionView<List<Long>> units) {
    this.outputDirectory = outputDirectory;
    this.kinds = List.copyOf(kinds);
    this.units = units;
  }

  @ProcessElement
  public void process(@Element T element, OutputReceiver<T> out, ProcessContext context) throws IOException {
    Set<Long> kept = new HashSet<>(context.sideInput(units));
    for (NumberedParts kind : kinds) {
      kind.deleteExcept(AtomicFiles.directory(outputDirectory), kept);
    }
    out.output(element);
  }
}
