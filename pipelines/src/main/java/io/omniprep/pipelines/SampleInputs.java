package io.omniprep.pipelines;

import io.omniprep.errors.FailedRecord;
import io.omniprep.media.MediaResolver;
import io.omniprep.options.InputOptions;
import io.omniprep.options.MediaRootOptions;
import io.omniprep.llava.InputFormat;
import io.omniprep.llava.ParseLlava;
import io.omniprep.sample.Sample;
import io.omniprep.validate.CountDuplicateIds;
import io.omniprep.validate.SampleValidator;
import io.omniprep.validate.ValidateSamples;
import io.omniprep.validate.VerifyMedia;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/** The first half of every sample pipeline: read, count duplicate ids, validate. */
final class SampleInputs {
  private SampleInputs() {}

  /** Valid samples with resolved media, and every record that failed on the way. */
  static WithFailures.Result<PCollection<Sample>, FailedRecord> readAndValidate(
      Pipeline p, InputOptions options, ValidateSamples validation) {
    return readAndValidate(p, options.getInput(), options.getFormat(), options.getMaxRecordBytes(), validation);
  }

  /** The same for some of the inputs (the record files among other kinds of input). */
  static WithFailures.Result<PCollection<Sample>, FailedRecord> readAndValidate(
      Pipeline p, List<String> inputs, String format, long maxRecordBytes, ValidateSamples validation) {
    WithFailures.Result<PCollection<Sample>, FailedRecord> parsed =
        p.apply("Read samples", ParseLlava.read().from(inputs).withFormat(InputFormat.parse(format)).withMaxRecordBytes(maxRecordBytes));
    parsed.output().apply("Count duplicate ids", CountDuplicateIds.create());
    WithFailures.Result<PCollection<Sample>, FailedRecord> valid = parsed.output().apply("Validate samples", validation);
    return WithFailures.Result.of(valid.output(), concat("Gather input failures", parsed.failures(), valid.failures()));
  }

  /** The inputs' numbered record chunks, spread over workers, for the chunk-local writers. */
  static ParseLlava.Chunks chunks(InputOptions options) {
    return ParseLlava.chunks()
        .from(options.getInput())
        .withFormat(InputFormat.parse(options.getFormat()))
        .withMaxRecordBytes(options.getMaxRecordBytes());
  }

  /** The resolver for {@code --mediaRoot}, {@code --maxImagePixels} and {@code --maxMediaBytes}. */
  static MediaResolver resolver(InputOptions options) {
    return MediaResolver.create()
        .withMediaRoot(options.getMediaRoot())
        .withMaxImagePixels(options.getMaxImagePixels())
        .withMaxMediaBytes(options.getMaxMediaBytes());
  }

  /** The validator of the media-reading stages: {@link #resolver}, checking media as {@code --verifyMedia} says. */
  static SampleValidator validator(InputOptions options) {
    return validator(resolver(options), options);
  }

  /** A validator over {@code resolver}, checking media as {@code --verifyMedia} says. */
  static SampleValidator validator(MediaResolver resolver, MediaRootOptions options) {
    return SampleValidator.withResolver(resolver).withVerifyMedia(VerifyMedia.parse(options.getVerifyMedia()));
  }

  /** Every failure collection as one, for the single errors sink. */
  @SafeVarargs
  static PCollection<FailedRecord> concat(String name, PCollection<FailedRecord>... failures) {
    PCollectionList<FailedRecord> list = PCollectionList.empty(failures[0].getPipeline());
    for (PCollection<FailedRecord> f : failures) {
      list = list.and(f);
    }
    return list.apply(name, Flatten.pCollections());
  }
}
