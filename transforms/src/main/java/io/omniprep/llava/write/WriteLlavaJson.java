package io.omniprep.llava.write;

import static io.omniprep.util.Args.check;

import com.google.auto.value.AutoValue;
import io.omniprep.chunk.InputChunk;
import io.omniprep.chunk.UnitOrdinals;
import io.omniprep.drop.DroppedParts;
import io.omniprep.errors.ErrorParts;
import io.omniprep.errors.FailedRecord;
import io.omniprep.filter.SampleFilter;
import io.omniprep.io.ConcatenateParts;
import io.omniprep.io.DeleteOtherPartsFn;
import io.omniprep.io.Folders;
import io.omniprep.io.TextShardFormat;
import io.omniprep.io.WriteTextShards;
import io.omniprep.llava.DealRecords;
import io.omniprep.llava.JsonChunk;
import io.omniprep.llava.LlavaRecords;
import io.omniprep.llava.RecordSet;
import io.omniprep.llava.RecordStyle;
import io.omniprep.metrics.Counters;
import io.omniprep.report.SampleProfile;
import io.omniprep.sample.Sample;
import io.omniprep.shard.PlanShards;
import io.omniprep.shard.SampleOrder;
import io.omniprep.shuffle.Shuffle;
import io.omniprep.validate.CountDuplicateIds;
import io.omniprep.validate.SampleValidator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Writes samples as JSON arrays of LLaVA (or ShareGPT) records, in record order, one record per
 * line. By default everything goes to one file, {@code DIR/NAME.json}: parts are written in
 * parallel and then concatenated in order, streaming. With {@code withMaxRecordsPerFile(n)} the
 * output is {@code DIR/NAME-000000.json}, ... instead, each a valid array. Outputs the file specs.
 */
@AutoValue
public abstract class WriteLlavaJson extends PTransform<PCollection<Sample>, PCollection<String>> {
  private static final int PART_RECORDS = 20_000;

  abstract String directory();

  /** The file name without {@code .json}. */
  abstract String fileName();

  abstract RecordStyle style();

  abstract int maxRecordsPerFile();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setDirectory(String value);

    abstract Builder setFileName(String value);

    abstract Builder setStyle(RecordStyle value);

    abstract Builder setMaxRecordsPerFile(int value);

    abstract WriteLlavaJson build();
  }

  /** {@code directory/llava.json}, LLaVA style, one file. */
  public static WriteLlavaJson to(String directory) {
    check(directory != null && !directory.isEmpty(), "directory can not be empty");
    return new AutoValue_WriteLlavaJson.Builder()
        .setDirectory(Folders.withoutTrailingSlash(directory))
        .setFileName("llava")
        .setStyle(RecordStyle.LLAVA)
        .setMaxRecordsPerFile(0)
        .build();
  }

  public WriteLlavaJson withStyle(RecordStyle style) {
    check(style != null, "style can not be null");
    return toBuilder().setStyle(style).build();
  }

  /** The file name without {@code .json}. */
  public WriteLlavaJson withName(String name) {
    check(name != null && !name.isEmpty() && !name.contains("/"), "name must be a plain file name, was %s", name);
    return toBuilder().setFileName(name).build();
  }

  /** 0 (the default) for one file; otherwise numbered files of at most this many records. */
  public WriteLlavaJson withMaxRecordsPerFile(int maxRecordsPerFile) {
    check(maxRecordsPerFile >= 0, "maxRecordsPerFile can not be negative, was %s", maxRecordsPerFile);
    return toBuilder().setMaxRecordsPerFile(maxRecordsPerFile).build();
  }

  static final TupleTag<String> PARTS = new TupleTag<String>() {};
  /** The failures of {@link #fromChunks}, for a report. */
  public static final TupleTag<FailedRecord> FAILURES = new TupleTag<FailedRecord>() {};
  /** The profiles of the written records, with {@link FromChunks#withProfiles}. */
  public static final TupleTag<SampleProfile> PROFILES = new TupleTag<SampleProfile>() {};
  /** The written file of {@link #fromChunks}. */
  public static final TupleTag<String> FILES = new TupleTag<String>() {};

  /**
   * The chunk-local plan (one file only): each input chunk is parsed, validated and written as one
   * part of the array by the worker that receives it; no record crosses a shuffle. The parts are
   * then concatenated in chunk order (streaming, bounded memory) and the failures written per chunk
   * to {@code DIR/_errors/}.
   */
  public FromChunks<JsonChunk> fromChunks(SampleValidator validator, RelocateMedia relocate, long maxRecordBytes) {
    check(relocate != null, "relocate can not be null");
    return fromInputChunks(validator, relocate, maxRecordBytes);
  }

  /**
   * {@link #fromChunks} for another kind of chunk, e.g. a mixture's table files, whose records are
   * written with their media paths as made when {@code relocate} is null.
   */
  public <C extends InputChunk> FromChunks<C> fromInputChunks(SampleValidator validator, @Nullable RelocateMedia relocate, long maxRecordBytes) {
    check(validator != null, "validator can not be null");
    check(maxRecordsPerFile() == 0, "fromChunks writes one file: use the sample path for withMaxRecordsPerFile");
    return new AutoValue_WriteLlavaJson_FromChunks.Builder<C>()
        .setWrite(this)
        .setValidator(validator)
        .setRelocate(relocate)
        .setMaxRecordBytes(maxRecordBytes)
        .setFilter(SampleFilter.none())
        .setShuffle(Shuffle.NONE)
        .setProfiles(false)
        .build();
  }

  /** The records a shuffle bucket of {@link FromChunks#withShuffle} aims at (as the default chunk). */
  static final int SHUFFLE_BUCKET = 10_000;

  /** {@link #fromChunks}: chunk descriptors in, {@link #FILES} and {@link #FAILURES} out. */
  @AutoValue
  public abstract static class FromChunks<C extends InputChunk> extends PTransform<PCollection<C>, PCollectionTuple> {
    abstract WriteLlavaJson write();

    abstract SampleValidator validator();

    abstract @Nullable RelocateMedia relocate();

    abstract long maxRecordBytes();

    abstract SampleFilter filter();

    abstract @Nullable Shuffle shuffle();

    abstract boolean profiles();

    abstract Builder<C> toBuilder();

    @AutoValue.Builder
    abstract static class Builder<C extends InputChunk> {
      abstract Builder<C> setWrite(WriteLlavaJson value);

      abstract Builder<C> setValidator(SampleValidator value);

      abstract Builder<C> setRelocate(@Nullable RelocateMedia value);

      abstract Builder<C> setMaxRecordBytes(long value);

      abstract Builder<C> setFilter(SampleFilter value);

      abstract Builder<C> setShuffle(@Nullable Shuffle value);

      abstract Builder<C> setProfiles(boolean value);

      abstract FromChunks<C> build();
    }

    /**
     * Leave out samples whose images or videos break {@code filter}'s size rules (judged from the
     * media the validator resolved), listed in {@code DIR/_dropped/}.
     */
    public FromChunks<C> withFilter(SampleFilter filter) {
      check(filter != null, "filter can not be null");
      return toBuilder().setFilter(filter).build();
    }

    /**
     * Write the records in {@code shuffle}'s order: dealt to buckets of about {@value
     * #SHUFFLE_BUCKET} records ({@link DealRecords}: one exchange of record descriptors), the file
     * holding bucket after bucket, each in rank order; null: record order.
     */
    public FromChunks<C> withShuffle(@Nullable Shuffle shuffle) {
      return toBuilder().setShuffle(shuffle).build();
    }

    /** Also measure each written record for the dataset report (output {@link #PROFILES}), in the worker that wrote it. */
    public FromChunks<C> withProfiles(boolean profiles) {
      return toBuilder().setProfiles(profiles).build();
    }

    @Override
    @SuppressWarnings("unchecked") // the shuffle reads JSON chunks, the only kind it is offered
    public PCollectionTuple expand(PCollection<C> chunks) {
      TupleTag<KV<Integer, List<String>>> ids = new TupleTag<KV<Integer, List<String>>>() {};
      WriteLlavaJson write = write();
      // Each chunk is written as it was planned; with a shuffle, the records of each seeded bucket.
      PCollection<InputChunk> units =
          shuffle() == null
              ? (PCollection<InputChunk>) (PCollection<?>) chunks
              : (PCollection<InputChunk>) (PCollection<?>) ((PCollection<JsonChunk>) (PCollection<?>) chunks)
                  .apply("Shuffle", DealRecords.of(shuffle(), SHUFFLE_BUCKET, maxRecordBytes()))
                  .setCoder(RecordSet.Coder.of());
      TupleTagList others = TupleTagList.of(FAILURES).and(ids);
      if (profiles()) {
        others = others.and(PROFILES);
      }
      PCollectionTuple out =
          units.apply(
              "Parse, validate and write each chunk",
              ParDo.of(new WriteJsonPartFn<InputChunk>(validator(), relocate(), maxRecordBytes(), write.style(), write.directory(),
                      write.partsDirectory(), FAILURES, ids, filter(), shuffle(), profiles() ? PROFILES : null))
                  .withOutputTags(PARTS, others));
      out.get(ids).setCoder(CountDuplicateIds.BATCH_CODER).apply("Count duplicate ids", CountDuplicateIds.ofIdBatches());
      PCollection<String> file =
          out.get(PARTS)
              .setCoder(StringUtf8Coder.of())
              .apply("Concatenate parts", ConcatenateParts.intoArray(write.target(), write.partsDirectory()));
      PCollectionView<List<Long>> ordinals = units.apply("Unit ordinals", UnitOrdinals.of());
      file = file.apply("Remove what earlier runs left",
          ParDo.of(new DeleteOtherPartsFn<String>(write.directory(), List.of(ErrorParts.PARTS, DroppedParts.PARTS), ordinals))
              .withSideInputs(ordinals));
      PCollectionTuple result = PCollectionTuple.of(FILES, file).and(FAILURES, out.get(FAILURES));
      return profiles() ? result.and(PROFILES, out.get(PROFILES)) : result;
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      write().populateDisplayData(builder);
      builder.add(DisplayData.item("maxRecordBytes", maxRecordBytes()).withLabel("Largest record accepted"))
          .add(DisplayData.item("filter", filter().toString()).withLabel("Size rules"));
      if (shuffle() != null) {
        builder.add(DisplayData.item("shuffle", shuffle().seed()).withLabel("Shuffle seed"));
      }
    }
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("output", target()).withLabel("Output file"))
        .add(DisplayData.item("style", style().name()).withLabel("Record style"))
        .add(DisplayData.item("maxRecordsPerFile", maxRecordsPerFile()).withLabel("Records per file (0: one file)"));
  }

  @Override
  public PCollection<String> expand(PCollection<Sample> samples) {
    RecordStyle recordStyle = style();
    TextShardFormat.ItemWriter<Sample> writer = (s, out) -> LlavaRecords.write(s, recordStyle, out);
    var planned =
        samples.apply(
            "Order records",
            PlanShards.of(SampleOrder.inOneBucket()).withMaxItems(maxRecordsPerFile() > 0 ? maxRecordsPerFile() : PART_RECORDS));
    if (maxRecordsPerFile() > 0) {
      return planned.apply(
          "Write files",
          WriteTextShards.to(directory(), fileName() + "-%06d.json", TextShardFormat.jsonArray(writer))
              .countingItemsAs(Counters.WRITTEN));
    }
    return planned
        .apply(
            "Write parts",
            WriteTextShards.to(partsDirectory(), "part-%06d", new PartFormat(writer)).countingItemsAs(Counters.WRITTEN))
        .apply("Concatenate parts", ConcatenateParts.intoArray(target(), partsDirectory()));
  }

  /** {@code DIR/NAME.json}. */
  private String target() {
    return directory() + "/" + fileName() + ".json";
  }

  private String partsDirectory() {
    return Folders.temporary(directory(), fileName());
  }

  /** Records separated by {@code ,\n}, without brackets: parts of one array. */
  private static final class PartFormat implements TextShardFormat<Sample> {
    private final ItemWriter<Sample> writer;

    PartFormat(ItemWriter<Sample> writer) {
      this.writer = writer;
    }

    @Override
    public void writeItem(Sample item, OutputStream out) throws IOException {
      writer.write(item, out);
    }

    @Override
    public byte[] separator() {
      return ",\n".getBytes(StandardCharsets.UTF_8);
    }
  }
}
