package io.omniprep.patch;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.WriteErrors;
import io.omniprep.llava.RecordStyle;
import io.omniprep.llava.WriteLlavaJson;
import io.omniprep.media.MediaResolver;
import io.omniprep.read.ParseLlava;
import io.omniprep.sample.Sample;
import io.omniprep.validate.ValidateSamples;
import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/** Read → validate → PackPatches → patched.json (as read) → errors, on the DirectRunner. */
final class PatchRun {
  private PatchRun() {}

  static void run(String input, Path output, PackPatches pack) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    WithFailures.Result<PCollection<Sample>, FailedRecord> parsed = p.apply(ParseLlava.read().from(input));
    WithFailures.Result<PCollection<Sample>, FailedRecord> valid =
        parsed.output().apply(ValidateSamples.withResolver(MediaResolver.create()));
    WithFailures.Result<PCollection<Sample>, FailedRecord> packed = valid.output().apply(pack);
    packed.output().apply(WriteLlavaJson.to(output.toString()).withName("patched").withStyle(RecordStyle.AS_READ));
    PCollectionList.of(parsed.failures())
        .and(valid.failures())
        .and(packed.failures())
        .apply(Flatten.pCollections())
        .apply(WriteErrors.to(output.toString()));
    p.run().waitUntilFinish();
  }
}
