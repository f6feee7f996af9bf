package io.omniprep.pipelines;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.WriteErrors;
import io.omniprep.llava.RecordStyle;
import io.omniprep.llava.WriteLlavaJson;
import io.omniprep.options.ConvertOptions;
import io.omniprep.sample.Sample;
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
        return HfParquetConvert.create(options);
      default:
        throw new IllegalArgumentException("--from must be json or hf-parquet, was '" + options.getFrom() + "'");
    }
  }

  private static Pipeline fromJson(ConvertOptions options) {
    Pipeline p = Pipeline.create(options);
    RecordStyle style = RecordStyle.parse(options.getTo() == null ? "llava" : options.getTo());
    ValidateSamples validation = ValidateSamples.withResolver(SampleInputs.resolver(options));
    WithFailures.Result<PCollection<Sample>, FailedRecord> samples =
        SampleInputs.readAndValidate(p, options, options.getCheckMedia() ? validation : validation.withoutMediaCheck());
    samples
        .output()
        .apply(
            "Write JSON",
            WriteLlavaJson.to(options.getOutput())
                .withName(style.name().toLowerCase(java.util.Locale.ROOT))
                .withStyle(style)
                .withMaxRecordsPerFile(options.getMaxRecordsPerFile()));
    samples.failures().apply("Write errors", WriteErrors.to(options.getOutput()));
    return p;
  }
}
