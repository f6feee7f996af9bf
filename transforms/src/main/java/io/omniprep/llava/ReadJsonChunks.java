package io.omniprep.llava;

import io.omniprep.chunk.InputChunk;
import io.omniprep.errors.FailedRecord;
import io.omniprep.metrics.Counters;
import io.omniprep.sample.Sample;
import java.io.IOException;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/** Parses each chunk's records into {@link Sample}s, or {@link FailedRecord}s quoting them. */
final class ReadJsonChunks extends DoFn<JsonChunk, Sample> {
  private final long maxRecordBytes;
  private final TupleTag<FailedRecord> failures;

  ReadJsonChunks(long maxRecordBytes, TupleTag<FailedRecord> failures) {
    this.maxRecordBytes = maxRecordBytes;
    this.failures = failures;
  }

  @ProcessElement
  public void process(@Element JsonChunk chunk, MultiOutputReceiver out) throws IOException {
    Counters.read().inc(chunk.size());
    ChunkRecords.parse(
        chunk,
        maxRecordBytes,
        new InputChunk.Sink() {
          @Override
          public void sample(Sample sample) {
            out.get(ParseLlava.SAMPLES).output(sample);
          }

          @Override
          public void failure(FailedRecord failure) {
            out.get(failures).output(failure);
          }
        });
  }
}
