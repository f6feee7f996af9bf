package io.omniprep.validate;

import io.omniprep.drop.ChunkDrops;
import io.omniprep.drop.DroppedParts;
import io.omniprep.errors.ErrorParts;
import io.omniprep.errors.FailedRecord;
import io.omniprep.io.AtomicFiles;
import io.omniprep.metrics.Counters;
import io.omniprep.llava.JsonChunk;
import io.omniprep.llava.RecordSet;
import io.omniprep.filter.SampleFilter;
import io.omniprep.sample.Sample;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * What every chunk-local stage (the WebDataset writer, {@code convert}'s JSON parts, {@code
 * pack-patches}) does around its own work on one input chunk, in the worker that received its
 * descriptor: {@link #validate} counts the chunk's records as read, parses and validates them
 * ({@link ValidatedChunk}) and hands the record ids on in batches (to count repeats); {@link
 * #filter} leaves out what the size rules refuse; {@link #finish} writes the chunk's errors part and hands its failures on (for the report).
 */
public abstract class ChunkStageFn<InputT, OutputT> extends DoFn<InputT, OutputT> {
  private final SampleValidator validator;
  private final long maxRecordBytes;
  private final String outputDirectory;
  private final TupleTag<FailedRecord> failures;
  private final TupleTag<KV<Integer, List<String>>> ids;

  protected ChunkStageFn(SampleValidator validator, long maxRecordBytes, String outputDirectory, TupleTag<FailedRecord> failures,
      TupleTag<KV<Integer, List<String>>> ids) {
    this.validator = validator;
    this.maxRecordBytes = maxRecordBytes;
    this.outputDirectory = outputDirectory;
    this.failures = failures;
    this.ids = ids;
  }

  /** The validator, for stages that resolve more media themselves (the pixel limit it holds). */
  protected SampleValidator validator() {
    return validator;
  }

  /** The chunk read, parsed and validated, {@code check} applied to the valid samples; its ids handed on. */
  protected ValidatedChunk validate(JsonChunk chunk, ValidatedChunk.Check check, MultiOutputReceiver out) throws IOException {
    return validate(RecordSet.of(chunk), check, out);
  }

  /** {@link #validate(JsonChunk, ValidatedChunk.Check, MultiOutputReceiver)} for each part of {@code set}. */
  protected ValidatedChunk validate(RecordSet set, ValidatedChunk.Check check, MultiOutputReceiver out) throws IOException {
    Counters.read().inc(set.size());
    CountDuplicateIds.IdBatcher idBatches = new CountDuplicateIds.IdBatcher();
    ValidatedChunk checked = ValidatedChunk.of(set.parts(), maxRecordBytes, validator, check, idBatches);
    idBatches.emit(batch -> out.get(ids).output(batch));
    return checked;
  }

  /**
   * The valid samples {@code filter}'s size rules keep, in record order; the others are dropped
   * with the rule as their reason, counted and listed in the chunk's part of {@code
   * OUTPUT/_dropped/} ({@link DroppedParts}; a part an earlier run left is cleared).
   */
  protected List<Sample> filter(long ordinal, List<Sample> valid, SampleFilter filter) throws IOException {
    ChunkDrops decided = ChunkDrops.apply(valid, filter, List.of());
    DroppedParts.write(AtomicFiles.directory(outputDirectory), ordinal, decided.dropped());
    return decided.kept();
  }

  /** Writes the chunk's errors part ({@code OUTPUT/_errors/}) and hands {@code failed} on. */
  protected void finish(JsonChunk chunk, List<FailedRecord> failed, MultiOutputReceiver out) throws IOException {
    finish(chunk.ordinal(), failed, out);
  }

  /** {@link #finish(JsonChunk, List, MultiOutputReceiver)} of the chunk or record set numbered {@code ordinal}. */
  protected void finish(long ordinal, List<FailedRecord> failed, MultiOutputReceiver out) throws IOException {
    ErrorParts.write(AtomicFiles.directory(outputDirectory), ordinal, failed);
    for (FailedRecord f : failed) {
      out.get(failures).output(f);
    }
  }
}
