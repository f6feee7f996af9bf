package io.omniprep.hf;

import io.omniprep.io.ConcatenateParts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Joins a config's parts, in file order, into {@code OUTPUT/annotations/CONFIG.json}: one JSON
 * array laid out as Python's {@code json.dump(rows, ensure_ascii=False, indent=4)} lays it out (no
 * final newline; {@code []} when empty). Streams, so the array never sits in memory; the parts are
 * deleted once the file is in place.
 */
final class WriteAnnotationsFn extends DoFn<KV<String, Iterable<KV<Integer, Long>>>, String> {
  /**
   * The file index that marks "this config exists", so configs without rows still get their file.
   */
  static final int MARKER = -1;

  private final String outputDirectory;

  WriteAnnotationsFn(String outputDirectory) {
    this.outputDirectory = outputDirectory;
  }

  @ProcessElement
  public void process(
      @Element KV<String, Iterable<KV<Integer, Long>>> config, OutputReceiver<String> out)
      throws IOException {
    List<KV<Integer, Long>> parts = new ArrayList<>();
    for (KV<Integer, Long> part : config.getValue()) {
      if (part.getKey() != MARKER) {
        parts.add(part);
      }
    }
    parts.sort(Comparator.comparing(KV::getKey));
    ResourceId target = HfPaths.annotations(outputDirectory, config.getKey());
    List<String> files = new ArrayList<>();
    for (KV<Integer, Long> part : parts) {
      files.add(HfPaths.part(outputDirectory, config.getKey(), part.getKey()).toString());
    }
    ConcatenateParts.concatenate(target, files, HfPaths.partsDirectory(outputDirectory, config.getKey()), '[', ']', false);
    out.output(target.toString());
  }
}
