package io.omniprep.patch;

import io.omniprep.media.MediaResolver;
import io.omniprep.llava.ParseLlava;
import io.omniprep.validate.SampleValidator;
import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Chunks → PackPatches (patched.json, as read) → errors (written per chunk), on the DirectRunner;
 * {@code pack}'s output folder is {@code output}. Chunks of {@code maxFilesPerPatch} records, as the
 * pack-patches pipeline plans them.
 */
final class PatchRun {
  private PatchRun() {}

  static void run(String input, Path output, PackPatches pack) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    p.apply(ParseLlava.chunks().from(input).withMaxRecordsPerChunk(pack.maxFilesPerPatch()))
        .apply(pack.withValidator(SampleValidator.withResolver(MediaResolver.create())));
    p.run().waitUntilFinish();
  }
}
