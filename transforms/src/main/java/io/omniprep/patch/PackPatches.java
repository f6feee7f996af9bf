package io.omniprep.patch;

import org.apache.beam.sdk.values.PCollectionView;
import io.omniprep.chunk.UnitOrdinals;
import io.omniprep.io.DeleteOtherPartsFn;
import io.omniprep.errors.ErrorParts;
import io.omniprep.drop.DroppedParts;
import static io.omniprep.util.Args.check;

import com.google.auto.value.AutoValue;
import io.omniprep.errors.FailedRecord;
import io.omniprep.filter.SampleFilter;
import io.omniprep.io.AtomicFiles;
import io.omniprep.io.ConcatenateParts;
import io.omniprep.io.Folders;
import io.omniprep.media.MediaResolver;
import io.omniprep.llava.JsonChunk;
import io.omniprep.llava.ParseLlava;
import io.omniprep.util.CollectList;
import io.omniprep.validate.CountDuplicateIds;
import io.omniprep.validate.SampleValidator;
import java.util.List;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Packs the media of LLaVA-style records into Ola patch files (docs/FORMATS.md §4) and writes the
 * records back with every medium replaced by its patch reference, chunk by chunk: each input chunk
 * ({@link ParseLlava#chunks()}) is parsed, validated, packed into its own patches and rewritten by
 * the one worker that receives its descriptor ({@link PackChunkFn}); no sample or media byte
 * crosses a shuffle.
 *
 * <pre>{@code
 * PCollectionTuple packed =
 *     p.apply(ParseLlava.chunks().from("data/*.json"))
 *      .apply(PackPatches.to("gs://bucket/out").withValidator(validator).withPatchPathPrefix("/mnt/data/patches/"));
 * packed.get(PackPatches.FAILURES).apply(WriteErrors.to("gs://bucket/out"));
 * }</pre>
 *
 * <ul>
 *   <li>Images and audio: the file's bytes, back to back, no header or padding; reference {@code
 *       {"patch": P, "start_num": OFFSET, "size": LENGTH}} with an int size. Videos: frames decoded
 *       in-process ({@code --videoFps}, at most {@code --maxFrames} spread uniformly) by the worker
 *       that packs them, each a standalone JPEG, in temporal order; {@code size} is the list of
 *       frame lengths. Media that already are patch references are copied as they are.
 *   <li>A medium is packed once per chunk that uses it, in the order the chunk first uses it; a
 *       chunk's patches are cut every {@code maxFilesPerPatch} files or {@code maxPatchBytes} bytes
 *       and named by (chunk, part), so the same input gives the same bytes on every run and runner.
 *   <li>Writes {@code OUTPUT/patches/patch_*}, {@code OUTPUT/patch_mapping.json} ({@link
 *       WriteMapping}: each file's first copy) and {@code OUTPUT/JSON_NAME.json} (every field as
 *       read, in input order). A record whose medium is missing, corrupt or undecodable goes to
 *       {@link #FAILURES} whole; one the size rules refuse ({@link #withFilter}) to {@code
 *       OUTPUT/_dropped/}; the rest are packed.
 * </ul>
 */
@AutoValue
public abstract class PackPatches extends PTransform<PCollection<JsonChunk>, PCollectionTuple> {
  public static final String STAGE = "pack-patches";
  /** The outputs: the JSON file written, and the failed records. */
  public static final TupleTag<String> FILES = new TupleTag<String>() {};
  public static final TupleTag<FailedRecord> FAILURES = new TupleTag<FailedRecord>() {};
  static final TupleTag<String> PARTS = new TupleTag<String>() {};

  abstract String outputDirectory();

  abstract @Nullable String prefix();

  abstract @Nullable SampleValidator validator();

  abstract double videoFps();

  abstract int maxFrames();

  abstract int maxFilesPerPatch();

  abstract long maxPatchBytes();

  abstract int jpegQuality();

  abstract long maxRecordBytes();

  abstract String jsonName();

  abstract SampleFilter filter();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setOutputDirectory(String value);

    abstract Builder setPrefix(@Nullable String value);

    abstract Builder setValidator(SampleValidator value);

    abstract Builder setVideoFps(double value);

    abstract Builder setMaxFrames(int value);

    abstract Builder setMaxFilesPerPatch(int value);

    abstract Builder setMaxPatchBytes(long value);

    abstract Builder setJpegQuality(int value);

    abstract Builder setMaxRecordBytes(long value);

    abstract Builder setJsonName(String value);

    abstract Builder setFilter(SampleFilter value);

    abstract PackPatches build();
  }

  /**
   * Patches under {@code outputDirectory/patches/}, referenced by that absolute path, records to
   * {@code patched.json}; videos at 1 fps, at most 64 frames, JPEG quality 95; 10,000 files or 4 GiB
   * per patch. A validator ({@link #withValidator}) is required.
   */
  public static PackPatches to(String outputDirectory) {
    check(outputDirectory != null && !outputDirectory.isEmpty(), "outputDirectory can not be empty");
    return new AutoValue_PackPatches.Builder()
        .setOutputDirectory(Folders.withoutTrailingSlash(outputDirectory))
        .setVideoFps(1.0)
        .setMaxFrames(64)
        .setMaxFilesPerPatch(10_000)
        .setMaxPatchBytes(4L << 30)
        .setJpegQuality(95)
        .setMaxRecordBytes(ParseLlava.DEFAULT_MAX_RECORD_BYTES)
        .setJsonName("patched")
        .setFilter(SampleFilter.none())
        .build();
  }

  /** How each record is checked and its media resolved (videos are always resolved as files). */
  public PackPatches withValidator(SampleValidator validator) {
    check(validator != null, "validator can not be null");
    return toBuilder().setValidator(validator.withVideoAs(MediaResolver.VideoAs.FILE)).build();
  }

  /**
   * The folder written into the references in place of the output's patches folder: where training
   * will find the patches (e.g. {@code /mnt/ola/patches/}, or {@code patches/} relative to where
   * training runs). Refused when it would make Ola's loader swap colours (docs/FORMATS.md §4.3).
   */
  public PackPatches withPatchPathPrefix(String patchPathPrefix) {
    PatchNames.checkedPrefix(patchPathPrefix);
    return toBuilder().setPrefix(patchPathPrefix).build();
  }

  /** Frames per second of video kept (Ola's loader stores no rate; 1 matches its default). */
  public PackPatches withVideoFps(double videoFps) {
    check(videoFps > 0 && !Double.isInfinite(videoFps), "videoFps must be positive, was %s", videoFps);
    return toBuilder().setVideoFps(videoFps).build();
  }

  /** At most this many frames per video, spread uniformly over it when the rate would give more. */
  public PackPatches withMaxFrames(int maxFrames) {
    check(maxFrames > 0, "maxFrames must be positive, was %s", maxFrames);
    return toBuilder().setMaxFrames(maxFrames).build();
  }

  public PackPatches withMaxFilesPerPatch(int maxFilesPerPatch) {
    check(maxFilesPerPatch > 0, "maxFilesPerPatch must be positive, was %s", maxFilesPerPatch);
    return toBuilder().setMaxFilesPerPatch(maxFilesPerPatch).build();
  }

  /** Bytes per patch before the next one starts (a patch exceeds it only when one medium does). */
  public PackPatches withMaxPatchBytes(long maxPatchBytes) {
    check(maxPatchBytes > 0, "maxPatchBytes must be positive, was %s", maxPatchBytes);
    return toBuilder().setMaxPatchBytes(maxPatchBytes).build();
  }

  /** JPEG quality (1-100) of video frames. */
  public PackPatches withJpegQuality(int jpegQuality) {
    check(jpegQuality >= 1 && jpegQuality <= 100, "jpegQuality must be 1..100, was %s", jpegQuality);
    return toBuilder().setJpegQuality(jpegQuality).build();
  }

  /** The largest record accepted; a larger one fails as too large (default 64 MiB). */
  public PackPatches withMaxRecordBytes(long maxRecordBytes) {
    check(maxRecordBytes > 0, "maxRecordBytes must be positive, was %s", maxRecordBytes);
    return toBuilder().setMaxRecordBytes(maxRecordBytes).build();
  }

  /** The rewritten records' file: {@code OUTPUT/NAME.json}. */
  public PackPatches withJsonName(String jsonName) {
    check(jsonName != null && !jsonName.isEmpty() && !jsonName.contains("/"), "jsonName must be a file name, was %s", jsonName);
    return toBuilder().setJsonName(jsonName).build();
  }

  /**
   * Leave out samples whose images or videos break {@code filter}'s size rules, before any of their
   * media is packed; listed in {@code OUTPUT/_dropped/}.
   */
  public PackPatches withFilter(SampleFilter filter) {
    check(filter != null, "filter can not be null");
    return toBuilder().setFilter(filter).build();
  }

  /** The folder the patches are written to. */
  public String patchesDirectory() {
    return outputDirectory() + "/patches";
  }

  /** The folder written into references: the prefix given, or the patches folder's full path. */
  public String patchPathPrefix() {
    String prefix = prefix();
    return PatchNames.checkedPrefix(prefix != null ? prefix : AtomicFiles.directory(patchesDirectory()).toString());
  }

  @Override
  public PCollectionTuple expand(PCollection<JsonChunk> chunks) {
    SampleValidator validator = validator();
    check(validator != null, "PackPatches needs a validator: withValidator(...)");
    String framesDirectory = Folders.temporary(outputDirectory(), "patch-frames");
    String partsDirectory = Folders.temporary(outputDirectory(), jsonName());
    TupleTag<KV<Integer, List<String>>> ids = new TupleTag<KV<Integer, List<String>>>() {};
    TupleTag<KV<Integer, List<KV<String, KV<String, PackOutcome>>>>> mapping =
        new TupleTag<KV<Integer, List<KV<String, KV<String, PackOutcome>>>>>() {};
    TupleTag<String> written = new TupleTag<String>() {};
    PCollectionTuple out =
        chunks.apply(
            "Parse, validate and pack each chunk",
            ParDo.of(new PackChunkFn(validator, maxRecordBytes(), new VideoDecoder(framesDirectory, jpegQuality(), videoFps(), maxFrames()),
                    patchesDirectory(), patchPathPrefix(), maxFilesPerPatch(), maxPatchBytes(), outputDirectory(), partsDirectory,
                    FAILURES, ids, mapping, written, filter()))
                .withOutputTags(PARTS, TupleTagList.of(FAILURES).and(ids).and(mapping).and(written)));
    out.get(ids).setCoder(CountDuplicateIds.BATCH_CODER).apply("Count duplicate ids", CountDuplicateIds.ofIdBatches());
    PCollection<List<String>> patchNames =
        out.get(written)
            .setCoder(StringUtf8Coder.of())
            .apply("List patches", Combine.globally(CollectList.<String>create()))
            .setCoder(ListCoder.of(StringUtf8Coder.of()));
    out.get(mapping).setCoder(WriteMapping.BATCH_CODER).apply("Write mapping", new WriteMapping(outputDirectory(), patchNames));
    patchNames.apply("Clean up", ParDo.of(new CleanUpFn(patchesDirectory(), framesDirectory)));
    PCollection<String> file =
        out.get(PARTS)
            .setCoder(StringUtf8Coder.of())
            .apply("Concatenate parts", ConcatenateParts.intoArray(outputDirectory() + "/" + jsonName() + ".json", partsDirectory));
    PCollectionView<List<Long>> ordinals = chunks.apply("Unit ordinals", UnitOrdinals.of());
    file = file.apply("Remove what earlier runs left",
        ParDo.of(new DeleteOtherPartsFn<String>(outputDirectory(), List.of(ErrorParts.PARTS, DroppedParts.PARTS), ordinals)).withSideInputs(ordinals));
    return PCollectionTuple.of(FILES, file).and(FAILURES, out.get(FAILURES));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    builder
        .add(DisplayData.item("output", outputDirectory()).withLabel("Output folder"))
        .addIfNotNull(DisplayData.item("patchPathPrefix", prefix()).withLabel("Patch path prefix in records"))
        .add(DisplayData.item("videoFps", videoFps()).withLabel("Video frames per second kept"))
        .add(DisplayData.item("maxFrames", maxFrames()).withLabel("Frames per video, at most"))
        .add(DisplayData.item("maxFilesPerPatch", maxFilesPerPatch()).withLabel("Media per patch, at most"))
        .add(DisplayData.item("maxPatchBytes", maxPatchBytes()).withLabel("Bytes per patch, at most"))
        .add(DisplayData.item("jpegQuality", jpegQuality()).withLabel("JPEG quality of video frames"))
        .add(DisplayData.item("maxRecordBytes", maxRecordBytes()).withLabel("Largest record accepted"))
        .add(DisplayData.item("json", jsonName() + ".json").withLabel("Rewritten records"))
        .add(DisplayData.item("filter", filter().toString()).withLabel("Size rules"));
  }
}
