package io.omniprep.hf;

import static io.omniprep.util.Args.check;

import io.omniprep.errors.FailedRecord;
import io.omniprep.util.CollectList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Converts a Hugging Face dataset stored as Parquet (EMOVA's {@code
 * convert_hf_parquet_to_llava_format.py}) into LLaVA form: per config, each row's {@code image}
 * (the HF Image struct {@code {bytes, path}}) becomes {@code OUTPUT/CONFIG/INDEX.png}, INDEX being
 * the row's 0-based index across the config's files, and the rows, with {@code image} set to {@code
 * "CONFIG/INDEX.png"}, go to {@code OUTPUT/annotations/CONFIG.json} as Python's {@code
 * json.dump(..., ensure_ascii=False, indent=4)} writes them.
 *
 * <pre>{@code
 * SortedMap<String, List<String>> files = HfParquetLayout.discover("/data/emova-sft-4m", "train", "all");
 * WithFailures.Result<PCollection<String>, FailedRecord> written =
 *     p.apply(ConvertHfParquet.from(files).to("/out/emova-sft-4m"));
 * }</pre>
 *
 * <p>Footers are read first to number every file's rows; then each file is converted by one worker,
 * in row order, writing its images as it reads them (image bytes never cross a shuffle) and its
 * records to a part file; finally each config's parts are joined in order. Every file appears only
 * when complete, and reruns write identical bytes. Images are re-encoded as PNG like the reference,
 * whose PIL decoder may differ from Java's in the last bit of some JPEG pixels; with {@link
 * #withKeepImageBytes} the original bytes are written instead, under the extension their format
 * calls for ({@code .jpg}, {@code .png}, ...).
 */
public final class ConvertHfParquet
    extends PTransform<PBegin, WithFailures.Result<PCollection<String>, FailedRecord>> {
  private final SortedMap<String, List<String>> filesByConfig;
  private final String outputDirectory;
  private final boolean keepImageBytes;

  private ConvertHfParquet(
      SortedMap<String, List<String>> filesByConfig,
      String outputDirectory,
      boolean keepImageBytes) {
    this.filesByConfig = filesByConfig;
    this.outputDirectory = outputDirectory;
    this.keepImageBytes = keepImageBytes;
  }

  /**
   * The Parquet files of each config (see {@link HfParquetLayout#discover}); a config may have
   * none.
   */
  public static ConvertHfParquet from(Map<String, List<String>> filesByConfig) {
    check(filesByConfig != null && !filesByConfig.isEmpty(), "filesByConfig can not be empty");
    return new ConvertHfParquet(new TreeMap<>(filesByConfig), null, false);
  }

  /** The output folder: the reference's {@code save_root/<dataset name>}. Required. */
  public ConvertHfParquet to(String outputDirectory) {
    check(
        outputDirectory != null && !outputDirectory.isEmpty(), "outputDirectory can not be empty");
    return new ConvertHfParquet(filesByConfig, outputDirectory, keepImageBytes);
  }

  /** Writes each image's own bytes, with the extension of its format, instead of a PNG. */
  public ConvertHfParquet withKeepImageBytes(boolean keepImageBytes) {
    return new ConvertHfParquet(filesByConfig, outputDirectory, keepImageBytes);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("configs", String.join(",", filesByConfig.keySet())).withLabel("Dataset configs"))
        .addIfNotNull(DisplayData.item("output", outputDirectory).withLabel("Output folder"))
        .add(DisplayData.item("keepImageBytes", keepImageBytes).withLabel("Image bytes kept in the annotations"));
  }

  @Override
  public WithFailures.Result<PCollection<String>, FailedRecord> expand(PBegin input) {
    check(outputDirectory != null, "ConvertHfParquet needs to(outputDirectory)");
    List<KV<String, String>> files = new ArrayList<>();
    filesByConfig.forEach((config, list) -> list.forEach(file -> files.add(KV.of(config, file))));
    KvCoder<String, KV<String, Long>> countCoder =
        KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    KvCoder<String, KV<Integer, Long>> partCoder =
        KvCoder.of(StringUtf8Coder.of(), KvCoder.of(VarIntCoder.of(), VarLongCoder.of()));

    PCollection<HfFile> placed =
        input
            .apply(
                "Files",
                Create.of(files).withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
            .apply("Count rows from footers", ParDo.of(new PlanHfFilesFn.CountRows()))
            .setCoder(countCoder)
            .apply(
                "Gather counts",
                Combine.globally(CollectList.<KV<String, KV<String, Long>>>create()))
            .setCoder(ListCoder.of(countCoder))
            .apply("Number rows across files", ParDo.of(new PlanHfFilesFn.Place()))
            .setCoder(new HfFile.Coder())
            .apply("Spread files over workers", Reshuffle.viaRandomKey());

    TupleTag<KV<String, KV<Integer, Long>>> parts =
        new TupleTag<KV<String, KV<Integer, Long>>>() {};
    TupleTag<FailedRecord> failures = new TupleTag<FailedRecord>() {};
    PCollectionTuple converted =
        placed.apply(
            "Write images and record parts",
            ParDo.of(new ConvertHfFileFn(outputDirectory, keepImageBytes, parts, failures))
                .withOutputTags(parts, TupleTagList.of(failures)));

    List<KV<String, KV<Integer, Long>>> markers = new ArrayList<>();
    filesByConfig
        .keySet()
        .forEach(config -> markers.add(KV.of(config, KV.of(WriteAnnotationsFn.MARKER, 0L))));
    PCollection<String> written =
        PCollectionList.of(converted.get(parts).setCoder(partCoder))
            .and(input.apply("Every config", Create.of(markers).withCoder(partCoder)))
            .apply("All parts", Flatten.pCollections())
            .apply("Group parts by config", GroupByKey.create())
            .apply("Write annotations", ParDo.of(new WriteAnnotationsFn(outputDirectory)))
            .setCoder(StringUtf8Coder.of());
    return WithFailures.Result.of(
        written, converted.get(failures));
  }
}
