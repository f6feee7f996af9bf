package io.omniprep.validate;

import static io.omniprep.util.Args.check;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.FailedRecordCoder;
import io.omniprep.llava.LlavaRecords;
import io.omniprep.media.MediaException;
import io.omniprep.media.MediaResolver;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.ResolvedMedia;
import io.omniprep.sample.Sample;
import io.omniprep.sample.SampleCoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
  public static final String STAGE = "validate";

  private final MediaResolver resolver;
  private final boolean checkMedia;

  private ValidateSamples(MediaResolver resolver, boolean checkMedia) {
    this.resolver = resolver;
    this.checkMedia = checkMedia;
  }

  /** Validates with media resolved through {@code resolver}. */
  public static ValidateSamples withResolver(MediaResolver resolver) {
    check(resolver != null, "resolver can not be null");
    return new ValidateSamples(resolver, true);
  }

  /** Structure only: media are neither looked up nor resolved (for stages that never read them). */
  public ValidateSamples withoutMediaCheck() {
    return new ValidateSamples(resolver, false);
  }

  @Override
  public WithFailures.Result<PCollection<Sample>, FailedRecord> expand(PCollection<Sample> samples) {
    TupleTag<Sample> valid = new TupleTag<Sample>() {};
    TupleTag<FailedRecord> failures = new TupleTag<FailedRecord>() {};
    PCollectionTuple out =
        samples.apply(
            "Check samples",
            ParDo.of(new CheckFn(resolver, checkMedia, valid, failures))
                .withOutputTags(valid, TupleTagList.of(failures)));
    return WithFailures.Result.of(
        out.get(valid).setCoder(SampleCoder.of()), out.get(failures).setCoder(FailedRecordCoder.of()));
  }

  private static final class CheckFn extends DoFn<Sample, Sample> {
    private final MediaResolver resolver;
    private final boolean checkMedia;
    private final TupleTag<Sample> valid;
    private final TupleTag<FailedRecord> failures;

    CheckFn(MediaResolver resolver, boolean checkMedia, TupleTag<Sample> valid, TupleTag<FailedRecord> failures) {
      this.resolver = resolver;
      this.checkMedia = checkMedia;
      this.valid = valid;
      this.failures = failures;
    }

    @ProcessElement
    public void process(@Element Sample sample, MultiOutputReceiver out) throws IOException {
      try {
        SampleChecks.check(sample);
        // One copy: media resolved, and the raw record (kept only to quote in failures) dropped.
        Sample.Builder checked = sample.toBuilder().originalRecord(null);
        if (checkMedia) {
          checked.media(resolve(sample));
        }
        out.get(valid).output(checked.build());
      } catch (MediaException e) {
        out.get(failures).output(failure(sample, e));
      }
    }

    private List<MediaRef> resolve(Sample sample) throws MediaException, IOException {
      List<ResolvedMedia> resolved = resolver.resolveAll(sample.source(), sample.media());
      List<MediaRef> media = new ArrayList<>(resolved.size());
      for (int i = 0; i < resolved.size(); i++) {
        media.add(sample.media().get(i).withResolved(resolved.get(i)));
      }
      return media;
    }

    private static FailedRecord failure(Sample sample, MediaException e) {
      String record = sample.originalRecord() != null ? sample.originalRecord() : LlavaRecords.toJson(sample);
      return new FailedRecord(
          sample.source(), sample.position(), sample.idJson(), STAGE, e.reason(), e.getMessage(), record);
    }
  }
}
