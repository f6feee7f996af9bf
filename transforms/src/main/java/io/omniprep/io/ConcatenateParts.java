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
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import io.omniprep.util.CollectList;
import org.apache.beam.sdk.values.PCollection;

/**
 * The last step of writing one large JSON document in parallel: parts written by many workers (each
 * a run of array items or object members, already in order within itself) are gathered by name and
 * streamed, in name order, into one file between an opening and a closing bracket, then deleted.
 * Bounded memory however large the document. In: the parts' names; out: the document's name.
 */
public final class ConcatenateParts extends PTransform<PCollection<String>, PCollection<String>> {
  private final String target;
  private final String partsDirectory;
  private final char open;
  private final char close;

  private ConcatenateParts(String target, String partsDirectory, char open, char close) {
    this.target = target;
    this.partsDirectory = partsDirectory;
    this.open = open;
    this.close = close;
  }

  /** The parts are runs of array items: {@code [ ... ]}. */
  public static ConcatenateParts intoArray(String target, String partsDirectory) {
    return new ConcatenateParts(target, partsDirectory, '[', ']');
  }

  /** The parts are runs of object members: <code>{ ... }</code>. */
  public static ConcatenateParts intoObject(String target, String partsDirectory) {
    return new ConcatenateParts(target, partsDirectory, '{', '}');
  }

  @Override
  public PCollection<String> expand(PCollection<String> parts) {
    return parts
        .apply("List parts", Combine.globally(CollectList.<String>create()))
        .apply("Concatenate parts", ParDo.of(new ConcatenateFn(target, partsDirectory, open, close)))
        .setCoder(StringUtf8Coder.of());
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("target", target)).add(DisplayData.item("partsDirectory", partsDirectory));
  }

  private static final class ConcatenateFn extends DoFn<List<String>, String> {
    private final String target;
    private final String partsDirectory;
    private final char open;
    private final char close;

    ConcatenateFn(String target, String partsDirectory, char open, char close) {
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
      concatenate(file, sorted, FileSystems.matchNewResource(partsDirectory, true), open, close, true);
      out.output(file.toString());
    }
  }

  /**
   * Streams {@code parts}, in the order given, into {@code target} between {@code open} and {@code
   * close} (and a newline, if {@code finalNewline}), then deletes them and their folder if it is
   * left empty.
   */
  public static void concatenate(
      ResourceId target, List<String> parts, ResourceId partsDirectory, char open, char close, boolean finalNewline)
      throws IOException {
    AtomicFiles.write(target, o -> join(parts, o, open, close, finalNewline));
    List<ResourceId> done = new ArrayList<>();
    for (String part : parts) {
      done.add(FileSystems.matchNewResource(part, false));
    }
    AtomicFiles.delete(done);
    AtomicFiles.deleteEmptyDirectory(partsDirectory);
  }

  private static void join(List<String> parts, OutputStream out, char open, char close, boolean finalNewline)
      throws IOException {
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
    out.write(((any ? "\n" : "") + close + (finalNewline ? "\n" : "")).getBytes(StandardCharsets.UTF_8));
  }
}
