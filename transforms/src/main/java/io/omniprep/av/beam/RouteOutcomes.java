package io.omniprep.av.beam;

import io.omniprep.errors.FailedRecord;
import io.omniprep.metrics.Counters;
import java.util.Objects;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Files mode's ends: an extracted or already complete video is a record written; a failed one
 * becomes an errors-output record whose source and text are the video's spec.
 */
final class RouteOutcomes
    extends PTransform<PCollection<VideoOutcome>, WithFailures.Result<PCollection<VideoOutcome>, FailedRecord>> {
  private final String stage;

  RouteOutcomes(String stage) {
    this.stage = stage;
  }

  @Override
  public WithFailures.Result<PCollection<VideoOutcome>, FailedRecord> expand(PCollection<VideoOutcome> outcomes) {
    TupleTag<VideoOutcome> done = new TupleTag<VideoOutcome>() {};
    TupleTag<FailedRecord> failures = new TupleTag<FailedRecord>() {};
    PCollectionTuple routed =
        outcomes.apply("Route", ParDo.of(new RouteFn(stage, done, failures)).withOutputTags(done, TupleTagList.of(failures)));
    return WithFailures.Result.of(
        routed.get(done).setCoder(VideoOutcome.CODER), routed.get(failures));
  }

  private static final class RouteFn extends DoFn<VideoOutcome, VideoOutcome> {
    private final String stage;
    private final TupleTag<VideoOutcome> done;
    private final TupleTag<FailedRecord> failures;

    RouteFn(String stage, TupleTag<VideoOutcome> done, TupleTag<FailedRecord> failures) {
      this.stage = stage;
      this.done = done;
      this.failures = failures;
    }

    @ProcessElement
    public void process(@Element VideoOutcome v, MultiOutputReceiver out) {
      if (!v.failed()) {
        Counters.written().inc();
        out.get(done).output(v);
        return;
      }
      out.get(failures).output(
          FailedRecord.of(v.spec(), 0, null, stage, Objects.requireNonNull(v.reason()), v.message(), v.spec()));
    }
  }
}
