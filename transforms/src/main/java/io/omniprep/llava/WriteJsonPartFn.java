package io.omniprep.llava;

import io.omniprep.errors.FailedRecord;
import io.omniprep.filter.SampleFilter;
import io.omniprep.media.MediaException;
import io.omniprep.metrics.Counters;
import io.omniprep.sample.Sample;
import io.omniprep.validate.SampleValidator;
import io.omniprep.validate.ChunkStageFn;
import io.omniprep.validate.ValidatedChunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * One input chunk, in the worker that received its descriptor: parsed, validated, left out where
 * the size rules refuse it ({@code _dropped/}), its media paths made to resolve from the output
 * ({@link RelocateMedia}), and written as one part of the JSON array (records separated by {@code
 * ,\n}), named by the chunk's number so that the parts concatenate in record order; its failures go
 * to its own errors part. Emits the part.
 */
final class WriteJsonPartFn extends ChunkStageFn<JsonChunk, String> {
  private final RecordStyle style;
  private final String partsDirectory;
  private final RelocateMedia relocate;
  private final SampleFilter filter;

  WriteJsonPartFn(SampleValidator validator, RelocateMedia relocate, long maxRecordBytes, RecordStyle style, String outputDirectory,
      String partsDirectory, TupleTag<FailedRecord> failures, TupleTag<KV<Integer, List<String>>> ids, SampleFilter filter) {
    super(validator, maxRecordBytes, outputDirectory, failures, ids);
    this.filter = filter;
    this.relocate = relocate;
    this.style = style;
    this.partsDirectory = partsDirectory;
  }

  @ProcessElement
  public void process(@Element JsonChunk chunk, MultiOutputReceiver out) throws IOException {
    ValidatedChunk checked = validate(chunk, s -> Optional.empty(), out);
    List<FailedRecord> failed = checked.failed();
    // The records move to the output folder: their media paths must still name the same files.
    List<Sample> kept = filter(chunk, checked.valid(), filter);
    List<Sample> valid = new ArrayList<>(kept.size());
    for (Sample sample : kept) {
      try {
        valid.add(relocate.relocate(sample));
      } catch (MediaException e) {
        failed.add(SampleValidator.failure(sample, e));
      }
    }
    ResourceId part = JsonArrayPart.write(partsDirectory, chunk.ordinal(), valid, style);
    Counters.written().inc(valid.size());
    finish(chunk, failed, out);
    out.get(WriteLlavaJson.PARTS).output(part.toString());
  }
}
