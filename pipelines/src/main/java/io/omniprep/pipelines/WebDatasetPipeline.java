package io.omniprep.pipelines;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.WriteErrors;
import io.omniprep.options.WebDatasetOptions;
import io.omniprep.options.WebDatasetWriterOptions;
import io.omniprep.sample.Sample;
import io.omniprep.validate.ValidateSamples;
import io.omniprep.wds.ImagePolicy;
import io.omniprep.wds.Layout;
import io.omniprep.wds.ShardInfo;
import io.omniprep.wds.Splits;
import io.omniprep.wds.WriteWebDataset;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;

/** {@code webdataset}: read → validate → WebDataset shards with Energon metadata, plus the errors output. */
public final class WebDatasetPipeline {
  private WebDatasetPipeline() {}

  public static Pipeline create(WebDatasetOptions options) {
    Layout layout = Layout.parse(options.getLayout());
    WriteWebDataset write = writer(options, layout);
    Pipeline p = Pipeline.create(options);
    WithFailures.Result<PCollection<Sample>, FailedRecord> samples =
        SampleInputs.readAndValidate(
            p, options, ValidateSamples.withResolver(SampleInputs.resolver(options).withVideoAs(write.videoAs())));
    WithFailures.Result<PCollection<ShardInfo>, FailedRecord> shards = samples.output().apply("Write WebDataset", write);
    PCollection<FailedRecord> failures = SampleInputs.concat("Gather failures", samples.failures(), shards.failures());
    failures.apply("Write errors", WriteErrors.to(options.getOutput()));
    if (options.getReport()) {
      Reports.ofShards(samples.output(), failures, shards.output(), splits(options), options.getOutput(), String.join(", ", options.getInput()));
    }
    return p;
  }

  /** The writer as the options describe it (also used by other stages that end in shards). */
  static WriteWebDataset writer(WebDatasetWriterOptions options, Layout layout) {
    return WriteWebDataset.to(options.getOutput())
        .withLayout(layout)
        .withMaxSamplesPerShard(options.getMaxSamplesPerShard())
        .withMaxShardBytes(options.getMaxShardBytes())
        .withShardPattern(options.getShardPattern())
        .withSplits(splits(options))
        .withImagePolicy(ImagePolicy.parse(options.getTranscode(), options.getJpegQuality()))
        .withOverwrite(options.getOverwrite());
  }

  /** {@code --split} and {@code --splitMode}. */
  static Splits splits(WebDatasetWriterOptions options) {
    return Splits.parse(options.getSplit(), Splits.Mode.parse(options.getSplitMode()));
  }
}
