package io.omniprep.wds;

import io.omniprep.errors.FailedRecord;
import io.omniprep.io.AtomicFiles;
import io.omniprep.llava.LlavaRecords;
import io.omniprep.media.MediaException;
import io.omniprep.metrics.Counters;
import io.omniprep.sample.Sample;
import io.omniprep.shard.ShardId;
import io.omniprep.wds.format.TarIndex;
import io.omniprep.wds.format.TarWriter;
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
 * Writes one planned shard: reads each sample's media where the shard is written (no media bytes
 * cross a shuffle), writes the tar (atomically), then the journal, then the {@code .tar.idx} that
 * marks the shard complete. A sample whose media turn out corrupt is left out and reported.
 */
final class WriteShardFn extends DoFn<KV<ShardId, List<Sample>>, ShardInfo> {
  static final String STAGE = "write-webdataset";

  private final String outputDirectory;
  private final String shardPattern;
  private final SampleLayout layout;
  private final ImagePolicy images;
  private final boolean overwrite;
  private final boolean splitPerSample;
  private final TupleTag<FailedRecord> failures;

  WriteShardFn(
      String outputDirectory,
      String shardPattern,
      SampleLayout layout,
      ImagePolicy images,
      boolean overwrite,
      boolean splitPerSample,
      TupleTag<FailedRecord> failures) {
    this.outputDirectory = outputDirectory;
    this.shardPattern = shardPattern;
    this.layout = layout;
    this.images = images;
    this.overwrite = overwrite;
    this.splitPerSample = splitPerSample;
    this.failures = failures;
  }

  @ProcessElement
  public void process(@Element KV<ShardId, List<Sample>> shard, MultiOutputReceiver out) throws IOException {
    ShardId id = shard.getKey();
    String path = String.format(Locale.ROOT, shardPattern, id.number());
    ResourceId dir = AtomicFiles.directory(outputDirectory);
    ResourceId tar = AtomicFiles.resolve(dir, path);
    ResourceId index = AtomicFiles.resolve(dir, TarIndex.indexPathFor(path));
    ResourceId journalFile = ShardJournal.location(dir, path);

    Optional<ShardJournal> done = overwrite ? Optional.empty() : ShardJournal.readIfComplete(journalFile, tar, index);
    ShardJournal journal;
    if (done.isPresent()) {
      journal = done.get();
      Counters.named("shards_resumed").inc();
    } else {
      journal = write(id, path, shard.getValue(), tar, index, journalFile);
      Counters.named("shards_written").inc();
    }
    Counters.written().inc(journal.shard().samples());
    for (FailedRecord f : journal.failures()) {
      out.get(failures).output(f);
    }
    out.get(WriteWebDataset.SHARDS).output(journal.shard());
  }

  private ShardJournal write(ShardId id, String path, List<Sample> samples, ResourceId tar, ResourceId index, ResourceId journalFile)
      throws IOException {
    List<FailedRecord> failed = new ArrayList<>();
    List<Long> offsets = new ArrayList<>();
    long[] payload = {0};
    AtomicFiles.write(
        tar,
        out -> {
          TarWriter writer = new TarWriter(out);
          for (Sample sample : samples) {
            List<TarPart> parts;
            try {
              parts = layout.members(sample, images);
            } catch (MediaException e) {
              failed.add(failure(sample, e));
              continue;
            }
            offsets.add(writer.position());
            for (TarPart part : parts) {
              try (TarWriter.MemberStream member = writer.openMember(sample.key() + "." + part.extension(), part.size())) {
                part.content().writeTo(member);
              }
              payload[0] += part.size();
            }
          }
          offsets.add(writer.finish());
        });
    long count = offsets.size() - 1;
    ShardInfo info = new ShardInfo(id.number(), path, splitPerSample ? id.bucket() : "", count, payload[0]);
    ShardJournal journal = new ShardJournal(info, failed);
    if (count == 0) {
      // Energon refuses empty shards: none is left behind, only the journal of why.
      AtomicFiles.delete(List.of(tar, index));
      journal.write(journalFile);
      return journal;
    }
    journal.write(journalFile);
    long[] idx = offsets.stream().mapToLong(Long::longValue).toArray();
    AtomicFiles.write(index, o -> TarIndex.write(o, idx));
    return journal;
  }

  private static FailedRecord failure(Sample sample, MediaException e) {
    return new FailedRecord(
        sample.source(), sample.position(), sample.idJson(), STAGE, e.reason(), e.getMessage(), LlavaRecords.toJson(sample));
  }
}
