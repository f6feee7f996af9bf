package io.omniprep.patch;

import static io.omniprep.util.Args.check;

import io.omniprep.errors.FailedRecord;
import io.omniprep.filter.SampleFilter;
import io.omniprep.io.AtomicFiles;
import io.omniprep.io.ConcatenateParts;
import io.omniprep.io.Folders;
import io.omniprep.media.MediaResolver;
import io.omniprep.read.JsonChunk;
import io.omniprep.sample.Sample;
import io.omniprep.shard.PlanShards;
import io.omniprep.util.CollectList;
import io.omniprep.validate.CountDuplicateIds;
import io.omniprep.validate.SampleValidator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Packs the media of validated samples (media resolved, videos as files) into Ola patch files
 * (docs/FORMATS.md §4), and returns the samples with every medium replaced by its patch reference.
 *
 * <pre>{@code
 * WithFailures.Result<PCollection<Sample>, FailedRecord> packed =
 *     samples.apply(PackPatches.to("gs://bucket/out").withPatchPathPrefix("/mnt/data/patches/"));
 * }</pre>
 *
 * <ul>
 *   <li>Images and audio: the file's bytes, back to back, no header or padding; reference {@code
 *       {"patch": P, "start_num": OFFSET, "size": LENGTH}} with an int size. Videos: frames decoded
 *       in-process ({@code --videoFps}, at most {@code --maxFrames} spread uniformly), each a
 *       standalone JPEG, in temporal order; {@code size} is the list of frame lengths. Media that
 *       already are patch references are copied as they are.
 *   <li>Each distinct medium (by full resolved path) is packed once. Patches are planned by
 *       {@link PlanShards} over the media sorted by folder then path, cut every {@code
 *       maxFilesPerPatch} files or {@code maxPatchBytes} bytes, named {@code patch_%06d}, and appear
 *       only when complete: the same input gives the same bytes on every run and runner.
 *   <li>Two phases, so that patches are cut on exact sizes: videos are decoded first, each into a
 *       temporary frame file under {@code OUTPUT/.omniprep-tmp/}; the plan then knows every item's
 *       size, and the patch writer copies frames from those files (deleted at the end). No media
 *       bytes cross a shuffle; the references are joined back to the samples by key.
 *   <li>Writes {@code OUTPUT/patches/patch_NNNNNN} and {@code OUTPUT/patch_mapping.json}. A sample
 *       whose medium is missing, corrupt or undecodable fails as a whole; the rest are packed.
 * </ul>
 */
public final class PackPatches extends PTransform<PCollection<Sample>, WithFailures.Result<PCollection<Sample>, FailedRecord>> {
  public static final String STAGE = "pack-patches";
  static final TupleTag<KV<String, PackItem>> READY = new TupleTag<KV<String, PackItem>>() {};
  static final TupleTag<KV<String, PackOutcome>> OUTCOMES = new TupleTag<KV<String, PackOutcome>>() {};
  static final TupleTag<Sample> REWRITTEN = new TupleTag<Sample>() {};
  static final TupleTag<String> PARTS = new TupleTag<String>() {};
  /** {@link FromChunks}' outputs: the JSON file written, and the failed records. */
  public static final TupleTag<String> FILES = new TupleTag<String>() {};
  public static final TupleTag<FailedRecord> FAILURES = new TupleTag<FailedRecord>() {};

  private final String outputDirectory;
  private final @Nullable String patchPathPrefix;
  private final double videoFps;
  private final int maxFrames;
  private final int maxFilesPerPatch;
  private final long maxPatchBytes;
  private final int jpegQuality;

  private PackPatches(
      String outputDirectory,
      @Nullable String patchPathPrefix,
      double videoFps,
      int maxFrames,
      int maxFilesPerPatch,
      long maxPatchBytes,
      int jpegQuality) {
    this.outputDirectory = outputDirectory;
    this.patchPathPrefix = patchPathPrefix;
    this.videoFps = videoFps;
    this.maxFrames = maxFrames;
    this.maxFilesPerPatch = maxFilesPerPatch;
    this.maxPatchBytes = maxPatchBytes;
    this.jpegQuality = jpegQuality;
  }

  /**
   * Patches under {@code outputDirectory/patches/}, referenced by that absolute path; videos at 1
   * fps, at most 64 frames, JPEG quality 95; 10,000 files or 4 GiB per patch.
   */
  public static PackPatches to(String outputDirectory) {
    check(outputDirectory != null && !outputDirectory.isEmpty(), "outputDirectory can not be empty");
    return new PackPatches(Folders.withoutTrailingSlash(outputDirectory), null, 1.0, 64, 10_000, 4L << 30, 95);
  }

  /**
   * The folder written into the references in place of the output's patches folder: where training
   * will find the patches (e.g. {@code /mnt/ola/patches/}, or {@code patches/} relative to where
   * training runs). Refused when it would make Ola's loader swap colours (docs/FORMATS.md §4.3).
   */
  public PackPatches withPatchPathPrefix(String patchPathPrefix) {
    PatchNames.checkedPrefix(patchPathPrefix);
    return new PackPatches(outputDirectory, patchPathPrefix, videoFps, maxFrames, maxFilesPerPatch, maxPatchBytes, jpegQuality);
  }

  /** Frames per second of video kept (Ola's loader stores no rate; 1 matches its default). */
  public PackPatches withVideoFps(double videoFps) {
    check(videoFps > 0 && !Double.isInfinite(videoFps), "videoFps must be positive, was %s", videoFps);
    return new PackPatches(outputDirectory, patchPathPrefix, videoFps, maxFrames, maxFilesPerPatch, maxPatchBytes, jpegQuality);
  }

  /** At most this many frames per video, spread uniformly over it when the rate would give more. */
  public PackPatches withMaxFrames(int maxFrames) {
    check(maxFrames > 0, "maxFrames must be positive, was %s", maxFrames);
    return new PackPatches(outputDirectory, patchPathPrefix, videoFps, maxFrames, maxFilesPerPatch, maxPatchBytes, jpegQuality);
  }

  public PackPatches withMaxFilesPerPatch(int maxFilesPerPatch) {
    check(maxFilesPerPatch > 0, "maxFilesPerPatch must be positive, was %s", maxFilesPerPatch);
    return new PackPatches(outputDirectory, patchPathPrefix, videoFps, maxFrames, maxFilesPerPatch, maxPatchBytes, jpegQuality);
  }

  /** Bytes per patch before the next one starts (a patch exceeds it only when one medium does). */
  public PackPatches withMaxPatchBytes(long maxPatchBytes) {
    check(maxPatchBytes > 0, "maxPatchBytes must be positive, was %s", maxPatchBytes);
    return new PackPatches(outputDirectory, patchPathPrefix, videoFps, maxFrames, maxFilesPerPatch, maxPatchBytes, jpegQuality);
  }

  /** JPEG quality (1-100) of video frames. */
  public PackPatches withJpegQuality(int jpegQuality) {
    check(jpegQuality >= 1 && jpegQuality <= 100, "jpegQuality must be 1..100, was %s", jpegQuality);
    return new PackPatches(outputDirectory, patchPathPrefix, videoFps, maxFrames, maxFilesPerPatch, maxPatchBytes, jpegQuality);
  }

  /** The folder the patches are written to. */
  public String patchesDirectory() {
    return outputDirectory + "/patches";
  }

  /** The folder written into references: the prefix given, or the patches folder's full path. */
  public String patchPathPrefix() {
    return PatchNames.checkedPrefix(
        patchPathPrefix != null ? patchPathPrefix : AtomicFiles.directory(patchesDirectory()).toString());
  }

  @Override
  public WithFailures.Result<PCollection<Sample>, FailedRecord> expand(PCollection<Sample> samples) {
    String prefix = patchPathPrefix();
    String framesDirectory = Folders.temporary(outputDirectory, "patch-frames");

    TupleTag<KV<String, Sample>> keyedSamples = new TupleTag<KV<String, Sample>>() {};
    TupleTag<KV<String, PackItem>> items = new TupleTag<KV<String, PackItem>>() {};
    TupleTag<KV<String, KV<String, Integer>>> uses = new TupleTag<KV<String, KV<String, Integer>>>() {};
    TupleTag<FailedRecord> rejected = new TupleTag<FailedRecord>() {};
    PCollectionTuple keyed =
        samples.apply(
            "Key media",
            ParDo.of(new KeyMediaFn(keyedSamples, items, uses, rejected))
                .withOutputTags(keyedSamples, TupleTagList.of(items).and(uses).and(rejected)));

    TupleTag<KV<String, PackOutcome>> undecodable = new TupleTag<KV<String, PackOutcome>>() {};
    PCollectionTuple decoded =
        keyed
            .get(items)
            .setCoder(KvCoder.of(StringUtf8Coder.of(), PackItem.Coder.of()))
            .apply("Deduplicate media", Combine.perKey(PackPatches::either))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), PackItem.Coder.of()))
            .apply(
                "Decode videos",
                ParDo.of(new DecodeVideosFn(new VideoDecoder(framesDirectory, jpegQuality, videoFps, maxFrames), undecodable))
                    .withOutputTags(READY, TupleTagList.of(undecodable)));

    TupleTag<KV<String, KV<String, PackOutcome>>> mapping = new TupleTag<KV<String, KV<String, PackOutcome>>>() {};
    TupleTag<String> written = new TupleTag<String>() {};
    PCollectionTuple patches =
        decoded
            .get(READY)
            .setCoder(KvCoder.of(StringUtf8Coder.of(), PackItem.Coder.of()))
            .apply("Drop keys", Values.create())
            .apply("Plan patches", PlanShards.of(PackItem::order).withMaxItems(maxFilesPerPatch).withMaxBytes(maxPatchBytes))
            .apply(
                "Write patches",
                ParDo.of(new WritePatchFn(patchesDirectory(), prefix, outputDirectory, mapping, written))
                    .withOutputTags(OUTCOMES, TupleTagList.of(mapping).and(written)));

    PCollection<String> patchNames = patches.get(written).setCoder(StringUtf8Coder.of());
    patches
        .get(mapping)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), PackOutcome.Coder.of())))
        .apply("Write mapping", new WriteMapping(outputDirectory, patchNames));
    patchNames
        .apply("List patches", Combine.globally(CollectList.<String>create()))
        .apply("Clean up", ParDo.of(new CleanUpFn(patchesDirectory(), framesDirectory)));

    KvCoder<String, PackOutcome> outcomeCoder = KvCoder.of(StringUtf8Coder.of(), PackOutcome.Coder.of());
    PCollection<KV<String, PackOutcome>> outcomes =
        PCollectionList.of(patches.get(OUTCOMES).setCoder(outcomeCoder))
            .and(decoded.get(undecodable).setCoder(outcomeCoder))
            .apply("Gather outcomes", Flatten.pCollections());

    TupleTag<KV<String, Integer>> useTag = new TupleTag<KV<String, Integer>>() {};
    TupleTag<PackOutcome> outcomeTag = new TupleTag<PackOutcome>() {};
    PCollection<KV<String, KV<Integer, PackOutcome>>> bySample =
        KeyedPCollectionTuple.of(useTag, keyed.get(uses).setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()))))
            .and(outcomeTag, outcomes)
            .apply("Join outcomes to media", CoGroupByKey.create())
            .apply("Send outcomes to samples", ParDo.of(new OutcomesBySampleFn(useTag, outcomeTag)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(VarIntCoder.of(), PackOutcome.Coder.of())));

    TupleTag<Sample> sampleTag = new TupleTag<Sample>() {};
    TupleTag<KV<Integer, PackOutcome>> resultTag = new TupleTag<KV<Integer, PackOutcome>>() {};
    TupleTag<FailedRecord> failed = new TupleTag<FailedRecord>() {};
    PCollectionTuple rewritten =
        KeyedPCollectionTuple.of(sampleTag, keyed.get(keyedSamples))
            .and(resultTag, bySample)
            .apply("Join media to samples", CoGroupByKey.create())
            .apply("Rewrite samples", ParDo.of(new RewriteSampleFn(sampleTag, resultTag, failed)).withOutputTags(REWRITTEN, TupleTagList.of(failed)));

    PCollection<FailedRecord> failures =
        PCollectionList.of(keyed.get(rejected))
            .and(rewritten.get(failed))
            .apply("Gather failures", Flatten.pCollections());
    return WithFailures.Result.of(rewritten.get(REWRITTEN), failures);
  }

  /**
   * The chunk-local plan for JSON inputs: each input chunk is parsed, validated, packed into its
   * own patches and rewritten by the one worker that receives its descriptor ({@link PackChunkFn});
   * no sample or media byte crosses a shuffle. The rewritten records are written as {@code
   * OUTPUT/JSON_NAME.json} (every field as read, media replaced by patch references, in input
   * order), the failures per chunk to {@code OUTPUT/_errors/}. A medium is packed once per chunk
   * that uses it; {@code patch_mapping.json} maps it to its first copy.
   */
  public FromChunks fromChunks(SampleValidator validator, long maxRecordBytes, String jsonName) {
    check(validator != null, "validator can not be null");
    check(jsonName != null && !jsonName.isEmpty(), "jsonName can not be empty");
    return new FromChunks(validator.withVideoAs(MediaResolver.VideoAs.FILE), maxRecordBytes, jsonName, SampleFilter.none());
  }

  /** {@link #fromChunks}: chunk descriptors in; {@link #FILES} and {@link #FAILURES} out. */
  public final class FromChunks extends PTransform<PCollection<JsonChunk>, PCollectionTuple> {
    private final SampleValidator validator;
    private final long maxRecordBytes;
    private final String jsonName;
    private final SampleFilter filter;

    private FromChunks(SampleValidator validator, long maxRecordBytes, String jsonName, SampleFilter filter) {
      this.validator = validator;
      this.maxRecordBytes = maxRecordBytes;
      this.jsonName = jsonName;
      this.filter = filter;
    }

    /**
     * Leave out samples whose images or videos break {@code filter}'s size rules, before any of
     * their media is packed; listed in {@code OUTPUT/_dropped/}.
     */
    public FromChunks withFilter(SampleFilter filter) {
      check(filter != null, "filter can not be null");
      return new FromChunks(validator, maxRecordBytes, jsonName, filter);
    }

    @Override
    public PCollectionTuple expand(PCollection<JsonChunk> chunks) {
      String framesDirectory = Folders.temporary(outputDirectory, "patch-frames");
      String partsDirectory = Folders.temporary(outputDirectory, jsonName);
      TupleTag<KV<Integer, List<String>>> ids = new TupleTag<KV<Integer, List<String>>>() {};
      TupleTag<KV<String, KV<String, PackOutcome>>> mapping = new TupleTag<KV<String, KV<String, PackOutcome>>>() {};
      TupleTag<String> written = new TupleTag<String>() {};
      PCollectionTuple out =
          chunks.apply(
              "Parse, validate and pack each chunk",
              ParDo.of(new PackChunkFn(validator, maxRecordBytes, new VideoDecoder(framesDirectory, jpegQuality, videoFps, maxFrames),
                      patchesDirectory(), patchPathPrefix(), maxFilesPerPatch, maxPatchBytes, outputDirectory, partsDirectory,
                      FAILURES, ids, mapping, written, filter))
                  .withOutputTags(PARTS, TupleTagList.of(FAILURES).and(ids).and(mapping).and(written)));
      out.get(ids).setCoder(CountDuplicateIds.BATCH_CODER).apply("Count duplicate ids", CountDuplicateIds.ofIdBatches());
      PCollection<String> patchNames = out.get(written).setCoder(StringUtf8Coder.of());
      out.get(mapping)
          .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), PackOutcome.Coder.of())))
          .apply("Write mapping", new WriteMapping(outputDirectory, patchNames));
      patchNames
          .apply("List patches", Combine.globally(CollectList.<String>create()))
          .apply("Clean up", ParDo.of(new CleanUpFn(patchesDirectory(), framesDirectory)));
      PCollection<String> file =
          out.get(PARTS)
              .setCoder(StringUtf8Coder.of())
              .apply("Concatenate parts", ConcatenateParts.intoArray(outputDirectory + "/" + jsonName + ".json", partsDirectory));
      return PCollectionTuple.of(FILES, file).and(FAILURES, out.get(FAILURES));
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      PackPatches.this.populateDisplayData(builder);
      builder.add(DisplayData.item("maxRecordBytes", maxRecordBytes).withLabel("Largest record accepted"))
          .add(DisplayData.item("filter", filter.toString()).withLabel("Size rules"));
    }
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    builder
        .add(DisplayData.item("output", outputDirectory).withLabel("Output folder"))
        .addIfNotNull(DisplayData.item("patchPathPrefix", patchPathPrefix).withLabel("Patch path prefix in records"))
        .add(DisplayData.item("videoFps", videoFps).withLabel("Video frames per second kept"))
        .add(DisplayData.item("maxFrames", maxFrames).withLabel("Frames per video, at most"))
        .add(DisplayData.item("maxFilesPerPatch", maxFilesPerPatch).withLabel("Media per patch, at most"))
        .add(DisplayData.item("maxPatchBytes", maxPatchBytes).withLabel("Bytes per patch, at most"))
        .add(DisplayData.item("jpegQuality", jpegQuality).withLabel("JPEG quality of video frames"));
  }

  /** Items under one key describe the same medium; either will do. */
  private static PackItem either(Iterable<PackItem> same) {
    return same.iterator().next();
  }
}
