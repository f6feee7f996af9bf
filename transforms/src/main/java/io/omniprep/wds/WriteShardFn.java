package io.omniprep.wds;

import io.omniprep.errors.FailedRecord;
import io.omniprep.metrics.Counters;
import io.omniprep.sample.Sample;
import io.omniprep.sample.SampleCoder;
import io.omniprep.shard.ShardId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Writes one shard planned from a collection of samples (the path of stages whose samples are made
 * in the pipeline, such as mixtures), resuming it when its journal's fingerprint (the samples as
 * encoded, and the writer's options) matches.
 */
final class WriteShardFn extends DoFn<KV<ShardId, List<Sample>>, ShardInfo> {
  private final ShardWriter writer;
  private final String shardPattern;
  private final String optionsFingerprint;
  private final boolean overwrite;
  private final boolean splitPerSample;
  private final TupleTag<FailedRecord> failures;

  WriteShardFn(ShardWriter writer, String shardPattern, String optionsFingerprint, boolean overwrite, boolean splitPerSample,
      TupleTag<FailedRecord> failures) {
    this.writer = writer;
    this.shardPattern = shardPattern;
    this.optionsFingerprint = optionsFingerprint;
    this.overwrite = overwrite;
    this.splitPerSample = splitPerSample;
    this.failures = failures;
  }

  @ProcessElement
  public void process(@Element KV<ShardId, List<Sample>> shard, MultiOutputReceiver out) throws IOException {
    ShardId id = shard.getKey();
    String path = String.format(Locale.ROOT, shardPattern, id.number());
    ResourceId journalFile = WriteJournal.location(writer.outputDirectory(), "shards/" + path);
    Fingerprint fingerprint = new Fingerprint().add(optionsFingerprint);
    for (Sample sample : shard.getValue()) {
      fingerprint.add(sample, SampleCoder.of());
    }
    String made = fingerprint.hex();
    Optional<WriteJournal> done = overwrite ? Optional.empty() : WriteJournal.readIfComplete(journalFile, made, writer);
    WriteJournal journal;
    if (done.isPresent()) {
      journal = done.get();
      Counters.named("shards_resumed").inc();
    } else {
      List<FailedRecord> failed = new ArrayList<>();
      ShardInfo info = writer.write(id.number(), path, splitPerSample ? id.bucket() : "", shard.getValue(), failed,
          new java.util.ArrayList<>(), null, sample -> null); // the sample table is made on the chunk-local plan only
      journal = new WriteJournal(made, List.of(info), failed);
      journal.write(journalFile);
      Counters.named("shards_written").inc();
    }
    for (ShardInfo info : journal.shards()) {
      Counters.written().inc(info.samples());
      out.get(WriteWebDataset.SHARDS).output(info);
    }
    for (FailedRecord f : journal.failures()) {
      out.get(failures).output(f);
    }
  }
}
