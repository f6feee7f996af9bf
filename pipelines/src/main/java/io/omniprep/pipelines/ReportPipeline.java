package io.omniprep.pipelines;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.FailedRecordCoder;
import io.omniprep.errors.WriteErrors;
import io.omniprep.media.MediaPaths;
import io.omniprep.media.MediaResolver;
import io.omniprep.metrics.Counters;
import io.omniprep.mixture.ReadMixture;
import io.omniprep.options.MixtureOptions;
import io.omniprep.options.ReportOptions;
import io.omniprep.report.ProfileSamples;
import io.omniprep.wds.ReadShardProfiles;
import io.omniprep.report.SampleProfile;
import io.omniprep.report.WriteReport;
import io.omniprep.sample.Sample;
import io.omniprep.validate.ValidateSamples;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * {@code report}: a dataset report (OUTPUT/report.html, OUTPUT/report.json) of anything omniprep
 * reads, told apart by name: mixture YAMLs ({@code .yaml}, {@code .yml}), WebDataset shards
 * ({@code .tar} files or patterns, or a folder), and LLaVA / ShareGPT / JSONL records (the rest),
 * read and validated as the other stages read them. Records that fail go to the errors output and
 * the report's errors section.
 */
public final class ReportPipeline {
  private ReportPipeline() {}

  public static Pipeline create(ReportOptions options) {
    FileSystems.setDefaultPipelineOptions(options);
    List<String> records = new ArrayList<>();
    List<String> mixtures = new ArrayList<>();
    List<String> shards = new ArrayList<>();
    for (String input : options.getInput()) {
      String ext = MediaPaths.extension(input);
      if (ext.equals("yaml") || ext.equals("yml")) {
        mixtures.add(input);
      } else if (ext.equals("tar") || input.endsWith("/") || Files.isDirectory(Paths.get(MediaPaths.stripFileScheme(input)))) {
        shards.add(ext.equals("tar") ? input : MediaPaths.asDirectory(input));
      } else {
        records.add(input);
      }
    }
    MediaResolver.VideoAs videoAs = MediaResolver.VideoAs.valueOf(options.getVideoAs().trim().toUpperCase(Locale.ROOT));

    Pipeline p = Pipeline.create(options);
    PCollectionList<Sample> samples = PCollectionList.empty(p);
    PCollectionList<FailedRecord> failures = PCollectionList.empty(p);
    if (!records.isEmpty()) {
      WithFailures.Result<PCollection<Sample>, FailedRecord> read = SampleInputs.readAndValidate(
          p, records, options.getFormat(), options.getMaxRecordBytes(), ValidateSamples.with(SampleInputs.validator(SampleInputs.resolver(options).withVideoAs(videoAs), options)));
      samples = samples.and(read.output());
      failures = failures.and(read.failures());
    }
    for (int i = 0; i < mixtures.size(); i++) {
      String config = mixtures.get(i);
      WithFailures.Result<PCollection<Sample>, FailedRecord> mixed =
          p.apply("Read mixture " + i, ReadMixture.from(MixturePipeline.load(config, MixtureOptions.MAX_DUPLICATION)).withSeed(options.getSeed()));
      WithFailures.Result<PCollection<Sample>, FailedRecord> valid = mixed.output().apply(
          "Validate mixture " + i, ValidateSamples.with(SampleInputs.validator(MixturePipeline.resolver(options, config, videoAs), options)));
      samples = samples.and(valid.output());
      failures = failures.and(mixed.failures()).and(valid.failures());
    }
    PCollectionList<SampleProfile> profiles = PCollectionList.empty(p);
    if (!samples.getAll().isEmpty()) {
      profiles = profiles.and(samples.apply("All samples", Flatten.pCollections()).apply("Profile samples", ProfileSamples.create()));
    }
    if (!shards.isEmpty()) {
      profiles = profiles.and(p.apply("Read shards", ReadShardProfiles.from(shards)));
    }
    PCollection<FailedRecord> failed = failures.getAll().isEmpty()
        ? p.apply("No failures", Create.empty(FailedRecordCoder.of()))
        : failures.apply("All failures", Flatten.pCollections());
    profiles
        .apply("All profiles", Flatten.pCollections())
        .apply("Count reported samples", ParDo.of(new CountFn()))
        .apply("Write report", WriteReport.to(options.getOutput()).withTitle(String.join(", ", options.getInput())).withFailures(failed));
    failed.apply("Write errors", WriteErrors.to(options.getOutput()));
    return p;
  }

  private static final class CountFn extends DoFn<SampleProfile, SampleProfile> {
    @ProcessElement
    public void process(@Element SampleProfile profile, OutputReceiver<SampleProfile> out) {
      Counters.written().inc();
      out.output(profile);
    }
  }
}
