package io.omniprep.patch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.omniprep.io.AtomicFiles;
import io.omniprep.json.Json;
import io.omniprep.util.HashBatches;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Writes {@code patch_mapping.json}: one JSON object keyed by each packed file's full original
 * path (never its basename, which the reference script keys by and so loses files that share one),
 * each value {@code {"original_path": P, "image"|"audio"|"video": {patch, start_num, size}}}, one
 * member per line, in patch order (the order the files were packed). Each patch's writer wrote its
 * members as a part ({@link MappingPart}); only the (path, reference) pairs cross one exchange, in
 * per-chunk batches by a hash of the path ({@link HashBatches}), to find the files packed more than once (by several
 * chunks, or as two kinds): those get one member, naming each kind's first copy, where the file
 * first appears. The parts are then joined in patch order, streaming.
 */
final class WriteMapping extends PTransform<PCollection<KV<Integer, List<KV<String, KV<String, PackOutcome>>>>>, PCollection<String>> {
  static final String FILE_NAME = "patch_mapping.json";

  /** The elements each chunk sends: batches of (a packed file's path, (the kind it was packed as, where)). */
  static final Coder<KV<Integer, List<KV<String, KV<String, PackOutcome>>>>> BATCH_CODER =
      HashBatches.coder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), PackOutcome.Coder.of())));

  private final String outputDirectory;
  private final PCollection<List<String>> patches;

  /** {@code patches}: the one list of the names of the patches written, each with its part. */
  WriteMapping(String outputDirectory, PCollection<List<String>> patches) {
    this.outputDirectory = outputDirectory;
    this.patches = patches;
  }

  @Override
  public PCollection<String> expand(PCollection<KV<Integer, List<KV<String, KV<String, PackOutcome>>>>> packed) {
    PCollectionView<Map<String, String>> shared =
        packed
            .apply("Group by path hash", GroupByKey.create())
            .apply("Files packed more than once", ParDo.of(new SharedFileFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
            .apply("As a map", View.asMap());
    return patches
        .apply("Join parts", ParDo.of(new JoinPartsFn(outputDirectory, shared)).withSideInputs(shared))
        .setCoder(StringUtf8Coder.of());
  }

  /** Each path of a hash group packed more than once → its one member, each label's first copy. */
  private static final class SharedFileFn
      extends DoFn<KV<Integer, Iterable<List<KV<String, KV<String, PackOutcome>>>>>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<List<KV<String, KV<String, PackOutcome>>>>> group,
        OutputReceiver<KV<String, String>> out) throws IOException {
      Map<String, Copies> byPath = new HashMap<>();
      for (List<KV<String, KV<String, PackOutcome>>> batch : group.getValue()) {
        for (KV<String, KV<String, PackOutcome>> pair : batch) {
          byPath.computeIfAbsent(pair.getKey(), p -> new Copies()).add(pair.getValue());
        }
      }
      for (Map.Entry<String, Copies> path : byPath.entrySet()) { // into a map view: the order is no matter
        if (path.getValue().count > 1) {
          out.output(KV.of(path.getKey(), MappingPart.member(path.getKey(), path.getValue().firstByLabel)));
        }
      }
    }
  }

  /** How often a path was packed, and each kind's first copy. */
  private static final class Copies {
    int count;
    final Map<String, PackOutcome> firstByLabel = new TreeMap<>();

    void add(KV<String, PackOutcome> labelled) {
      count++;
      firstByLabel.merge(labelled.getKey(), labelled.getValue(), (a, b) -> MappingPart.FIRST_COPY.compare(a, b) <= 0 ? a : b);
    }
  }

  /** Joins the parts, in patch name order, into the file; a shared path's member where it first appears. */
  private static final class JoinPartsFn extends DoFn<List<String>, String> {
    private static final JsonFactory JSON = Json.FACTORY;
    private final String outputDirectory;
    private final PCollectionView<Map<String, String>> shared;

    JoinPartsFn(String outputDirectory, PCollectionView<Map<String, String>> shared) {
      this.outputDirectory = outputDirectory;
      this.shared = shared;
    }

    @ProcessElement
    public void process(@Element List<String> patchNames, ProcessContext c) throws IOException {
      Map<String, String> members = c.sideInput(shared);
      List<String> names = new ArrayList<>(patchNames);
      names.sort(null);
      List<ResourceId> parts = new ArrayList<>();
      for (String name : names) {
        parts.add(MappingPart.location(outputDirectory, name));
      }
      ResourceId target = AtomicFiles.resolve(AtomicFiles.directory(outputDirectory), FILE_NAME);
      AtomicFiles.write(target, out -> join(parts, members, out));
      AtomicFiles.delete(parts);
      AtomicFiles.deleteEmptyDirectory(FileSystems.matchNewResource(MappingPart.directory(outputDirectory), true));
      c.output(target.toString());
    }

    private static void join(List<ResourceId> parts, Map<String, String> shared, OutputStream out) throws IOException {
      Set<String> written = new HashSet<>();
      String separator = "\n";
      out.write('{');
      for (ResourceId part : parts) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(Channels.newInputStream(FileSystems.open(part)), StandardCharsets.UTF_8))) {
          for (String line; (line = lines.readLine()) != null; ) {
            String member = line;
            if (!shared.isEmpty()) {
              String path = pathOf(line);
              if (shared.containsKey(path)) {
                if (!written.add(path)) {
                  continue; // its member is already written, where the file first appeared
                }
                member = shared.get(path);
              }
            }
            out.write((separator + member).getBytes(StandardCharsets.UTF_8));
            separator = ",\n";
          }
        }
      }
      out.write((separator.equals("\n") ? "}\n" : "\n}\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The path a member line is keyed by: the JSON string it starts with. */
    private static String pathOf(String member) throws IOException {
      try (JsonParser p = JSON.createParser(member)) {
        p.nextToken();
        return p.getText();
      }
    }
  }
}
