package io.omniprep.pipelines;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.WriteErrors;
import io.omniprep.filter.SampleFilter;
import io.omniprep.llava.RecordStyle;
import io.omniprep.llava.write.RelocateMedia;
import io.omniprep.llava.write.WriteLlavaJson;
import io.omniprep.options.ConvertOptions;
import io.omniprep.shuffle.Shuffle;
import io.omniprep.sample.Sample;
import io.omniprep.validate.SampleValidator;
import io.omniprep.validate.ValidateSamples;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;

/**
 * {@code convert}: read → validate → normalized LLaVA or ShareGPT JSON, plus the errors output; or,
 * with {@code --from=hf-parquet}, a Hugging Face parquet dataset to LLaVA JSON and image files.
 */
public final class ConvertPipeline {
  private ConvertPipeline() {}

  public static Pipeline create(ConvertOptions options) {
    switch (options.getFrom()) {
      case "json":
        return fromJson(options);
      case "hf-parquet":
        if (!WebDatasetPipeline.filter(options).keepsAll()) {
          throw new IllegalArgumentException("--from=hf-parquet has no size rules (--minSide, --maxAspect, --minDuration, --maxDuration)");
        }
        if (Shuffle.parse(options.getShuffle()) != null) {
          throw new IllegalArgumentException("--from=hf-parquet writes the rows in their order: it takes no --shuffle");
        }
        return HfParquetConvert.create(options);
      default:
        throw new IllegalArgumentException("--from must be json or hf-parquet, was '" + options.getFrom() + "'");
    }
  }

  private static Pipeline fromJson(ConvertOptions options) {
    SampleFilter filter = WebDatasetPipeline.filter(options);
    Shuffle shuffle = Shuffle.parse(options.getShuffle());
    if (shuffle != null && options.getMaxRecordsPerFile() != 0) {
      throw new IllegalArgumentException("convert shuffles one file only: --shuffle cannot be combined with --maxRecordsPerFile");
    }
    if (!filter.keepsAll() && (!options.getCheckMedia() || options.getMaxRecordsPerFile() != 0)) {
      // the rules read the media the validator resolves, in the chunk-local plan
      throw new IllegalArgumentException("convert applies --minSide, --maxAspect, --minDuration and --maxDuration "
          + "with --checkMedia=true and --maxRecordsPerFile=0 only");
    }
    Pipeline p = Pipeline.create(options);
    RecordStyle style = RecordStyle.parse(options.getTo() == null ? "llava" : options.getTo());
    // the images' format and completeness as webdataset and pack-patches check them (media_corrupt)
    SampleValidator validator = SampleInputs.validator(options).withImageCheck();
    if (!options.getCheckMedia()) {
      validator = validator.withoutMediaCheck();
    }
    // the records move to OUTPUT: their media paths must still name the same files from there
    RelocateMedia relocate = RelocateMedia.relativeTo(options.getOutput(), SampleInputs.resolver(options)).absolute(options.getAbsolutePaths());
    WriteLlavaJson write =
        WriteLlavaJson.to(options.getOutput())
            .withName(style.name().toLowerCase(java.util.Locale.ROOT))
            .withStyle(style)
            .withMaxRecordsPerFile(options.getMaxRecordsPerFile());
    if (options.getMaxRecordsPerFile() == 0) {
      // One file: the chunk-local plan, no record crosses a shuffle.
      p.apply("Plan chunks", SampleInputs.chunks(options)).apply("Write JSON", write.fromChunks(validator, relocate, options.getMaxRecordBytes()).withFilter(filter).withShuffle(shuffle));
      return p;
    }
    // Files of exactly N records need every record's global rank: the sample-at-a-time plan.
    WithFailures.Result<PCollection<Sample>, FailedRecord> samples = SampleInputs.readAndValidate(p, options, ValidateSamples.with(validator));
    WithFailures.Result<PCollection<Sample>, FailedRecord> relocated = samples.output().apply("Relocate media", relocate);
    relocated.output().apply("Write JSON", write);
    SampleInputs.concat("Gather failures", samples.failures(), relocated.failures())
        .apply("Write errors", WriteErrors.to(options.getOutput()));
    return p;
  }

}
