package io.omniprep.wds;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.WriteErrors;
import io.omniprep.media.MediaResolver;
import io.omniprep.llava.ParseLlava;
import io.omniprep.sample.Sample;
import io.omniprep.validate.ValidateSamples;
import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/** Read → validate → WriteWebDataset → errors, on the DirectRunner, as the webdataset pipeline does. */
final class WdsRun {
  private WdsRun() {}

  static void run(String input, Path output, WriteWebDataset write) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    WithFailures.Result<PCollection<Sample>, FailedRecord> parsed = p.apply(ParseLlava.read().from(input));
    WithFailures.Result<PCollection<Sample>, FailedRecord> valid =
        parsed.output().apply(ValidateSamples.withResolver(MediaResolver.create().withVideoAs(write.videoAs())));
    WithFailures.Result<PCollection<ShardInfo>, FailedRecord> written = valid.output().apply(write);
    PCollectionList.of(parsed.failures())
        .and(valid.failures())
        .and(written.failures())
        .apply(Flatten.pCollections())
        .apply(WriteErrors.to(output.toString()));
    p.run().waitUntilFinish();
  }
}
