package io.omniprep.pipelines;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.WriteErrors;
import io.omniprep.llava.RecordStyle;
import io.omniprep.llava.WriteLlavaJson;
import io.omniprep.options.PackPatchesOptions;
import io.omniprep.patch.PackPatches;
import io.omniprep.sample.Sample;
import io.omniprep.validate.ValidateSamples;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;

/**
 * {@code pack-patches}: read → validate → Ola patches + {@code patch_mapping.json} → the input
 * records, media replaced by patch references and every other field as read, in input order, as
 * {@code OUTPUT/patched.json}; plus the errors output.
 */
public final class PackPatchesPipeline {
  /** The rewritten training JSON, {@code OUTPUT/patched.json}. */
  public static final String JSON_NAME = "patched";

  private PackPatchesPipeline() {}

  public static Pipeline create(PackPatchesOptions options) {
    PackPatches pack = packer(options);
    Pipeline p = Pipeline.create(options);
    WithFailures.Result<PCollection<Sample>, FailedRecord> samples =
        SampleInputs.readAndValidate(p, options, ValidateSamples.withResolver(SampleInputs.resolver(options)));
    WithFailures.Result<PCollection<Sample>, FailedRecord> packed = samples.output().apply("Pack patches", pack);
    packed
        .output()
        .apply("Write JSON", WriteLlavaJson.to(options.getOutput()).withName(JSON_NAME).withStyle(RecordStyle.AS_READ));
    SampleInputs.concat("Gather failures", samples.failures(), packed.failures())
        .apply("Write errors", WriteErrors.to(options.getOutput()));
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
