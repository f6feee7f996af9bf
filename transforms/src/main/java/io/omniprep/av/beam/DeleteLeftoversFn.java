package io.omniprep.av.beam;

import io.omniprep.io.AtomicFiles;
import java.io.IOException;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Deletes, in one output folder, the hidden temporary files ({@code .NAME.<uuid>.tmp}) of writers
 * killed mid-write by an earlier run. It receives a folder only once every video writing there is
 * done, so no live writer's file is taken.
 */
final class DeleteLeftoversFn extends DoFn<String, Void> {
  private final String outputRoot;

  DeleteLeftoversFn(String outputRoot) {
    this.outputRoot = outputRoot;
  }

  @ProcessElement
  public void process(@Element String folder) throws IOException {
    AtomicFiles.deleteLeftoverTemporaries(AtomicFiles.directory(AtomicFiles.directory(outputRoot) + folder));
  }
}
