package io.omniprep.read;

import static io.omniprep.util.Args.check;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.FailedRecordCoder;
import io.omniprep.sample.Sample;
import io.omniprep.sample.SampleCoder;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads LLaVA, Ola and ShareGPT records (JSON arrays, one-element-list-wrapped records,
 * concatenated objects, JSON Lines) from files matched through Beam {@code FileSystems}, into
 * {@link Sample}s, with a failure output for records that cannot be parsed.
 *
 * <pre>{@code
 * WithFailures.Result<PCollection<Sample>, FailedRecord> parsed =
 *     p.apply(ParseLlava.read().from("gs://bucket/llava/*.json"));
 * }</pre>
 *
 * <p>A file is first scanned for record boundaries (bounded memory, no parsing), and the records
 * are then parsed in chunks spread over all workers, so a multi-gigabyte JSON array is neither
 * loaded whole nor parsed by one worker.
 */
public final class ParseLlava {
  static final TupleTag<Sample> SAMPLES = new TupleTag<Sample>() {};

  private ParseLlava() {}

  /** A reader with no inputs yet, format {@code auto}, chunks of 4096 records or 16 MiB. */
  public static Read read() {
    return new Read(List.of(), InputFormat.AUTO, 4096, 16L << 20);
  }

  /** The reader transform; immutable, configured with {@code withX} methods. */
  public static final class Read extends PTransform<PBegin, WithFailures.Result<PCollection<Sample>, FailedRecord>> {
    private final List<String> patterns;
    private final InputFormat format;
    private final int maxRecordsPerChunk;
    private final long maxBytesPerChunk;

    private Read(List<String> patterns, InputFormat format, int maxRecordsPerChunk, long maxBytesPerChunk) {
      this.patterns = List.copyOf(patterns);
      this.format = format;
      this.maxRecordsPerChunk = maxRecordsPerChunk;
      this.maxBytesPerChunk = maxBytesPerChunk;
    }

    /** Files or globs, local or {@code gs://} / {@code s3://}; each file is named as its source. */
    public Read from(String... patterns) {
      return from(Arrays.asList(patterns));
    }

    public Read from(List<String> patterns) {
      check(patterns != null && !patterns.isEmpty(), "patterns can not be empty");
      return new Read(patterns, format, maxRecordsPerChunk, maxBytesPerChunk);
    }

    public Read withFormat(InputFormat format) {
      check(format != null, "format can not be null");
      return new Read(patterns, format, maxRecordsPerChunk, maxBytesPerChunk);
    }

    /** How many records one worker parses at a time (smaller spreads small files wider). */
    public Read withMaxRecordsPerChunk(int maxRecordsPerChunk) {
      check(maxRecordsPerChunk > 0, "maxRecordsPerChunk must be positive, was %s", maxRecordsPerChunk);
      return new Read(patterns, format, maxRecordsPerChunk, maxBytesPerChunk);
    }

    @Override
    public WithFailures.Result<PCollection<Sample>, FailedRecord> expand(PBegin input) {
      check(!patterns.isEmpty(), "ParseLlava.read() needs from(...)");
      TupleTag<FailedRecord> failures = new TupleTag<FailedRecord>() {};
      PCollectionTuple parsed =
          input
              .apply("Input patterns", Create.of(patterns).withCoder(StringUtf8Coder.of()))
              .apply("Match files", FileIO.matchAll())
              .apply("Find record boundaries", ParDo.of(new PlanJsonChunks(format, maxRecordsPerChunk, maxBytesPerChunk)))
              .setCoder(JsonChunk.Coder.of())
              .apply("Spread chunks over workers", Reshuffle.viaRandomKey())
              .apply("Parse records", ParDo.of(new ReadJsonChunks(failures)).withOutputTags(SAMPLES, TupleTagList.of(failures)));
      return WithFailures.Result.of(
          parsed.get(SAMPLES).setCoder(SampleCoder.of()), parsed.get(failures).setCoder(FailedRecordCoder.of()));
    }
  }
}
