package io.omniprep.wds;

import static io.omniprep.util.Args.check;

import com.google.auto.value.AutoValue;
import io.omniprep.dedup.Dedup;
import io.omniprep.dedup.DedupMode;
import io.omniprep.dedup.Drop;
import io.omniprep.dedup.FindDuplicates;
import io.omniprep.errors.FailedRecord;
import io.omniprep.filter.SampleFilter;
import io.omniprep.errors.Reason;
import io.omniprep.lengths.MeasureLengths;
import io.omniprep.lengths.WriteLengthsFn;
import io.omniprep.llava.LlavaRecords;
import io.omniprep.llava.JsonChunk;
import io.omniprep.llava.RecordSet;
import io.omniprep.llava.DealRecords;
import io.omniprep.shuffle.Shuffle;
import io.omniprep.report.SampleProfile;
import io.omniprep.validate.CountDuplicateIds;
import io.omniprep.chunk.InputChunk;
import io.omniprep.validate.SampleValidator;
import io.omniprep.chunk.UnitOrdinals;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.display.HasDisplayData;
import io.omniprep.sample.Sample;
import io.omniprep.util.CollectList;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The WebDataset writer's configuration, and its chunk-local transform ({@link #fromChunks}): input
 * chunks in, tar shards with Megatron-Energon metadata out, so the output loads in Energon and in
 * the {@code webdataset} library without {@code energon prepare}.
 *
 * <pre>{@code
 * p.apply(ParseLlava.chunks().from("gs://bucket/llava/*.json").withMaxRecordsPerChunk(5000))
 *     .apply(WriteWebDataset.to("gs://bucket/wds").withLayout(Layout.CHATML).withMaxSamplesPerShard(5000)
 *         .fromChunks(validator, 64L << 20));
 * }</pre>
 *
 * <p>Each chunk is parsed, validated and written by the worker that receives it, its shards cut
 * within it ({@link ChunkShards}: rolled by sample count and media bytes, numbered by chunk), so
 * every run and every runner writes the same bytes; each shard appears only when complete, its
 * {@code .tar.idx} last, and a rerun skips shards that are complete.
 */
@AutoValue
public abstract class WriteWebDataset implements Serializable, HasDisplayData {
  /** The written shards. */
  public static final TupleTag<ShardInfo> SHARDS = new TupleTag<ShardInfo>() {};
  public static final String LAYOUT_STAGE = "layout";

  abstract String outputDirectory();

  abstract Layout layout();

  abstract int maxSamplesPerShard();

  abstract long maxShardBytes();

  abstract String shardPattern();

  abstract Splits splits();

  abstract ImagePolicy images();

  abstract boolean overwrite();

  abstract EnergonReader reader();

  abstract boolean energonIndex();

  abstract Dedup dedup();

  abstract SampleFilter filter();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setOutputDirectory(String value);

    abstract Builder setLayout(Layout value);

    abstract Builder setMaxSamplesPerShard(int value);

    abstract Builder setMaxShardBytes(long value);

    abstract Builder setShardPattern(String value);

    abstract Builder setSplits(Splits value);

    abstract Builder setImages(ImagePolicy value);

    abstract Builder setOverwrite(boolean value);

    abstract Builder setReader(EnergonReader value);

    abstract Builder setEnergonIndex(boolean value);

    abstract Builder setDedup(Dedup value);

    abstract Builder setFilter(SampleFilter value);

    abstract WriteWebDataset build();
  }

  /**
   * Shards under {@code outputDirectory}: layout {@code vqa}, 10,000 samples or 1 GiB per shard,
   * {@code shard-%06d.tar}, split 9,1,0 by sample, non-JPEG images converted at quality 95, Energon
   * 7's index written.
   */
  public static WriteWebDataset to(String outputDirectory) {
    check(outputDirectory != null && !outputDirectory.isEmpty(), "outputDirectory can not be empty");
    return new AutoValue_WriteWebDataset.Builder()
        .setOutputDirectory(outputDirectory)
        .setLayout(Layout.VQA)
        .setMaxSamplesPerShard(10_000)
        .setMaxShardBytes(1L << 30)
        .setShardPattern("shard-%06d.tar")
        .setSplits(Splits.parse("9,1,0", Splits.Mode.SAMPLE))
        .setImages(ImagePolicy.parse("always", 95))
        .setOverwrite(false)
        .setReader(EnergonReader.LAYOUT)
        .setEnergonIndex(true)
        .setDedup(Dedup.NONE)
        .setFilter(SampleFilter.none())
        .build();
  }

  public WriteWebDataset withLayout(Layout layout) {
    check(layout != null, "layout can not be null");
    return toBuilder().setLayout(layout).build();
  }

  public WriteWebDataset withMaxSamplesPerShard(int maxSamplesPerShard) {
    check(maxSamplesPerShard > 0, "maxSamplesPerShard must be positive, was %s", maxSamplesPerShard);
    return toBuilder().setMaxSamplesPerShard(maxSamplesPerShard).build();
  }

  public WriteWebDataset withMaxShardBytes(long maxShardBytes) {
    check(maxShardBytes > 0, "maxShardBytes must be positive, was %s", maxShardBytes);
    return toBuilder().setMaxShardBytes(maxShardBytes).build();
  }

  /** A printf pattern of the shard number ending in {@code .tar}, e.g. {@code pretrain-%d.tar}. */
  public WriteWebDataset withShardPattern(String shardPattern) {
    checkPattern(shardPattern);
    return toBuilder().setShardPattern(shardPattern).build();
  }

  public WriteWebDataset withSplits(Splits splits) {
    check(splits != null, "splits can not be null");
    return toBuilder().setSplits(splits).build();
  }

  public WriteWebDataset withImagePolicy(ImagePolicy images) {
    check(images != null, "images can not be null");
    return toBuilder().setImages(images).build();
  }

  /** Rewrite shards that are already complete instead of skipping them. */
  public WriteWebDataset withOverwrite(boolean overwrite) {
    return toBuilder().setOverwrite(overwrite).build();
  }

  /** The reader {@code .nv-meta/dataset.yaml} names (the layout's own by default). */
  public WriteWebDataset withEnergonReader(EnergonReader reader) {
    check(reader != null, "reader can not be null");
    return toBuilder().setReader(reader).build();
  }

  /**
   * Whether to write Energon 7's random-access index ({@code .nv-meta/index.sqlite}, {@code
   * index.uuid}), on by default; without it, an earlier run's index files are removed, as they
   * would describe other shards.
   */
  public WriteWebDataset withEnergonIndex(boolean energonIndex) {
    return toBuilder().setEnergonIndex(energonIndex).build();
  }

  /**
   * Leave out samples whose media (with {@code SAMPLE}, and conversation) repeat an earlier
   * sample's, or with {@code PHASH} whose images' perceptual hashes lie within the distance of an
   * earlier sample's, the first by (source, position) kept ({@link FindDuplicates}); chunk-local
   * plan only.
   */
  public WriteWebDataset withDedup(Dedup dedup) {
    check(dedup != null, "dedup can not be null");
    return toBuilder().setDedup(dedup).build();
  }

  /** Leave out samples whose images or videos break {@code filter}'s size rules; chunk-local plan only. */
  public WriteWebDataset withFilter(SampleFilter filter) {
    check(filter != null, "filter can not be null");
    return toBuilder().setFilter(filter).build();
  }

  /** How the chosen layout reads videos, for the validation step that resolves media. */
  public io.omniprep.media.MediaResolver.VideoAs videoAs() {
    return layout().layout().videoAs();
  }

  private static void checkPattern(String pattern) {
    check(pattern != null && !pattern.isEmpty(), "shardPattern can not be empty");
    check(pattern.replaceAll("%%", "").matches("[^%]*%0?[0-9]*d[^%]*"),
        "shardPattern '%s' needs exactly one integer conversion for the shard number (e.g. %%06d)", pattern);
    String first;
    String second;
    try {
      first = String.format(Locale.ROOT, pattern, 0);
      second = String.format(Locale.ROOT, pattern, 1);
    } catch (java.util.IllegalFormatException e) {
      throw new IllegalArgumentException("shardPattern '" + pattern + "' is not a printf pattern of one number", e);
    }
    check(!first.equals(second), "shardPattern '%s' must contain the shard number (e.g. %%06d)", pattern);
    check(first.endsWith(".tar"), "shardPattern '%s' must end in .tar", pattern);
    check(!first.startsWith("/") && !first.contains("..") && !first.startsWith("."),
        "shardPattern '%s' must be a relative path inside the output folder", pattern);
  }

  /**
   * The chunk-local plan: each input chunk is parsed, validated, laid out and written as shards by
   * the one worker that receives its descriptor ({@link WriteChunkFn}); no sample crosses a
   * shuffle. Shards are cut within their chunk ({@link ChunkShards}), so a shard holds at most
   * {@code maxSamplesPerShard} samples when chunks are planned at that many records.
   */
  public FromChunks<JsonChunk> fromChunks(SampleValidator validator, long maxRecordBytes) {
    return fromInputChunks(validator, maxRecordBytes);
  }

  /** {@link #fromChunks} for another kind of chunk, e.g. a mixture's table files (no {@link #withDedup} then). */
  public <C extends InputChunk> FromChunks<C> fromInputChunks(SampleValidator validator, long maxRecordBytes) {
    check(validator != null, "validator can not be null");
    return new FromChunks<>(validator.withVideoAs(videoAs()), maxRecordBytes, false, null, 0, Shuffle.NONE);
  }

  /** The written shards, the failures and (with a report) the sample profiles, by these tags. */
  public static final TupleTag<FailedRecord> FAILURES = new TupleTag<FailedRecord>() {};
  public static final TupleTag<SampleProfile> PROFILES = new TupleTag<SampleProfile>() {};

  /** {@link #fromChunks}: chunk descriptors in, shards with Energon metadata and the errors output out. */
  public final class FromChunks<C extends InputChunk> extends PTransform<PCollection<C>, PCollectionTuple> {
    private final SampleValidator validator;
    private final long maxRecordBytes;
    private final boolean profile;
    private final @Nullable MeasureLengths lengths;
    private final long packTo;
    private final @Nullable Shuffle shuffle;

    private FromChunks(SampleValidator validator, long maxRecordBytes, boolean profile, @Nullable MeasureLengths lengths, long packTo,
        @Nullable Shuffle shuffle) {
      this.validator = validator;
      this.maxRecordBytes = maxRecordBytes;
      this.profile = profile;
      this.lengths = lengths;
      this.packTo = packTo;
      this.shuffle = shuffle;
    }

    /** Also measure each valid sample for the dataset report (output {@link #PROFILES}). */
    public FromChunks<C> withProfiles(boolean profile) {
      return new FromChunks<>(validator, maxRecordBytes, profile, lengths, packTo, shuffle);
    }

    /**
     * Deal the samples to shards in {@code shuffle}'s order ({@link DealRecords}: one exchange of
     * record descriptors, by bucket) rather than chunk by chunk in record order; null: no shuffle.
     */
    public FromChunks<C> withShuffle(@Nullable Shuffle shuffle) {
      return new FromChunks<>(validator, maxRecordBytes, profile, lengths, packTo, shuffle);
    }

    /**
     * Also measure each sample's sequence length (refusing those over its limit), add it to the
     * sample's JSON where that is an object, and write {@code lengths.jsonl} and {@code
     * lengths-report.json}; with {@code packTo} above 0, a packing plan too ({@code packs.jsonl}).
     */
    public FromChunks<C> withLengths(MeasureLengths lengths, long packTo) {
      check(lengths != null, "lengths can not be null");
      check(packTo >= 0, "packTo must be 0 (no plan) or positive, was %s", packTo);
      boolean chatMl = layout() == Layout.CHATML || layout() == Layout.CHATML_OMNI; // they store frames trimmed to an even count
      return new FromChunks<>(validator, maxRecordBytes, profile, lengths.withOddFrameDropped(chatMl), packTo, shuffle);
    }

    @Override
    @SuppressWarnings("unchecked") // dedup and the shuffle read JSON chunks, the only kind they are offered
    public PCollectionTuple expand(PCollection<C> chunks) {
      TupleTag<KV<Integer, List<String>>> ids = new TupleTag<KV<Integer, List<String>>>() {};
      TupleTagList others = TupleTagList.of(FAILURES).and(ids);
      if (profile) {
        others = others.and(PROFILES);
      }
      // The dedup pass validates each chunk as its writer would when the writer's check is the layout's
      // alone and its unit the input chunk, and hands it on (it is then validated once).
      boolean carry = lengths == null && shuffle == null;
      SampleLayout sampleLayout = layout().layout();
      PCollectionView<Map<Long, Iterable<Drop>>> drops =
          dedup().isNone()
              ? null
              : ((PCollection<JsonChunk>) (PCollection<?>) chunks).apply("Find duplicates",
                  FindDuplicates.of(validator, sample -> refusal(sampleLayout, sample), filter(), maxRecordBytes, dedup(), outputDirectory(), carry));
      ChunkShards chunkShards = new ChunkShards(splits(), shardPattern(), maxShardBytes(), maxSamplesPerShard(), shuffle);
      String fingerprint = optionsFingerprint() + (lengths == null ? "" : "\n" + lengths) + (shuffle == null ? "" : "\n" + shuffle);
      ParDo.MultiOutput<InputChunk, ShardInfo> write =
          ParDo.of(new WriteChunkFn<InputChunk>(validator, layout().layout(), shardWriter(), chunkShards,
                  maxRecordBytes, fingerprint, overwrite(), FAILURES, ids,
                  profile ? PROFILES : null, lengths, filter(), drops, drops != null && carry, dedup().mode() == DedupMode.PHASH))
              .withOutputTags(SHARDS, others);
      // Each chunk is written as it was planned; with a shuffle, the records of each seeded bucket
      // instead (dealt as descriptors: one exchange, of offsets only).
      PCollection<InputChunk> units =
          shuffle == null
              ? (PCollection<InputChunk>) (PCollection<?>) chunks
              : (PCollection<InputChunk>) (PCollection<?>) ((PCollection<JsonChunk>) (PCollection<?>) chunks)
                  .apply("Shuffle", DealRecords.of(shuffle, maxSamplesPerShard(), maxRecordBytes))
                  .setCoder(RecordSet.Coder.of());
      PCollectionTuple out =
          units.apply("Parse, validate and write each chunk", drops == null ? write : write.withSideInputs(drops));
      PCollection<ShardInfo> shards = out.get(SHARDS);
      out.get(ids).setCoder(CountDuplicateIds.BATCH_CODER).apply("Count duplicate ids", CountDuplicateIds.ofIdBatches());
      // The last steps run in order on the one list of shards: the sample table and the lengths
      // first, as the metadata step deletes the temporary files left in the output folder.
      PCollectionView<List<Long>> unitOrdinals = units.apply("Unit ordinals", UnitOrdinals.of());
      PCollection<List<ShardInfo>> all = shards.apply("Gather shards", Combine.globally(CollectList.<ShardInfo>create()));
      all = all.apply("Remove what earlier runs left",
              ParDo.of(new RemoveStaleOutputsFn(outputDirectory(), unitOrdinals, lengths == null ? WriteLengthsFn.FILES : List.of()))
                  .withSideInputs(unitOrdinals))
          .setCoder(all.getCoder());
      all = all.apply("Write samples.parquet", ParDo.of(new WriteSampleTableFn(outputDirectory(), chunkShards))).setCoder(all.getCoder());
      if (lengths != null) {
        all = all.apply("Write lengths", ParDo.of(new WriteLengthsFn<List<ShardInfo>>(outputDirectory(), packTo))).setCoder(all.getCoder());
      }
      all.apply("Write Energon metadata", ParDo.of(new WriteEnergonMetadataFn(outputDirectory(), splits(), reader().datasetYaml(layout().layout()), energonIndex())));
      return out;
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      WriteWebDataset.this.populateDisplayData(builder);
      builder.add(DisplayData.item("maxRecordBytes", maxRecordBytes).withLabel("Largest record accepted"));
      if (shuffle != null) {
        builder.add(DisplayData.item("shuffle", shuffle.seed()).withLabel("Shuffle seed"));
      }
      if (lengths != null) {
        builder.add(DisplayData.item("lengths", lengths.toString()).withLabel("Sequence lengths"));
        builder.add(DisplayData.item("packTo", packTo).withLabel("Pack size in tokens"));
      }
    }
  }

  private ShardWriter shardWriter() {
    return new ShardWriter(outputDirectory(), layout().layout(), images(), energonIndex());
  }

  /** Everything of this writer that shapes a shard's bytes, and the version of how it writes them. */
  private String optionsFingerprint() {
    return String.join("\n", "webdataset-writer-3", layout().label(), images().toString(), Integer.toString(maxSamplesPerShard()),
        Long.toString(maxShardBytes()), shardPattern(), splits().toString(), "dedup " + dedup().label(), filter().toString());
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    builder
        .add(DisplayData.item("output", outputDirectory()).withLabel("Output folder"))
        .add(DisplayData.item("layout", layout().label()).withLabel("Tar member layout"))
        .add(DisplayData.item("energonReader", reader().label()).withLabel("Reader dataset.yaml names"))
        .add(DisplayData.item("maxSamplesPerShard", maxSamplesPerShard()).withLabel("Samples per shard, at most"))
        .add(DisplayData.item("maxShardBytes", maxShardBytes()).withLabel("Media bytes per shard, at most"))
        .add(DisplayData.item("shardPattern", shardPattern()).withLabel("Shard names"))
        .add(DisplayData.item("splits", splits().toString()).withLabel("Splits"))
        .add(DisplayData.item("overwrite", overwrite()).withLabel("Rewrite complete shards"))
        .add(DisplayData.item("energonIndex", energonIndex()).withLabel("Energon 7 index.sqlite"))
        .add(DisplayData.item("dedup", dedup().label()).withLabel("Dedup"))
        .add(DisplayData.item("filter", filter().toString()).withLabel("Size rules"));
  }

  /** Why {@code layout} cannot hold a valid sample, as the failure the writer reports; empty when it can. */
  public static Optional<FailedRecord> refusal(SampleLayout layout, Sample sample) {
    return layout.unsuitable(sample).map(problem ->
        FailedRecord.of(sample, LAYOUT_STAGE, Reason.UNSUITABLE_FOR_LAYOUT, problem, LlavaRecords.toJson(sample)));
  }
}
