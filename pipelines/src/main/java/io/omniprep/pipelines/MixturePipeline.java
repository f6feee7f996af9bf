package io.omniprep.pipelines;

import io.omniprep.llava.RecordStyle;
import io.omniprep.llava.write.WriteLlavaJson;
import io.omniprep.media.MediaResolver;
import io.omniprep.mixture.MixtureConfig;
import io.omniprep.mixture.MixtureChunk;
import io.omniprep.mixture.MixtureConfigException;
import io.omniprep.mixture.ReadMixture;
import io.omniprep.options.MediaRootOptions;
import io.omniprep.options.MixtureOptions;
import io.omniprep.validate.SampleValidator;
import io.omniprep.wds.Layout;
import io.omniprep.wds.WriteWebDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * {@code mixture}: a LaViDa-O YAML mixture (tables and JSON, filtered, sampled, preprocessed) →
 * validate → WebDataset shards or LLaVA/ShareGPT JSON, plus the errors output. A YAML mistake is
 * reported with its file and line before anything runs.
 */
public final class MixturePipeline {
  private MixturePipeline() {}

  public static Pipeline create(MixtureOptions options) {
    FileSystems.setDefaultPipelineOptions(options);
    MixtureConfig config = load(options.getConfig(), options.getMaxDuplication());
    String to = options.getTo() == null ? "webdataset" : options.getTo().trim().toLowerCase(Locale.ROOT);
    boolean shards = to.equals("webdataset");
    Layout layout = Layout.parse(options.getLayout());
    WriteWebDataset shardWriter = shards ? WebDatasetPipeline.writer(options, layout) : null;
    RecordStyle style = shards ? null : RecordStyle.parse(to);

    Pipeline p = Pipeline.create(options);
    SampleValidator validator = SampleInputs.validator(resolver(options, options.getConfig(), layout.layout().videoAs()), options);
    if (!options.getCheckMedia()) {
      validator = validator.withoutMediaCheck();
    }
    PCollection<MixtureChunk> chunks = p.apply("Plan chunks", ReadMixture.from(config).withSeed(options.getSeed()).chunks());
    if (!shards) {
      PCollectionTuple written = chunks.apply("Write JSON", WriteLlavaJson.to(options.getOutput()).withName(to).withStyle(style)
          .<MixtureChunk>fromInputChunks(validator, null, Long.MAX_VALUE).withProfiles(options.getReport()));
      if (options.getReport()) {
        Reports.ofProfiles(written.get(WriteLlavaJson.PROFILES), written.get(WriteLlavaJson.FAILURES), options.getOutput(), options.getConfig());
      }
      return p;
    }
    PCollectionTuple written =
        chunks.apply("Write WebDataset", shardWriter.<MixtureChunk>fromInputChunks(validator, Long.MAX_VALUE).withProfiles(options.getReport()));
    if (options.getReport()) {
      Reports.ofShardProfiles(written.get(WriteWebDataset.PROFILES), written.get(WriteWebDataset.FAILURES),
          written.get(WriteWebDataset.SHARDS), WebDatasetPipeline.splits(options), options.getOutput(), options.getConfig());
    }
    return p;
  }

  /** The config, or an {@link IllegalArgumentException} listing every problem with its line. */
  static MixtureConfig load(String spec, long maxDuplication) {
    try {
      MixtureConfig config = MixtureConfig.load(spec);
      config.checkInputsExist();
      config.checkDuplication(maxDuplication);
      return config;
    } catch (MixtureConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + spec, e);
    }
  }

  /**
   * Relative media paths resolve against {@code --mediaRoot} (which then confines every path) or,
   * by default, the YAML's folder; absolute paths and URIs ({@code s3://...}) are used as given.
   */
  static MediaResolver resolver(MediaRootOptions options, String config, MediaResolver.VideoAs videoAs) {
    String mediaRoot = options.getMediaRoot();
    MediaResolver resolver = MediaResolver.create()
        .withVideoAs(videoAs)
        .withMaxImagePixels(options.getMaxImagePixels())
        .withMaxMediaBytes(options.getMaxMediaBytes());
    if (mediaRoot != null && !mediaRoot.isEmpty()) {
      return resolver.withMediaRoot(mediaRoot);
    }
    return resolver.withDefaultRoot(FileSystems.matchNewResource(config, false).getCurrentDirectory().toString());
  }
}
