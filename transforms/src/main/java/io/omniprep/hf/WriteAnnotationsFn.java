package io.omniprep.hf;

import io.omniprep.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
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
    AtomicFiles.write(target, o -> join(config.getKey(), parts, o));
    List<ResourceId> done = new ArrayList<>();
    for (KV<Integer, Long> part : parts) {
      done.add(HfPaths.part(outputDirectory, config.getKey(), part.getKey()));
    }
    AtomicFiles.delete(done);
    AtomicFiles.deleteEmptyDirectory(HfPaths.partsDirectory(outputDirectory, config.getKey()));
    out.output(target.toString());
  }

  private void join(String config, List<KV<Integer, Long>> parts, OutputStream out)
      throws IOException {
    boolean any = false;
    out.write('[');
    for (KV<Integer, Long> part : parts) {
      if (part.getValue() == 0) {
        continue;
      }
      out.write((any ? ",\n" : "\n").getBytes(StandardCharsets.UTF_8));
      any = true;
      try (InputStream in =
          Channels.newInputStream(
              FileSystems.open(HfPaths.part(outputDirectory, config, part.getKey())))) {
        in.transferTo(out);
      }
    }
    out.write((any ? "\n]" : "]").getBytes(StandardCharsets.UTF_8));
  }
}
