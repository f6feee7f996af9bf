package io.omniprep.stats;

import io.omniprep.io.AtomicFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * The last step of the sample table: given the ordinals of every chunk that wrote a part (a small
 * list, gathered once), appends the parts in chunk order into {@code OUTPUT/samples.parquet}, and
 * says how many it appended (a signal: the output folder's leftover temporaries are cleaned only after).
 */
public final class WriteSampleTableFn extends DoFn<List<Long>, Integer> {
  private final String outputDirectory;

  public WriteSampleTableFn(String outputDirectory) {
    this.outputDirectory = outputDirectory;
  }

  @ProcessElement
  public void process(@Element List<Long> ordinals, OutputReceiver<Integer> out) throws IOException {
    List<Long> sorted = new ArrayList<>(ordinals);
    Collections.sort(sorted);
    SampleTable.concatenate(AtomicFiles.directory(outputDirectory), sorted);
    out.output(sorted.size());
  }
}
