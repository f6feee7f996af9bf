package io.omniprep.pipelines;

import io.omniprep.dedup.Dedup;
import io.omniprep.filter.SampleFilter;
import io.omniprep.options.WebDatasetOptions;
import io.omniprep.media.Resize;
import io.omniprep.options.MediaRootOptions;
import io.omniprep.options.SampleFilterOptions;
import io.omniprep.options.WebDatasetWriterOptions;
import io.omniprep.shuffle.Shuffle;
import io.omniprep.wds.EnergonReader;
import io.omniprep.wds.ImagePolicy;
import io.omniprep.wds.Layout;
import io.omniprep.wds.Splits;
import io.omniprep.wds.WriteWebDataset;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * {@code webdataset}: the inputs' record chunks, each parsed, validated and written as WebDataset
 * shards by the worker it lands on, then the Energon metadata from the shards' counts. Chunks are
 * planned at {@code --maxSamplesPerShard} records, so a shard never holds more. With {@code
 * --shuffle}, the chunks' records are first dealt to seeded buckets (descriptors only), each
 * written as the chunks are.
 */
public final class WebDatasetPipeline {
  private WebDatasetPipeline() {}

  public static Pipeline create(WebDatasetOptions options) {
    Resize resize = Resize.parse(options.getResize(), options.getMinPixels(), options.getMaxPixels());
    WriteWebDataset write =
        writer(options, Layout.parse(options.getLayout()))
            .withImagePolicy(imagePolicy(options).withResize(resize))
            .withDedup(Dedup.parse(options.getDedup()))
            .withFilter(filter(options));
    Pipeline p = Pipeline.create(options);
    PCollectionTuple written =
        p.apply(
                "Plan chunks",
                SampleInputs.chunks(options).withMaxRecordsPerChunk(options.getMaxSamplesPerShard()))
            .apply(
                "Write WebDataset",
                Lengths.apply(write.fromChunks(SampleInputs.validator(SampleInputs.resolver(options).withHeadersLeftToReader(), options),
                        options.getMaxRecordBytes())
                    .withProfiles(options.getReport())
                    .withShuffle(Shuffle.parse(options.getShuffle())), options, resize));
    if (options.getReport()) {
      Reports.ofShardProfiles(written.get(WriteWebDataset.PROFILES), written.get(WriteWebDataset.FAILURES),
          written.get(WriteWebDataset.SHARDS), splits(options), options.getOutput(), String.join(", ", options.getInput()));
    }
    return p;
  }

  /** The writer as the options describe it (also used by other stages that end in shards). */
  static <O extends WebDatasetWriterOptions & MediaRootOptions> WriteWebDataset writer(O options, Layout layout) {
    return WriteWebDataset.to(options.getOutput())
        .withLayout(layout)
        .withEnergonReader(EnergonReader.parse(options.getEnergonReader()))
        .withEnergonIndex(options.getEnergonIndex())
        .withMaxSamplesPerShard(options.getMaxSamplesPerShard())
        .withMaxShardBytes(options.getMaxShardBytes())
        .withShardPattern(options.getShardPattern())
        .withSplits(splits(options))
        .withImagePolicy(imagePolicy(options))
        .withOverwrite(options.getOverwrite());
  }

  /** {@code --transcode}, {@code --jpegQuality} and {@code --maxImagePixels}. */
  private static <O extends WebDatasetWriterOptions & MediaRootOptions> ImagePolicy imagePolicy(O options) {
    return ImagePolicy.parse(options.getTranscode(), options.getJpegQuality()).withMaxPixels(options.getMaxImagePixels());
  }

  /** {@code --minSide}, {@code --maxAspect}, {@code --minDuration}, {@code --maxDuration}. */
  static SampleFilter filter(SampleFilterOptions options) {
    return SampleFilter.of(options.getMinSide(), options.getMaxAspect(), options.getMinDuration(), options.getMaxDuration());
  }

  /** {@code --split} and {@code --splitMode}. */
  static Splits splits(WebDatasetWriterOptions options) {
    return Splits.parse(options.getSplit(), Splits.Mode.parse(options.getSplitMode()));
  }
}
