package io.omniprep.patch;

import io.omniprep.io.AtomicFiles;
import io.omniprep.shard.ShardId;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Writes one planned patch ({@link PatchFile}) and reports each item's outcome and mapping entry,
 * keyed by the file's full location (a collection of samples has no input folder to name it under).
 */
final class WritePatchFn extends DoFn<KV<ShardId, List<PackItem>>, KV<String, PackOutcome>> {
  private final String patchesDirectory;
  private final String prefix;
  private final String outputDirectory;
  private final TupleTag<KV<String, KV<String, PackOutcome>>> mapping;
  private final TupleTag<String> patches;

  WritePatchFn(
      String patchesDirectory,
      String prefix,
      String outputDirectory,
      TupleTag<KV<String, KV<String, PackOutcome>>> mapping,
      TupleTag<String> patches) {
    this.patchesDirectory = patchesDirectory;
    this.prefix = prefix;
    this.outputDirectory = outputDirectory;
    this.mapping = mapping;
    this.patches = patches;
  }

  @ProcessElement
  public void process(@Element KV<ShardId, List<PackItem>> patch, MultiOutputReceiver out) throws IOException {
    String name = PatchNames.name(patch.getKey().number());
    ResourceId file = AtomicFiles.resolve(AtomicFiles.directory(patchesDirectory), name);
    List<PackOutcome> outcomes = PatchFile.write(file, prefix + name, patch.getValue(), Long.MAX_VALUE); // pixels checked at validation
    for (int i = 0; i < outcomes.size(); i++) {
      out.get(PackPatches.OUTCOMES).output(KV.of(patch.getValue().get(i).key(), outcomes.get(i)));
    }
    if (PatchFile.reportPacked(patch.getValue(), outcomes, outputDirectory, name, path -> path, out.get(mapping)::output) > 0) {
      out.get(patches).output(name);
    }
  }
}
