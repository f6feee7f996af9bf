package io.omniprep.patch;

import io.omniprep.errors.FailedRecord;
import io.omniprep.filter.SampleFilter;
import io.omniprep.io.AtomicFiles;
import io.omniprep.llava.write.JsonArrayPart;
import io.omniprep.llava.LlavaRecords;
import io.omniprep.llava.RecordStyle;
import io.omniprep.media.MediaException;
import io.omniprep.metrics.Counters;
import io.omniprep.llava.JsonChunk;
import io.omniprep.sample.ByteRange;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.Sample;
import io.omniprep.util.HashBatches;
import io.omniprep.validate.ChunkStageFn;
import io.omniprep.validate.SampleValidator;
import io.omniprep.validate.ValidatedChunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Everything one input chunk goes through for {@code pack-patches}, in the worker that received its
 * descriptor: parse and validate; leave out what the size rules refuse ({@code _dropped/}); key each sample's media (a medium the chunk uses twice is packed
 * once); decode its videos into temporary frame files; cut the chunk's media, in first-use order,
 * into patches ({@code patch_N} for chunk N, then {@code patch_N_1}, ... when one fills up) and
 * write them; rewrite the samples to reference them; write the rewritten records as the chunk's
 * part of the output JSON and its failures as its errors part. Only part names, batches of mapping
 * pairs, failures, id batches and patch names leave it: no sample or media byte crosses a shuffle.
 */
final class PackChunkFn extends ChunkStageFn<JsonChunk, String> {
  private final VideoDecoder decoder;
  private final String patchesDirectory;
  private final String prefix;
  private final int maxFilesPerPatch;
  private final long maxPatchBytes;
  private final String outputDirectory;
  private final String partsDirectory;
  private final TupleTag<KV<Integer, List<KV<String, KV<String, PackOutcome>>>>> mapping;
  private final TupleTag<String> patches;
  private final SampleFilter filter;

  PackChunkFn(SampleValidator validator, long maxRecordBytes, VideoDecoder decoder, String patchesDirectory, String prefix,
      int maxFilesPerPatch, long maxPatchBytes, String outputDirectory, String partsDirectory, TupleTag<FailedRecord> failures,
      TupleTag<KV<Integer, List<String>>> ids, TupleTag<KV<Integer, List<KV<String, KV<String, PackOutcome>>>>> mapping,
      TupleTag<String> patches,
      SampleFilter filter) {
    super(validator, maxRecordBytes, outputDirectory, failures, ids);
    this.filter = filter;
    this.decoder = decoder;
    this.patchesDirectory = patchesDirectory;
    this.prefix = prefix;
    this.maxFilesPerPatch = maxFilesPerPatch;
    this.maxPatchBytes = maxPatchBytes;
    this.outputDirectory = outputDirectory;
    this.partsDirectory = partsDirectory;
    this.mapping = mapping;
    this.patches = patches;
  }

  @ProcessElement
  public void process(@Element JsonChunk chunk, MultiOutputReceiver out) throws IOException {
    ValidatedChunk checked = validate(chunk, s -> Optional.empty(), out);
    List<FailedRecord> failed = checked.failed();

    Map<String, PackItem> items = new LinkedHashMap<>();
    List<Sample> samples = new ArrayList<>();
    List<List<String>> itemKeys = new ArrayList<>();
    for (Sample sample : filter(chunk, checked.valid(), filter)) {
      List<String> keys = new ArrayList<>();
      try {
        for (MediaRef ref : sample.media()) {
          PackItem item = PackItem.of(ref);
          items.putIfAbsent(item.key(), item);
          keys.add(item.key());
        }
      } catch (MediaException e) {
        failed.add(FailedRecord.of(sample, PackPatches.STAGE, e.reason(),
            e.getMessage(), LlavaRecords.toJson(sample)));
        continue;
      }
      samples.add(sample);
      itemKeys.add(keys);
    }

    Map<String, PackOutcome> outcomes = new HashMap<>();
    List<ResourceId> frameFiles = new ArrayList<>();
    List<PackItem> ready = new ArrayList<>();
    for (PackItem item : items.values()) {
      VideoDecoder.Decoded decoded = decoder.decode(item);
      if (decoded.failure() != null) {
        outcomes.put(item.key(), decoded.failure());
        continue;
      }
      if (item.decode()) {
        frameFiles.add(decoder.frameFile(item));
      }
      ready.add(decoded.item());
    }
    HashBatches<KV<String, KV<String, PackOutcome>>> packed = new HashBatches<>(KV::getKey);
    writePatches(chunk.ordinal(), ready, outcomes, mappingKeys(chunk), packed, out);
    packed.emit(out.get(mapping)::output);
    AtomicFiles.delete(frameFiles);

    List<Sample> rewritten = new ArrayList<>(samples.size());
    for (int i = 0; i < samples.size(); i++) {
      PackOutcome[] mediaOutcomes = itemKeys.get(i).stream().map(outcomes::get).toArray(PackOutcome[]::new);
      PatchedSample.rewrite(samples.get(i), mediaOutcomes, rewritten::add, failed::add);
    }
    ResourceId part = JsonArrayPart.write(partsDirectory, chunk.ordinal(), rewritten, RecordStyle.AS_READ);
    Counters.written().inc(rewritten.size());
    finish(chunk, failed, out);
    out.get(PackPatches.PARTS).output(part.toString());
  }

  /**
   * How {@code patch_mapping.json} names a packed file: its path under the media root, or without
   * one under the folder every input shares (what the chunk's key name is relative to), so that the
   * mapping does not change when the data moves; a file outside it keeps its full location.
   */
  private UnaryOperator<String> mappingKeys(JsonChunk chunk) {
    String root = validator().resolver().mediaRoot();
    if (root == null) {
      String source = chunk.source();
      root = source.endsWith(chunk.keyName()) ? source.substring(0, source.length() - chunk.keyName().length()) : "";
    }
    String base = root;
    return path -> !base.isEmpty() && path.startsWith(base) && path.length() > base.length() ? path.substring(base.length()) : path;
  }

  /**
   * Cuts {@code items} into the chunk's patches, in order: a patch is closed when it holds {@code
   * maxFilesPerPatch} media or the next would take it past {@code maxPatchBytes}.
   */
  private void writePatches(long ordinal, List<PackItem> items, Map<String, PackOutcome> outcomes, UnaryOperator<String> mappingKey,
      HashBatches<KV<String, KV<String, PackOutcome>>> packed, MultiOutputReceiver out) throws IOException {
    int part = 0;
    List<PackItem> current = new ArrayList<>();
    long bytes = 0;
    for (PackItem item : items) {
      long size = item.parts().stream().mapToLong(ByteRange::length).sum();
      if (!current.isEmpty() && (current.size() >= maxFilesPerPatch || bytes + size > maxPatchBytes)) {
        writePatch(PatchNames.name(ordinal, part++), current, outcomes, mappingKey, packed, out);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(item);
      bytes += size;
    }
    if (!current.isEmpty()) {
      writePatch(PatchNames.name(ordinal, part), current, outcomes, mappingKey, packed, out);
    }
  }

  private void writePatch(String name, List<PackItem> items, Map<String, PackOutcome> outcomes, UnaryOperator<String> mappingKey,
      HashBatches<KV<String, KV<String, PackOutcome>>> packed, MultiOutputReceiver out) throws IOException {
    ResourceId file = AtomicFiles.resolve(AtomicFiles.directory(patchesDirectory), name);
    List<PackOutcome> written = PatchFile.write(file, prefix + name, items, validator().resolver().maxImagePixels());
    for (int i = 0; i < items.size(); i++) {
      outcomes.put(items.get(i).key(), written.get(i));
    }
    if (PatchFile.reportPacked(items, written, outputDirectory, name, mappingKey, packed::add) > 0) {
      out.get(patches).output(name);
    }
  }
}
