package io.omniprep.runners.testing;

import io.omniprep.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One pipeline with a small input from {@code testdata/}, as the runner tests run it. Every case
 * runs on embedded Flink and on the DirectRunner ({@code EmbeddedFlinkTest}) and is translated for
 * Dataflow ({@code DataflowTemplateIT}); {@link #onCluster()} cases also run on the standalone Flink
 * cluster ({@code FlinkClusterIT}). Adding a pipeline to all of these is one line in {@link #ALL}.
 */
public record PipelineCase(String pipeline, boolean onCluster, List<String> options) {
  /** Where {@code testdata/} goes in {@link #options()}: a local folder, or a copy in an object store. */
  public static final String TESTDATA = "{testdata}";

  public static final List<PipelineCase> ALL =
      List.of(
          cluster("webdataset", "--input={testdata}/llava-pretrain/blip_laion_cc_sbu_sample.json", "--maxSamplesPerShard=8"),
          cluster("pack-patches", "--input={testdata}/jsonl/ola.jsonl", "--maxFilesPerPatch=2", "--patchPathPrefix=patches/"),
          embedded("convert", "--input={testdata}/llava-defects/defects.json", "--maxRecordsPerFile=4", "--absolutePaths=true"),
          embedded("mixture", "--config={testdata}/mixture/mix.yaml", "--layout=raw", "--maxSamplesPerShard=3"),
          embedded("extract-audio", "--input={testdata}/video/records.json"),
          embedded("extract-frames", "--input={testdata}/video/records.json", "--timeInterval=0.5"),
          embedded("webdataset", "--input={testdata}/dedup/records.json", "--dedup=sample", "--maxSamplesPerShard=3"),
          embedded("webdataset", "--input={testdata}/llava-pretrain/blip_laion_cc_sbu_sample.json", "--layout=raw",
              "--resize=max-side:64", "--maxSamplesPerShard=8"),
          embedded("report", "--input={testdata}/llava-pretrain/blip_laion_cc_sbu_sample.json"));

  /** A case that also runs on the Flink cluster. */
  public static PipelineCase cluster(String pipeline, String... options) {
    return new PipelineCase(pipeline, true, List.of(options));
  }

  /** A case that runs on embedded Flink, the DirectRunner and Dataflow translation only. */
  public static PipelineCase embedded(String pipeline, String... options) {
    return new PipelineCase(pipeline, false, List.of(options));
  }

  public static PipelineCase named(String pipeline) {
    return ALL.stream().filter(c -> c.pipeline.equals(pipeline)).findFirst().orElseThrow();
  }

  /** The input file as Beam names it, with {@code testdata/} at {@code testdataRoot}. */
  public String input(String testdataRoot) {
    return options.stream()
        .filter(o -> o.startsWith("--input="))
        .map(o -> o.substring("--input=".length()).replace(TESTDATA, testdataRoot))
        .findFirst()
        .orElseThrow();
  }

  public static List<PipelineCase> onClusterOnly() {
    return ALL.stream().filter(PipelineCase::onCluster).collect(Collectors.toList());
  }

  /** The CLI arguments with the local {@code testdata/} folder and {@code --output=output}. */
  public List<String> args(Path output, String... more) {
    return args(Fixtures.testdata().toString(), output.toString(), more);
  }

  /** The CLI arguments with {@code testdata/} at {@code testdataRoot} (e.g. {@code gs://b/testdata}). */
  public List<String> args(String testdataRoot, String output, String... more) {
    List<String> args = new ArrayList<>();
    args.add(pipeline);
    for (String option : options) {
      args.add(option.replace(TESTDATA, testdataRoot));
    }
    args.add("--output=" + output);
    args.addAll(List.of(more));
    return args;
  }

  @Override
  public String toString() {
    return pipeline;
  }
}
