package io.omniprep.validate;

import static io.omniprep.util.Args.check;

import io.omniprep.errors.FailedRecord;
import io.omniprep.media.MediaException;
import io.omniprep.media.MediaResolver;
import io.omniprep.sample.Sample;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ProcessFunction;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Validates samples in two steps and routes failures instead of throwing them at the runner:
 * "Check structure" refuses missing or empty conversations, unknown speakers and placeholder tokens
 * that do not match the media; "Resolve media" then resolves each medium to its byte ranges (so
 * later stages plan by size and read exactly those bytes), refusing paths that leave their root and
 * media that do not exist, and drops the original text.
 *
 * <pre>{@code
 * samples.apply(ValidateSamples.withResolver(MediaResolver.create().withMediaRoot("gs://b/media")));
 * }</pre>
 */
public final class ValidateSamples
    extends PTransform<PCollection<Sample>, WithFailures.Result<PCollection<Sample>, FailedRecord>> {
  public static final String STAGE = SampleValidator.STAGE;

  private final SampleValidator validator;

  private ValidateSamples(SampleValidator validator) {
    this.validator = validator;
  }

  /** Validates with media resolved through {@code resolver}. */
  public static ValidateSamples withResolver(MediaResolver resolver) {
    return new ValidateSamples(SampleValidator.withResolver(resolver));
  }

  /** Applies {@code validator} to every sample. */
  public static ValidateSamples with(SampleValidator validator) {
    check(validator != null, "validator can not be null");
    return new ValidateSamples(validator);
  }

  /** Structure only: media are neither looked up nor resolved (for stages that never read them). */
  public ValidateSamples withoutMediaCheck() {
    return new ValidateSamples(validator.withoutMediaCheck());
  }

  @Override
  public WithFailures.Result<PCollection<Sample>, FailedRecord> expand(PCollection<Sample> samples) {
    WithFailures.Result<PCollection<Sample>, FailedRecord> wellFormed =
        samples.apply("Check structure", refusing(sample -> {
          SampleChecks.check(sample);
          return sample;
        }));
    WithFailures.Result<PCollection<Sample>, FailedRecord> resolved =
        wellFormed.output().apply("Resolve media", refusing(validator::resolveMedia));
    return WithFailures.Result.of(resolved.output(),
        PCollectionList.of(wellFormed.failures()).and(resolved.failures()).apply("Failures", Flatten.pCollections()));
  }

  /**
   * {@code step} on each sample; a sample it refuses ({@link MediaException}) goes to the failures
   * with its reason, quoting its original text. Any other exception fails the bundle (a retry may
   * read the media).
   */
  private static MapElements.MapWithFailures<Sample, Sample, FailedRecord> refusing(ProcessFunction<Sample, Sample> step) {
    return MapElements.into(TypeDescriptor.of(Sample.class))
        .via(step)
        .exceptionsInto(TypeDescriptor.of(FailedRecord.class))
        .exceptionsVia(refused -> {
          if (refused.exception() instanceof MediaException e) {
            return SampleValidator.failure(refused.element(), e);
          }
          throw refused.exception();
        });
  }
}
