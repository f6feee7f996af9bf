package io.omniprep.pipelines;

import io.omniprep.options.ConvertOptions;
import io.omniprep.options.ExtractAudioOptions;
import io.omniprep.options.ExtractFramesOptions;
import io.omniprep.options.MixtureOptions;
import io.omniprep.options.PackPatchesOptions;
import io.omniprep.options.ReportOptions;
import io.omniprep.options.WebDatasetOptions;
import java.util.List;
import java.util.Optional;

/** Every stage the CLI offers, in the order {@code --help} lists them. */
public final class Stages {
  private static final List<Stage<?>> ALL =
      List.of(
          new Stage<>(
              "webdataset",
              "samples and their media to WebDataset tar shards with Megatron-Energon metadata",
              WebDatasetOptions.class,
              WebDatasetPipeline::create),
          new Stage<>(
              "mixture",
              "a LaViDa-O YAML mixture of CSV / Parquet / JSON datasets, filtered, sampled and preprocessed, to shards or JSON",
              MixtureOptions.class,
              MixturePipeline::create),
          new Stage<>(
              "convert",
              "LLaVA / ShareGPT / JSONL records to normalized LLaVA or ShareGPT JSON; HF parquet (EMOVA) to LLaVA JSON",
              ConvertOptions.class,
              ConvertPipeline::create),
          new Stage<>(
              "extract-audio",
              "the audio of videos (globs or LLaVA/Ola records) as 16 kHz mono WAV files, mirroring the input tree",
              ExtractAudioOptions.class,
              ExtractAudioPipeline::create),
          new Stage<>(
              "extract-frames",
              "videos (globs or LLaVA-Video records) as folders of JPEG frames with an fps sidecar, records as ShareGPT JSON",
              ExtractFramesOptions.class,
              ExtractFramesPipeline::create),
          new Stage<>(
              "pack-patches",
              "media into Ola patch files, and the training JSON rewritten to reference them",
              PackPatchesOptions.class,
              PackPatchesPipeline::create),
          new Stage<>(
              "report",
              "a dataset report (report.html with charts, report.json) of records, a mixture YAML or WebDataset shards",
              ReportOptions.class,
              ReportPipeline::create));

  private Stages() {}

  public static List<Stage<?>> all() {
    return ALL;
  }

  public static Optional<Stage<?>> find(String name) {
    return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
