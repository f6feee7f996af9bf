package io.omniprep.validate;

import static io.omniprep.util.Args.check;

import io.omniprep.errors.FailedRecord;
import io.omniprep.media.MediaException;
import io.omniprep.media.MediaResolver;
import io.omniprep.sample.Sample;
import java.io.IOException;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Checks each sample and routes failures instead of throwing them at the runner: missing or empty
 * conversations, unknown speakers, placeholder tokens that do not match the media, media paths that
 * leave their root, and media that do not exist. Passing samples come out with their media resolved
 * to byte ranges (so later stages plan by size and read exactly those bytes) and without their
 * original text.
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
    TupleTag<Sample> valid = new TupleTag<Sample>() {};
    TupleTag<FailedRecord> failures = new TupleTag<FailedRecord>() {};
    PCollectionTuple out =
        samples.apply("Check samples", ParDo.of(new CheckFn(validator, valid, failures)).withOutputTags(valid, TupleTagList.of(failures)));
    return WithFailures.Result.of(
        out.get(valid), out.get(failures));
  }

  private static final class CheckFn extends DoFn<Sample, Sample> {
    private final SampleValidator validator;
    private final TupleTag<Sample> valid;
    private final TupleTag<FailedRecord> failures;

    CheckFn(SampleValidator validator, TupleTag<Sample> valid, TupleTag<FailedRecord> failures) {
      this.validator = validator;
      this.valid = valid;
      this.failures = failures;
    }

    @ProcessElement
    public void process(@Element Sample sample, MultiOutputReceiver out) throws IOException {
      try {
        out.get(valid).output(validator.validate(sample));
      } catch (MediaException e) {
        out.get(failures).output(SampleValidator.failure(sample, e));
      }
    }
  }
}
