package io.omniprep.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * The last step of writing one large JSON document in parallel: parts written by many workers (each
 * a run of array items or object members, already in order within itself) are streamed, in name
 * order, into one file between an opening and a closing bracket, then deleted. Bounded memory
 * however large the document.
 */
public final class ConcatenateParts extends DoFn<List<String>, String> {
  private final String target;
  private final String partsDirectory;
  private final char open;
  private final char close;

  /** {@code open}/{@code close}: {@code '['}/{@code ']'} for an array, {@code '{'}/{@code '}'} for an object. */
  public ConcatenateParts(String target, String partsDirectory, char open, char close) {
    this.target = target;
    this.partsDirectory = partsDirectory;
    this.open = open;
    this.close = close;
  }

  @ProcessElement
  public void process(@Element List<String> parts, OutputReceiver<String> out) throws IOException {
    List<String> sorted = new ArrayList<>(parts);
    sorted.sort(null);
    ResourceId file = FileSystems.matchNewResource(target, false);
    AtomicFiles.write(file, o -> concatenate(sorted, o));
    List<ResourceId> done = new ArrayList<>();
    for (String part : sorted) {
      done.add(FileSystems.matchNewResource(part, false));
    }
    AtomicFiles.delete(done);
    AtomicFiles.deleteEmptyDirectory(FileSystems.matchNewResource(partsDirectory, true));
    out.output(file.toString());
  }

  private void concatenate(List<String> parts, OutputStream out) throws IOException {
    out.write(open);
    boolean any = false;
    for (String part : parts) {
      try (InputStream in = Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(part, false)))) {
        byte[] first = in.readNBytes(1);
        if (first.length == 0) {
          continue;
        }
        out.write((any ? ",\n" : "\n").getBytes(StandardCharsets.UTF_8));
        any = true;
        out.write(first);
        in.transferTo(out);
      }
    }
    out.write(((any ? "\n" : "") + close + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
