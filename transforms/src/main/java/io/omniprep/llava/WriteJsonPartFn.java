package io.omniprep.llava;

import io.omniprep.errors.ErrorParts;
import io.omniprep.errors.FailedRecord;
import io.omniprep.io.AtomicFiles;
import io.omniprep.media.MediaException;
import io.omniprep.metrics.Counters;
import io.omniprep.read.JsonChunk;
import io.omniprep.sample.Sample;
import io.omniprep.validate.SampleValidator;
import io.omniprep.validate.CountDuplicateIds;
import io.omniprep.validate.ValidatedChunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * One input chunk, in the worker that received its descriptor: parsed, validated, its media paths
 * made to resolve from the output ({@link RelocateMedia}), and written as one part of the JSON array (records separated by {@code ,\n}), named by the chunk's number so that
 * the parts concatenate in record order; its failures go to its own errors part. Emits the part.
 */
final class WriteJsonPartFn extends DoFn<JsonChunk, String> {
  private final SampleValidator validator;
  private final long maxRecordBytes;
  private final RecordStyle style;
  private final String outputDirectory;
  private final String partsDirectory;
  private final TupleTag<FailedRecord> failures;
  private final TupleTag<KV<Integer, List<String>>> ids;
  private final RelocateMedia relocate;

  WriteJsonPartFn(SampleValidator validator, RelocateMedia relocate, long maxRecordBytes, RecordStyle style, String outputDirectory,
      String partsDirectory, TupleTag<FailedRecord> failures, TupleTag<KV<Integer, List<String>>> ids) {
    this.validator = validator;
    this.relocate = relocate;
    this.maxRecordBytes = maxRecordBytes;
    this.style = style;
    this.outputDirectory = outputDirectory;
    this.partsDirectory = partsDirectory;
    this.failures = failures;
    this.ids = ids;
  }

  @ProcessElement
  public void process(@Element JsonChunk chunk, MultiOutputReceiver out) throws IOException {
    Counters.read().inc(chunk.size());
    CountDuplicateIds.IdBatcher idBatches = new CountDuplicateIds.IdBatcher();
    ValidatedChunk checked = ValidatedChunk.of(chunk, maxRecordBytes, validator, s -> Optional.empty(), idBatches);
    idBatches.emit(batch -> out.get(ids).output(batch));
    List<FailedRecord> failed = checked.failed();
    // The records move to the output folder: their media paths must still name the same files.
    List<Sample> valid = new ArrayList<>(checked.valid().size());
    for (Sample sample : checked.valid()) {
      try {
        valid.add(relocate.relocate(sample));
      } catch (MediaException e) {
        failed.add(SampleValidator.failure(sample, e));
      }
    }
    ResourceId part = JsonArrayPart.write(partsDirectory, chunk.ordinal(), valid, style);
    Counters.written().inc(valid.size());
    ErrorParts.write(AtomicFiles.directory(outputDirectory), chunk.ordinal(), failed);
    for (FailedRecord f : failed) {
      out.get(failures).output(f);
    }
    out.get(WriteLlavaJson.PARTS).output(part.toString());
  }
}
