package io.omniprep.pipelines;

import io.omniprep.options.PackPatchesOptions;
import io.omniprep.patch.PackPatches;
import org.apache.beam.sdk.Pipeline;

/**
 * {@code pack-patches}: the inputs' record chunks, each parsed, validated, packed into its own Ola
 * patches and rewritten by the worker it lands on ({@link PackPatches}), less the samples the size
 * rules drop ({@code --minSide}, ...: {@code OUTPUT/_dropped/}); then {@code
 * patch_mapping.json} and the input records, media replaced by patch references and every other
 * field as read, in input order, as {@code OUTPUT/patched.json}; failures per chunk under {@code
 * OUTPUT/_errors/}. Chunks are planned at {@code --maxFilesPerPatch} records.
 */
public final class PackPatchesPipeline {
  /** The rewritten training JSON, {@code OUTPUT/patched.json}. */
  public static final String JSON_NAME = "patched";

  private PackPatchesPipeline() {}

  public static Pipeline create(PackPatchesOptions options) {
    PackPatches pack = packer(options);
    Pipeline p = Pipeline.create(options);
    p.apply("Plan chunks", SampleInputs.chunks(options).withMaxRecordsPerChunk(options.getMaxFilesPerPatch()))
        // The pixel limit is checked by the patch writer on the bytes it packs (no image opened twice).
        .apply("Pack patches", pack.withValidator(SampleInputs.validator(SampleInputs.resolver(options).withHeadersLeftToReader(), options))
            .withMaxRecordBytes(options.getMaxRecordBytes())
            .withJsonName(JSON_NAME)
            .withFilter(WebDatasetPipeline.filter(options)));
    return p;
  }

  /** The transform as the options describe it; a refused prefix fails here, before the job starts. */
  private static PackPatches packer(PackPatchesOptions options) {
    PackPatches pack =
        PackPatches.to(options.getOutput())
            .withVideoFps(options.getVideoFps())
            .withMaxFrames(options.getMaxFrames())
            .withMaxFilesPerPatch(options.getMaxFilesPerPatch())
            .withMaxPatchBytes(options.getMaxPatchBytes())
            .withJpegQuality(options.getJpegQuality());
    return options.getPatchPathPrefix() != null ? pack.withPatchPathPrefix(options.getPatchPathPrefix()) : pack;
  }
}
