package io.omniprep.wds;

import io.omniprep.errors.FailedRecord;
import io.omniprep.io.AtomicFiles;
import io.omniprep.lengths.ChunkLengths;
import io.omniprep.llava.LlavaRecords;
import io.omniprep.media.MediaException;
import io.omniprep.sample.Sample;
import io.omniprep.stats.MediaFacts;
import io.omniprep.stats.SampleRow;
import io.omniprep.stats.ShardStats;
import io.omniprep.util.Lookahead;
import io.omniprep.wds.format.EnergonIndexRows;
import io.omniprep.wds.format.EnergonMediaMetadata;
import io.omniprep.wds.format.TarIndex;
import io.omniprep.wds.format.TarWriter;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Writes one shard: reads each sample's media in the task that writes it (media never cross a
 * shuffle; a few samples ahead, on every core, {@link Lookahead}), lays the sample out as tar
 * members, writes the tar atomically, then its {@code SHARD_stats.json} ({@link ShardStats}), its rows of
 * Energon's {@code index.sqlite} ({@link #indexRowsLocation}: each member's offsets as written,
 * and an image's header facts as it streams past, so no tar is read again), then its {@code
 * .tar.idx}, which marks it complete. A sample whose media turn out corrupt is left out and listed
 * as failed; a shard left with no sample is not written at all (Energon refuses empty shards).
 */
final class ShardWriter implements Serializable {
  static final String STAGE = "write-webdataset";

  private final String outputDirectory;
  private final SampleLayout layout;
  private final ImagePolicy images;
  private final boolean energonIndex;
  /**
   * How many samples' members are read (and converted) ahead of the one being written, on every
   * core, and how many of their media bytes at most: images are held whole, so this bounds the
   * memory a writer holds whatever the images' sizes (one sample always goes ahead, however large);
   * larger media stream.
   */
  private static final int MEDIA_WINDOW = 32;
  private static final long MEDIA_WINDOW_BYTES = 64L << 20;

  /** With {@code energonIndex}, each shard's rows of Energon's {@code index.sqlite} are recorded too. */
  ShardWriter(String outputDirectory, SampleLayout layout, ImagePolicy images, boolean energonIndex) {
    this.outputDirectory = outputDirectory;
    this.layout = layout;
    this.images = images;
    this.energonIndex = energonIndex;
  }

  ResourceId outputDirectory() {
    return AtomicFiles.directory(outputDirectory);
  }

  /** Whether shard {@code path}, once written, is whole: its tar, its {@code .tar.idx} and (when recorded) its index rows. */
  boolean isComplete(String path) throws IOException {
    ResourceId dir = outputDirectory();
    return AtomicFiles.exists(AtomicFiles.resolve(dir, path))
        && (!energonIndex || AtomicFiles.exists(indexRowsLocation(dir, path)))
        && AtomicFiles.exists(AtomicFiles.resolve(dir, TarIndex.indexPathFor(path)));
  }

  /** Every file shard {@code path} is written as: its tar, {@code .tar.idx}, {@code SHARD_stats.json} and index rows. */
  static List<ResourceId> filesOf(ResourceId outputDir, String path) {
    return List.of(AtomicFiles.resolve(outputDir, path), AtomicFiles.resolve(outputDir, TarIndex.indexPathFor(path)),
        AtomicFiles.resolve(outputDir, ShardStats.pathFor(path)), indexRowsLocation(outputDir, path));
  }

  /** Where shard {@code path}'s index rows are kept: {@code OUTPUT/.omniprep/index/PATH.rows}. */
  static ResourceId indexRowsLocation(ResourceId outputDir, String path) {
    return AtomicFiles.resolve(outputDir, WriteJournal.DIRECTORY + "index/" + path + ".rows");
  }

  /** A sample's members, and the facts of its media for the sample table. */
  private record Laid(List<TarPart> parts, MediaFacts facts) {}

  /**
   * A sample's members, and its facts measured from the bytes its layout read. Under a {@code
   * --resize} budget its JSON member (where an object) also lists each image's size as stored and
   * as read, {@value #IMAGE_SIZES}.
   */
  private Laid laidOut(Sample sample) throws MediaException, IOException {
    MediaReads reads = new MediaReads(images);
    List<TarPart> parts = layout.members(sample, reads);
    if (!reads.imageSizes().isEmpty()) {
      parts = JsonMemberField.with(parts, IMAGE_SIZES, imageSizes(reads.imageSizes()), "image_sizes_field_already_in_record");
    }
    return new Laid(parts, MediaFacts.of(sample, reads::held));
  }

  /** The JSON field listing, in member order, each image's size as stored and as read under {@code --resize}. */
  static final String IMAGE_SIZES = "image_sizes";

  /** {@code [{"width": W, "height": H, "original_width": OW, "original_height": OH}, ...]}, as json.dumps writes it. */
  private static String imageSizes(List<ImagePolicy.StoredImage> images) {
    StringBuilder json = new StringBuilder("[");
    for (ImagePolicy.StoredImage image : images) {
      json.append(json.length() > 1 ? ", " : "")
          .append("{\"width\": ").append(image.width())
          .append(", \"height\": ").append(image.height())
          .append(", \"original_width\": ").append(image.originalWidth())
          .append(", \"original_height\": ").append(image.originalHeight())
          .append('}');
    }
    return json.append(']').toString();
  }

  /**
   * Writes {@code samples} as shard {@code path}; samples that fail are added to {@code failed},
   * and each sample written adds its row of the sample table to {@code tableRows}. With {@code
   * lengths}, each sample's lengths are added to its JSON member ({@link LengthsMember}).
   */
  ShardInfo write(int number, String path, String split, List<Sample> samples, List<FailedRecord> failed, List<SampleRow> tableRows,
      @Nullable ChunkLengths lengths) throws IOException {
    List<Sample> list = samples;
    int failedBefore = failed.size();
    List<SampleRow> shardRows = new ArrayList<>();
    ResourceId dir = outputDirectory();
    ResourceId tar = AtomicFiles.resolve(dir, path);
    ResourceId index = AtomicFiles.resolve(dir, TarIndex.indexPathFor(path));
    ResourceId rowsFile = indexRowsLocation(dir, path);
    List<Long> offsets = new ArrayList<>();
    long[] payload = {0};
    long[] tarSize = {0};
    EnergonIndexRows.Builder rows = new EnergonIndexRows.Builder();
    AtomicFiles.write(
        tar,
        out -> {
          TarWriter writer = new TarWriter(out);
          int i = 0;
          for (Lookahead.Outcome<Laid> outcome :
              Lookahead.ordered(list, MEDIA_WINDOW, MEDIA_WINDOW_BYTES, Sample::resolvedBytes, this::laidOut)) {
            Sample sample = list.get(i++);
            Laid laid;
            try {
              laid = outcome.get(MediaException.class);
              if (lengths != null && lengths.of(sample.key()) != null) {
                laid = new Laid(LengthsMember.withLengths(laid.parts(), lengths.of(sample.key())), laid.facts());
              }
            } catch (MediaException e) {
              failed.add(FailedRecord.of(sample, STAGE, e.reason(), e.getMessage(),
                  LlavaRecords.toJson(sample)));
              continue;
            }
            offsets.add(writer.position());
            long tarBytes = 0;
            for (TarPart part : laid.parts()) {
              String name = sample.key() + "." + part.extension();
              try (TarWriter.MemberStream member = writer.openMember(name, part.size())) {
                if (energonIndex && EnergonMediaMetadata.considered(name)) {
                  try (EnergonMediaMetadata.Capture head = EnergonMediaMetadata.capture(member, name, part.size())) {
                    part.content().writeTo(head);
                    rows.member(member.member(), head.metadata());
                  }
                } else {
                  part.content().writeTo(member);
                  if (energonIndex) {
                    rows.member(member.member(), null);
                  }
                }
              }
              payload[0] += part.size();
              tarBytes += part.size();
            }
            shardRows.add(SampleRow.of(sample, path, split, tarBytes, laid.facts()));
          }
          long end = writer.finish();
          tarSize[0] = writer.position();
          offsets.add(end);
          rows.finish(end);
        });
    long count = offsets.size() - 1;
    ResourceId statsFile = AtomicFiles.resolve(dir, ShardStats.pathFor(path));
    if (count == 0) {
      AtomicFiles.delete(List.of(tar, rowsFile, statsFile, index));
    } else {
      if (energonIndex) {
        List<EnergonIndexRows.Sample> samplesRows = rows.finish(offsets.get(offsets.size() - 1));
        AtomicFiles.write(rowsFile, o -> EnergonIndexRows.write(o, samplesRows));
      } else {
        AtomicFiles.delete(List.of(rowsFile)); // an earlier run's, which no index will read
      }
      byte[] stats = ShardStats.json(path, split, tarSize[0], shardRows, failed.subList(failedBefore, failed.size()));
      AtomicFiles.write(statsFile, o -> o.write(stats));
      long[] idx = offsets.stream().mapToLong(Long::longValue).toArray();
      AtomicFiles.write(index, o -> TarIndex.write(o, idx));
    }
    tableRows.addAll(shardRows);
    return new ShardInfo(number, path, split, count, payload[0]);
  }
}
