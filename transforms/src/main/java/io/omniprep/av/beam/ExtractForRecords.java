package io.omniprep.av.beam;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import io.omniprep.llava.LlavaRecords;
import io.omniprep.media.MediaException;
import io.omniprep.sample.MediaKind;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.ResolvedMedia;
import io.omniprep.sample.Sample;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Records mode: the videos of validated records (read as files) are extracted once each, however
 * many records name them, and each record is rewritten by the task to point at its outputs. A
 * record whose video failed goes to the failures with that video's reason. Only paths and
 * outcomes travel through the two joins (by video, then by record key); media bytes never do.
 */
final class ExtractForRecords
    extends PTransform<PCollection<Sample>, WithFailures.Result<PCollection<Sample>, FailedRecord>> {
  private final VideoTask task;
  private final @Nullable String mediaRoot;
  private final String outputRoot;
  private final boolean overwrite;

  ExtractForRecords(VideoTask task, @Nullable String mediaRoot, String outputRoot, boolean overwrite) {
    this.task = task;
    this.mediaRoot = mediaRoot;
    this.outputRoot = outputRoot;
    this.overwrite = overwrite;
  }

  @Override
  public WithFailures.Result<PCollection<Sample>, FailedRecord> expand(PCollection<Sample> samples) {
    TupleTag<KV<String, KV<String, Integer>>> refs = new TupleTag<KV<String, KV<String, Integer>>>() {};
    TupleTag<VideoJob> jobs = new TupleTag<VideoJob>() {};
    PCollectionTuple videos =
        samples.apply("Videos of records", ParDo.of(new VideosFn(task, mediaRoot, outputRoot, refs, jobs)).withOutputTags(refs, TupleTagList.of(jobs)));

    PCollection<KV<String, VideoOutcome>> outcomes =
        videos.get(jobs).setCoder(VideoJob.CODER)
            .apply("Extract", new ExtractVideos(task, outputRoot, overwrite))
            .apply("Key outcomes by video",
                MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(VideoOutcome.class)))
                    .via((VideoOutcome o) -> KV.of(jobKey(o.spec(), o.relative()), o)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), VideoOutcome.CODER));

    TupleTag<KV<String, Integer>> ref = new TupleTag<KV<String, Integer>>() {};
    TupleTag<VideoOutcome> outcome = new TupleTag<VideoOutcome>() {};
    PCollection<KV<String, KV<Integer, VideoOutcome>>> byRecord =
        KeyedPCollectionTuple.of(ref, videos.get(refs).setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()))))
            .and(outcome, outcomes)
            .apply("Join videos and outcomes", CoGroupByKey.create())
            .apply("Outcomes by record", ParDo.of(new ByRecordFn(ref, outcome)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(VarIntCoder.of(), VideoOutcome.CODER)));

    TupleTag<Sample> sample = new TupleTag<Sample>() {};
    TupleTag<KV<Integer, VideoOutcome>> result = new TupleTag<KV<Integer, VideoOutcome>>() {};
    TupleTag<Sample> rewritten = new TupleTag<Sample>() {};
    TupleTag<FailedRecord> failures = new TupleTag<FailedRecord>() {};
    PCollectionTuple out =
        KeyedPCollectionTuple.of(sample,
                samples.apply("Key records", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(Sample.class)))
                        .via((Sample s) -> KV.of(s.key(), s))))
            .and(result, byRecord)
            .apply("Join records and outcomes", CoGroupByKey.create())
            .apply("Rewrite records",
                ParDo.of(new RewriteFn(task, sample, result, rewritten, failures)).withOutputTags(rewritten, TupleTagList.of(failures)));
    return WithFailures.Result.of(out.get(rewritten), out.get(failures));
  }

  /** Whether a medium is a video this stage extracts: a path, not an Ola patch of frames. */
  static boolean extracts(MediaRef ref) {
    return ref.kind() == MediaKind.VIDEO && !ref.location().isPatch();
  }

  /** The join key of one extraction: the video and where its output goes. */
  private static String jobKey(String spec, String relative) {
    return spec + '\u0000' + relative;
  }

  /** Per record: (job key, (record key, media index)) for each video, and the job to extract it. */
  private static final class VideosFn extends DoFn<Sample, KV<String, KV<String, Integer>>> {
    private final VideoTask task;
    private final @Nullable String mediaRoot;
    private final String outputRoot;
    private final TupleTag<KV<String, KV<String, Integer>>> refs;
    private final TupleTag<VideoJob> jobs;

    VideosFn(VideoTask task, @Nullable String mediaRoot, String outputRoot, TupleTag<KV<String, KV<String, Integer>>> refs,
        TupleTag<VideoJob> jobs) {
      this.task = task;
      this.mediaRoot = mediaRoot;
      this.outputRoot = outputRoot;
      this.refs = refs;
      this.jobs = jobs;
    }

    @ProcessElement
    public void process(@Element Sample s, MultiOutputReceiver out) throws MediaException {
      List<Integer> named = task.namedOutputs(s);
      int video = 0;
      for (int i = 0; i < s.media().size(); i++) {
        MediaRef ref = s.media().get(i);
        if (!extracts(ref)) {
          continue;
        }
        ResolvedMedia resolved = ref.requireResolved();
        if (resolved.isFrames()) {
          throw new IllegalArgumentException("videos must be validated as files (VideoAs.FILE), not frame folders: " + ref);
        }
        String spec = resolved.parts().get(0).resource();
        String relative = named.isEmpty()
            ? MirrorPaths.forRecord(mediaRoot, ref.location().path(), spec)
            // validated already (NamedAudio.writtenTo): inside the output folder
            : NamedAudio.relativeTo(outputRoot, s.media().get(named.get(video)).location().path());
        video++;
        out.get(refs).output(KV.of(jobKey(spec, relative), KV.of(s.key(), i)));
        out.get(jobs).output(new VideoJob(spec, relative));
      }
    }
  }

  private static final class ByRecordFn extends DoFn<KV<String, CoGbkResult>, KV<String, KV<Integer, VideoOutcome>>> {
    private final TupleTag<KV<String, Integer>> ref;
    private final TupleTag<VideoOutcome> outcome;

    ByRecordFn(TupleTag<KV<String, Integer>> ref, TupleTag<VideoOutcome> outcome) {
      this.ref = ref;
      this.outcome = outcome;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> video, OutputReceiver<KV<String, KV<Integer, VideoOutcome>>> out) {
      VideoOutcome o = video.getValue().getOnly(outcome);
      for (KV<String, Integer> r : video.getValue().getAll(ref)) {
        out.output(KV.of(r.getKey(), KV.of(r.getValue(), o)));
      }
    }
  }

  private static final class RewriteFn extends DoFn<KV<String, CoGbkResult>, Sample> {
    private final VideoTask task;
    private final TupleTag<Sample> sample;
    private final TupleTag<KV<Integer, VideoOutcome>> result;
    private final TupleTag<Sample> rewritten;
    private final TupleTag<FailedRecord> failures;

    RewriteFn(VideoTask task, TupleTag<Sample> sample, TupleTag<KV<Integer, VideoOutcome>> result,
        TupleTag<Sample> rewritten, TupleTag<FailedRecord> failures) {
      this.task = task;
      this.sample = sample;
      this.result = result;
      this.rewritten = rewritten;
      this.failures = failures;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> record, MultiOutputReceiver out) {
      Sample s = record.getValue().getOnly(sample);
      Map<Integer, VideoOutcome> videos = new TreeMap<>();
      for (KV<Integer, VideoOutcome> r : record.getValue().getAll(result)) {
        videos.put(r.getKey(), r.getValue());
      }
      if (videos.size() != s.media().stream().filter(ExtractForRecords::extracts).count()) {
        throw new IllegalStateException("outcomes missing for the videos of " + s);
      }
      for (VideoOutcome v : videos.values()) {
        if (v.failed()) {
          out.get(failures).output(failure(s, v.reason(), v.message() + " (" + v.spec() + ")"));
          return;
        }
      }
      try {
        out.get(rewritten).output(task.rewrite(s, videos));
      } catch (MediaException e) {
        out.get(failures).output(failure(s, e.reason(), e.getMessage()));
      }
    }

    private FailedRecord failure(Sample s, Reason reason, String message) {
      return FailedRecord.of(s, task.stage(), reason, message, LlavaRecords.toJson(s));
    }
  }
}
