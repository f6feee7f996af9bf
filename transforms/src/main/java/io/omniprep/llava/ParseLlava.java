package io.omniprep.llava;

import static io.omniprep.util.Args.check;

import com.google.auto.value.AutoValue;
import io.omniprep.errors.FailedRecord;
import io.omniprep.sample.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Reads LLaVA, Ola and ShareGPT records (JSON arrays, one-element-list-wrapped records,
 * concatenated objects, JSON Lines) from files matched through Beam {@code FileSystems}.
 *
 * <pre>{@code
 * // records as samples, with a failure output for records that cannot be parsed
 * p.apply(ParseLlava.read().from("gs://bucket/llava/*.json"));
 * // or only the numbered chunks, for a stage that parses and writes each chunk where it lands
 * p.apply(ParseLlava.chunks().from("gs://bucket/llava/*.json").withMaxRecordsPerChunk(10_000));
 * }</pre>
 *
 * <p>A file is first scanned for record boundaries (bounded memory, no parsing); the chunks of
 * records found (offsets only, a few kilobytes each) are then spread over all workers, so a
 * multi-gigabyte JSON array is neither loaded whole nor parsed by one worker.
 */
public final class ParseLlava {
  static final TupleTag<Sample> SAMPLES = new TupleTag<Sample>() {};
  /** Default limit of one record's text: larger records are refused unread. */
  public static final long DEFAULT_MAX_RECORD_BYTES = 64L << 20;

  private ParseLlava() {}

  /** A reader with no inputs yet, format {@code auto}, chunks of 4096 records or 16 MiB. */
  public static Read read() {
    return new Read(Chunks.DEFAULT);
  }

  /** The numbered chunks of the inputs, spread over workers; each parses with {@link ChunkRecords}. */
  public static Chunks chunks() {
    return Chunks.DEFAULT;
  }

  /** Samples and failures: {@link #chunks()} parsed on whichever worker each chunk lands. */
  public static final class Read extends PTransform<PBegin, WithFailures.Result<PCollection<Sample>, FailedRecord>> {
    private final Chunks chunks;

    private Read(Chunks chunks) {
      this.chunks = chunks;
    }

    public Read from(String... patterns) {
      return new Read(chunks.from(patterns));
    }

    public Read from(List<String> patterns) {
      return new Read(chunks.from(patterns));
    }

    public Read withFormat(InputFormat format) {
      return new Read(chunks.withFormat(format));
    }

    public Read withMaxRecordsPerChunk(int maxRecordsPerChunk) {
      return new Read(chunks.withMaxRecordsPerChunk(maxRecordsPerChunk));
    }

    public Read withMaxRecordBytes(long maxRecordBytes) {
      return new Read(chunks.withMaxRecordBytes(maxRecordBytes));
    }

    @Override
    public WithFailures.Result<PCollection<Sample>, FailedRecord> expand(PBegin input) {
      TupleTag<FailedRecord> failures = new TupleTag<FailedRecord>() {};
      PCollectionTuple parsed =
          input
              .apply("Plan chunks", chunks)
              .apply("Parse records", ParDo.of(new ReadJsonChunks(chunks.maxRecordBytes(), failures))
                  .withOutputTags(SAMPLES, TupleTagList.of(failures)));
      return WithFailures.Result.of(parsed.get(SAMPLES), parsed.get(failures));
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      chunks.populateDisplayData(builder);
    }
  }

  /**
   * The inputs' record chunks: files matched, scanned, and each chunk numbered by its place among
   * all chunks (files in name order), which is a function of the input bytes alone. Only these
   * descriptors cross the exchange that spreads them; records are read where a chunk lands.
   */
  @AutoValue
  public abstract static class Chunks extends PTransform<PBegin, PCollection<JsonChunk>> {
    static final Chunks DEFAULT =
        new AutoValue_ParseLlava_Chunks.Builder()
            .setPatterns(List.of())
            .setFormat(InputFormat.AUTO)
            .setMaxRecordsPerChunk(4096)
            .setMaxBytesPerChunk(16L << 20)
            .setMaxRecordBytes(DEFAULT_MAX_RECORD_BYTES)
            .build();

    abstract List<String> patterns();

    abstract InputFormat format();

    abstract int maxRecordsPerChunk();

    abstract long maxBytesPerChunk();

    /** The limit a chunk's reader applies to one record. */
    public abstract long maxRecordBytes();

    abstract Builder toBuilder();

    @AutoValue.Builder
    abstract static class Builder {
      abstract Builder setPatterns(List<String> value);

      abstract Builder setFormat(InputFormat value);

      abstract Builder setMaxRecordsPerChunk(int value);

      abstract Builder setMaxBytesPerChunk(long value);

      abstract Builder setMaxRecordBytes(long value);

      abstract Chunks build();
    }

    /** Files or globs, local or {@code gs://} / {@code s3://}; each file is named as its source. */
    public Chunks from(String... patterns) {
      return from(Arrays.asList(patterns));
    }

    public Chunks from(List<String> patterns) {
      check(patterns != null && !patterns.isEmpty(), "patterns can not be empty");
      return toBuilder().setPatterns(List.copyOf(patterns)).build();
    }

    public Chunks withFormat(InputFormat format) {
      check(format != null, "format can not be null");
      return toBuilder().setFormat(format).build();
    }

    /** How many records one worker takes at a time (smaller spreads small files wider). */
    public Chunks withMaxRecordsPerChunk(int maxRecordsPerChunk) {
      check(maxRecordsPerChunk > 0, "maxRecordsPerChunk must be positive, was %s", maxRecordsPerChunk);
      return toBuilder().setMaxRecordsPerChunk(maxRecordsPerChunk).build();
    }

    /** Records whose text is longer are refused unread as {@code record_too_large}. */
    public Chunks withMaxRecordBytes(long maxRecordBytes) {
      check(maxRecordBytes > 0, "maxRecordBytes must be positive, was %s", maxRecordBytes);
      return toBuilder().setMaxBytesPerChunk(Math.min(maxBytesPerChunk(), maxRecordBytes)).setMaxRecordBytes(maxRecordBytes).build();
    }

    @Override
    public PCollection<JsonChunk> expand(PBegin input) {
      check(!patterns().isEmpty(), "ParseLlava needs from(...)");
      PCollection<JsonChunk> planned =
          input
              .apply("Input patterns", Create.of(patterns()).withCoder(StringUtf8Coder.of()))
              // No exchange after matching: the boundary scan reads offsets only, and the chunks it
              // finds are spread over the workers below anyway.
              .apply("Match files", FileIO.matchAll().withOutputParallelization(false))
              .apply("Find record boundaries", ParDo.of(new PlanJsonChunks(format(), maxRecordsPerChunk(), maxBytesPerChunk())));
      PCollectionView<Map<String, Long>> chunksPerFile =
          planned
              .apply("Chunk per file", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
                  .via((JsonChunk c) -> KV.of(c.source(), 1L)))
              .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
              .apply("Count chunks per file", Sum.longsPerKey())
              .apply("As a map", View.asMap());
      return planned
          .apply("Number chunks", ParDo.of(new NumberChunksFn(chunksPerFile)).withSideInputs(chunksPerFile))
          .apply("Spread chunks over workers", Reshuffle.viaRandomKey());
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      builder
          .add(DisplayData.item("inputs", String.join(",", patterns())).withLabel("Input patterns"))
          .add(DisplayData.item("format", format().name()).withLabel("Record layout"))
          .add(DisplayData.item("maxRecordsPerChunk", maxRecordsPerChunk()).withLabel("Records per chunk"))
          .add(DisplayData.item("maxBytesPerChunk", maxBytesPerChunk()).withLabel("Bytes per chunk"))
          .add(DisplayData.item("maxRecordBytes", maxRecordBytes()).withLabel("Largest record accepted"));
    }
  }

  /**
   * Gives each chunk its ordinal (the chunks of the files whose names sort before, plus its index)
   * and its key name: its file's path under the folder all input files share ({@link #keyNames}).
   */
  private static final class NumberChunksFn extends DoFn<JsonChunk, JsonChunk> {
    private final PCollectionView<Map<String, Long>> chunksPerFile;
    private transient Map<String, Long> firstOrdinal;
    private transient Map<String, String> keyNames;

    NumberChunksFn(PCollectionView<Map<String, Long>> chunksPerFile) {
      this.chunksPerFile = chunksPerFile;
    }

    @ProcessElement
    public void process(@Element JsonChunk chunk, ProcessContext c) {
      if (firstOrdinal == null) {
        Map<String, Long> counts = c.sideInput(chunksPerFile);
        List<String> files = new ArrayList<>(counts.keySet());
        files.sort(null);
        Map<String, Long> first = new HashMap<>();
        long next = 0;
        for (String file : files) {
          first.put(file, next);
          next += counts.get(file);
        }
        firstOrdinal = first;
        keyNames = keyNames(files);
      }
      c.output(chunk.withOrdinal(firstOrdinal.get(chunk.source()) + chunk.index()).withKeyName(keyNames.get(chunk.source())));
    }
  }

  /**
   * Each file's path relative to the deepest folder every file shares ({@code /a/b/x.json} and
   * {@code /a/c/x.json} → {@code b/x.json}, {@code c/x.json}; one file → its name): what sample keys
   * are derived from, so that keys (and the shards that hold them) do not change when the inputs
   * move together, and stay distinct for files that share a name.
   */
  static Map<String, String> keyNames(List<String> files) {
    String common = null;
    for (String file : files) {
      String folder = file.substring(0, file.lastIndexOf('/') + 1);
      if (common == null) {
        common = folder;
      } else {
        int n = 0;
        while (n < common.length() && n < folder.length() && common.charAt(n) == folder.charAt(n)) {
          n++;
        }
        common = common.substring(0, common.lastIndexOf('/', n - 1) + 1);
      }
    }
    Map<String, String> out = new HashMap<>();
    for (String file : files) {
      out.put(file, file.substring(common.length()));
    }
    return out;
  }
}
