package io.omniprep.llava.write;

import io.omniprep.chunk.InputChunk;
import io.omniprep.errors.FailedRecord;
import io.omniprep.filter.SampleFilter;
import io.omniprep.llava.RecordSet;
import io.omniprep.llava.RecordStyle;
import io.omniprep.media.MediaException;
import io.omniprep.metrics.Counters;
import io.omniprep.report.ProfileSamples;
import io.omniprep.report.SampleProfile;
import io.omniprep.sample.Sample;
import io.omniprep.shuffle.Shuffle;
import io.omniprep.validate.ChunkStageFn;
import io.omniprep.validate.SampleValidator;
import io.omniprep.validate.ValidatedChunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One input chunk, in the worker that received its descriptor: parsed, validated, left out where
 * the size rules refuse it ({@code _dropped/}), its media paths made to resolve from the output
 * ({@link RelocateMedia}), and written as one part of the JSON array (records separated by {@code
 * ,\n}), named by the chunk's number so that the parts concatenate in record order; its failures go
 * to its own errors part; with a report, each written record is profiled here. Emits the part. With {@code --shuffle} the unit is a bucket's {@link
 * RecordSet}, its records put in the shuffle's order ({@link Shuffle#sorted}).
 */
final class WriteJsonPartFn<C extends InputChunk> extends ChunkStageFn<C, String> {
  private final RecordStyle style;
  private final String partsDirectory;
  private final @Nullable RelocateMedia relocate;
  private final SampleFilter filter;
  private final @Nullable Shuffle shuffle;
  private final @Nullable TupleTag<SampleProfile> profiles;
  private transient ProfileSamples.@Nullable Profiler profiler;

  WriteJsonPartFn(SampleValidator validator, @Nullable RelocateMedia relocate, long maxRecordBytes, RecordStyle style, String outputDirectory,
      String partsDirectory, TupleTag<FailedRecord> failures, TupleTag<KV<Integer, List<String>>> ids, SampleFilter filter,
      @Nullable Shuffle shuffle, @Nullable TupleTag<SampleProfile> profiles) {
    super(validator, maxRecordBytes, outputDirectory, failures, ids);
    this.profiles = profiles;
    this.shuffle = shuffle;
    this.filter = filter;
    this.relocate = relocate;
    this.style = style;
    this.partsDirectory = partsDirectory;
  }

  @ProcessElement
  public void process(@Element C chunk, MultiOutputReceiver out) throws IOException {
    ValidatedChunk checked = validate(chunk, s -> Optional.empty(), out);
    List<FailedRecord> failed = checked.failed();
    List<Sample> inOrder = shuffle == null ? checked.valid() : shuffle.sorted(checked.valid(), Sample::key);
    List<Sample> valid = relocated(filter(chunk, inOrder, filter), failed);
    ResourceId part = JsonArrayPart.write(partsDirectory, chunk.ordinal(), valid, style);
    Counters.written().inc(valid.size());
    finish(chunk, failed, out);
    out.get(WriteLlavaJson.PARTS).output(part.toString());
    if (profiles != null) {
      if (profiler == null) {
        profiler = new ProfileSamples.Profiler();
      }
      for (Sample sample : valid) {
        out.get(profiles).output(profiler.profile(sample));
      }
    }
  }

  /** The records move to the output folder: their media paths must still name the same files (unless told to keep them). */
  private List<Sample> relocated(List<Sample> kept, List<FailedRecord> failed) {
    if (relocate == null) {
      return kept;
    }
    List<Sample> valid = new ArrayList<>(kept.size());
    for (Sample sample : kept) {
      try {
        valid.add(relocate.relocate(sample));
      } catch (MediaException e) {
        failed.add(SampleValidator.failure(sample, e));
      }
    }
    return valid;
  }
}
