package io.omniprep.av.beam;

import io.omniprep.errors.Reason;
import io.omniprep.metrics.Counters;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The shared core of audio and frame extraction: one outcome per distinct output. Jobs are grouped
 * by output stem, so a video named by many records is extracted once, and two inputs that would
 * write the same output ({@code a.mp4} and {@code a.mkv}) are caught: the first in spec order
 * wins, the others fail with {@link Reason#OUTPUT_CONFLICT}. The winners are then spread over
 * workers before the slow decoding.
 */
final class ExtractVideos extends PTransform<PCollection<VideoJob>, PCollection<VideoOutcome>> {
  private final VideoTask task;
  private final String outputRoot;
  private final boolean overwrite;

  ExtractVideos(VideoTask task, String outputRoot, boolean overwrite) {
    this.task = task;
    this.outputRoot = outputRoot;
    this.overwrite = overwrite;
  }

  @Override
  public PCollection<VideoOutcome> expand(PCollection<VideoJob> jobs) {
    TupleTag<VideoJob> winners = new TupleTag<VideoJob>() {};
    TupleTag<VideoOutcome> conflicts = new TupleTag<VideoOutcome>() {};
    PCollectionTuple planned =
        jobs.apply("Key by output", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(VideoJob.class)))
                .via((VideoJob j) -> KV.of(j.stem(), j)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), VideoJob.CODER))
            .apply("Group by output", GroupByKey.create())
            .apply("One input per output", ParDo.of(new PickFn(winners, conflicts)).withOutputTags(winners, TupleTagList.of(conflicts)));
    PCollection<VideoOutcome> extracted =
        planned.get(winners).setCoder(VideoJob.CODER)
            .apply("Spread videos over workers", Reshuffle.viaRandomKey())
            .apply("Extract", ParDo.of(new ExtractVideosFn(task, outputRoot, overwrite)))
            .setCoder(VideoOutcome.CODER);
    VideoTask writer = task;
    extracted
        .apply("Folders written", FlatMapElements.into(TypeDescriptors.strings()).via((VideoOutcome o) -> writer.folders(o.stem())))
        .setCoder(StringUtf8Coder.of())
        .apply("Once all their videos are done", Distinct.create())
        .apply("Delete killed writers' temporary files", ParDo.of(new DeleteLeftoversFn(outputRoot)));
    return PCollectionList.of(extracted)
        .and(planned.get(conflicts).setCoder(VideoOutcome.CODER))
        .apply("All outcomes", Flatten.pCollections());
  }

  private static final class PickFn extends DoFn<KV<String, Iterable<VideoJob>>, VideoJob> {
    private final TupleTag<VideoJob> winners;
    private final TupleTag<VideoOutcome> conflicts;

    PickFn(TupleTag<VideoJob> winners, TupleTag<VideoOutcome> conflicts) {
      this.winners = winners;
      this.conflicts = conflicts;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<VideoJob>> group, MultiOutputReceiver out) {
      Map<String, VideoJob> bySpec = new TreeMap<>();
      for (VideoJob job : group.getValue()) {
        // the same video to the same output, named by many records: one job; to another path with
        // the same stem (v.mp4 → v.wav mirrored, and "v.WAV" named), a conflict below
        bySpec.putIfAbsent(job.spec() + '\u0000' + job.relative(), job);
      }
      VideoJob winner = null;
      for (VideoJob job : bySpec.values()) {
        if (winner == null) {
          winner = job;
          out.get(winners).output(job);
        } else {
          Counters.named(ExtractVideosFn.FAILED).inc();
          out.get(conflicts).output(job.failed(Reason.OUTPUT_CONFLICT,
              "output " + group.getKey() + " is also the output of " + winner.spec()));
        }
      }
    }
  }
}
