package io.omniprep.validate;

import io.omniprep.chunk.InputChunk;
import io.omniprep.drop.DroppedParts;
import io.omniprep.errors.ErrorParts;
import io.omniprep.errors.FailedRecord;
import io.omniprep.io.AtomicFiles;
import io.omniprep.metrics.Counters;
import io.omniprep.filter.ChunkDrops;
import io.omniprep.filter.SampleFilter;
import io.omniprep.sample.Sample;
import io.omniprep.util.HashBatches;
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
public abstract class ChunkStageFn<InputT extends InputChunk, OutputT> extends DoFn<InputT, OutputT> {
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
  protected ValidatedChunk validate(InputChunk chunk, ValidatedChunk.Check check, MultiOutputReceiver out) throws IOException {
    Counters.read().inc(chunk.countedRecords());
    HashBatches<String> idBatches = new HashBatches<>(id -> id);
    ValidatedChunk checked = ValidatedChunk.of(chunk, maxRecordBytes, validator, check, idBatches::add);
    idBatches.emit(batch -> out.get(ids).output(batch));
    return checked;
  }

  /**
   * {@link #validate} for a chunk an earlier pass validated with the same check ({@code checked}, the
   * ids of its records in parse order): counted as read, its ids handed on the same way.
   */
  protected ValidatedChunk validated(InputChunk chunk, ValidatedChunk checked, List<String> ids, MultiOutputReceiver out) {
    Counters.read().inc(chunk.countedRecords());
    HashBatches<String> idBatches = new HashBatches<>(id -> id);
    ids.forEach(idBatches::add);
    idBatches.emit(batch -> out.get(this.ids).output(batch));
    return checked;
  }

  /**
   * The valid samples {@code filter}'s size rules keep, in record order; the others are dropped
   * with the rule as their reason, counted and listed in the chunk's part of {@code
   * OUTPUT/_dropped/} ({@link DroppedParts}; a part an earlier run left is cleared).
   */
  protected List<Sample> filter(InputChunk chunk, List<Sample> valid, SampleFilter filter) throws IOException {
    ChunkDrops decided = ChunkDrops.apply(valid, filter, List.of());
    DroppedParts.write(AtomicFiles.directory(outputDirectory), chunk.ordinal(), decided.dropped());
    return decided.kept();
  }

  /** Writes the chunk's errors part ({@code OUTPUT/_errors/}) and hands {@code failed} on. */
  protected void finish(InputChunk chunk, List<FailedRecord> failed, MultiOutputReceiver out) throws IOException {
    ErrorParts.write(AtomicFiles.directory(outputDirectory), chunk.ordinal(), failed);
    for (FailedRecord f : failed) {
      out.get(failures).output(f);
    }
  }
}
