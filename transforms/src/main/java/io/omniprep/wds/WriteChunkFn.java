package io.omniprep.wds;

import io.omniprep.errors.ErrorsJson;
import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.WriteErrors;
import io.omniprep.io.AtomicFiles;
import io.omniprep.llava.LlavaRecords;
import io.omniprep.media.MediaException;
import io.omniprep.metrics.Counters;
import io.omniprep.read.ChunkRecords;
import io.omniprep.read.JsonChunk;
import io.omniprep.report.ProfileSamples;
import io.omniprep.report.SampleProfile;
import io.omniprep.sample.ByteRange;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.Sample;
import io.omniprep.validate.SampleValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Everything one input chunk goes through, in the worker that received its descriptor: parse,
 * validate, check against the layout, deal to splits and shards ({@link ChunkShards}), read the
 * media and write the shards, write the chunk's errors part. Only small results leave it: the
 * written shards' {@link ShardInfo}, the failures (for the report), the record ids (to count
 * repeats), and with {@code --report} each sample's {@link SampleProfile}.
 *
 * <p>A rerun takes a chunk from its journal when the journal's fingerprint (the chunk's bytes, its
 * valid samples with their resolved media, the writer's options) matches and its shards are on
 * disk; otherwise the chunk is written anew.
 */
final class WriteChunkFn extends DoFn<JsonChunk, ShardInfo> {
  private final SampleValidator validator;
  private final SampleLayout layout;
  private final ShardWriter writer;
  private final ChunkShards shards;
  private final long maxRecordBytes;
  private final String optionsFingerprint;
  private final boolean overwrite;
  private final TupleTag<FailedRecord> failures;
  private final TupleTag<String> ids;
  private final @Nullable TupleTag<SampleProfile> profiles;
  private transient ProfileSamples.@Nullable Profiler profiler;

  WriteChunkFn(SampleValidator validator, SampleLayout layout, ShardWriter writer, ChunkShards shards, long maxRecordBytes,
      String optionsFingerprint, boolean overwrite, TupleTag<FailedRecord> failures, TupleTag<String> ids,
      @Nullable TupleTag<SampleProfile> profiles) {
    this.validator = validator;
    this.layout = layout;
    this.writer = writer;
    this.shards = shards;
    this.maxRecordBytes = maxRecordBytes;
    this.optionsFingerprint = optionsFingerprint;
    this.overwrite = overwrite;
    this.failures = failures;
    this.ids = ids;
    this.profiles = profiles;
  }

  @ProcessElement
  public void process(@Element JsonChunk chunk, MultiOutputReceiver out) throws IOException {
    Counters.read().inc(chunk.size());
    List<FailedRecord> failed = new ArrayList<>();
    List<Sample> valid = new ArrayList<>();
    ChunkRecords records = ChunkRecords.read(chunk, maxRecordBytes);
    records.parse(
        new ChunkRecords.Sink() {
          @Override
          public void sample(Sample sample) throws IOException {
            if (sample.idJson() != null) {
              out.get(ids).output(sample.idJson());
            }
            check(sample, valid, failed);
          }

          @Override
          public void failure(FailedRecord failure) {
            failed.add(failure);
          }
        });

    Fingerprint fingerprint = new Fingerprint().add(optionsFingerprint).add(records.digest());
    for (Sample sample : valid) {
      for (MediaRef ref : sample.media()) {
        if (ref.resolved() != null) {
          for (ByteRange range : ref.resolved().parts()) {
            fingerprint.add(range.resource()).add(range.offset() + ":" + range.length());
          }
        }
      }
    }
    String made = fingerprint.hex();
    ResourceId dir = writer.outputDirectory();
    ResourceId journalFile = WriteJournal.location(dir, String.format(Locale.ROOT, "chunks/chunk-%06d", chunk.ordinal()));
    Optional<WriteJournal> done = overwrite ? Optional.empty() : WriteJournal.readIfComplete(journalFile, made, dir);
    WriteJournal journal;
    if (done.isPresent()) {
      journal = done.get();
      Counters.named("shards_resumed").inc(journal.shards().size());
    } else {
      List<FailedRecord> writeFailures = new ArrayList<>();
      List<ShardInfo> written = new ArrayList<>();
      for (ChunkShards.Planned shard : shards.plan(chunk.ordinal(), valid)) {
        written.add(writer.write(shard.number(), shard.path(), shard.split(), shard.samples(), writeFailures));
      }
      journal = new WriteJournal(made, written, writeFailures);
      journal.write(journalFile);
      Counters.named("shards_written").inc(written.size());
    }
    failed.addAll(journal.failures());

    for (ShardInfo shard : journal.shards()) {
      Counters.written().inc(shard.samples());
      out.get(WriteWebDataset.SHARDS).output(shard);
    }
    writeErrors(chunk.ordinal(), failed, dir);
    for (FailedRecord f : failed) {
      out.get(failures).output(f);
    }
    if (profiles != null) {
      if (profiler == null) {
        profiler = new ProfileSamples.Profiler();
      }
      for (Sample sample : valid) {
        out.get(profiles).output(profiler.profile(sample));
      }
    }
  }

  private void check(Sample sample, List<Sample> valid, List<FailedRecord> failed) throws IOException {
    Sample checked;
    try {
      checked = validator.validate(sample);
    } catch (MediaException e) {
      failed.add(SampleValidator.failure(sample, e));
      return;
    }
    Optional<String> problem = layout.unsuitable(checked);
    if (problem.isPresent()) {
      failed.add(new FailedRecord(checked.source(), checked.position(), checked.idJson(), WriteWebDataset.LAYOUT_STAGE,
          io.omniprep.errors.Reason.UNSUITABLE_FOR_LAYOUT, problem.get(), LlavaRecords.toJson(checked)));
    } else {
      valid.add(checked);
    }
  }

  /**
   * The chunk's part of {@code _errors/}, in record order, counted here (the one place a failure of
   * this path is counted); a chunk without failures deletes a part an earlier run may have left.
   */
  private static void writeErrors(long ordinal, List<FailedRecord> failed, ResourceId dir) throws IOException {
    ResourceId part = AtomicFiles.resolve(dir, WriteErrors.DIRECTORY + "/" + String.format(Locale.ROOT, "errors-%06d.jsonl", ordinal));
    if (failed.isEmpty()) {
      AtomicFiles.delete(List.of(part));
      return;
    }
    failed.sort(Comparator.comparingLong(FailedRecord::position));
    for (FailedRecord f : failed) {
      Counters.failed().inc();
      Counters.failed(f.reason()).inc();
    }
    AtomicFiles.write(part, o -> {
      for (FailedRecord f : failed) {
        o.write(ErrorsJson.toJsonLine(f).getBytes(StandardCharsets.UTF_8));
        o.write('\n');
      }
    });
  }
}
