package io.omniprep.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.sample.SampleCoder;
import io.omniprep.table.TableRowCoder;
import io.omniprep.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StructuredCoder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan's one rule, checked on every stage's pipeline as built: no exchange (a GroupByKey, which
 * every shuffle, combine, reshuffle and side input of a runner rests on) carries samples or table
 * rows. Only descriptors, counts, keys and failures may cross one; samples stay in the worker that
 * parsed them ({@code --config=NAME}: a mixture of testdata/mixture/ other than mix.yaml). Not yet
 * so, and so not listed: the extract stages (records joined with their media's outcomes).
 */
class NoSampleCrossesAShuffleTest {
  private static final Path PRETRAIN = Fixtures.testdata("llava-pretrain/blip_laion_cc_sbu_sample.json");
  private static final Path MIXTURE = Fixtures.testdata("mixture/mix.yaml");

  @ParameterizedTest
  @CsvSource({
    "webdataset",
    "webdataset --dedup=sample",
    "webdataset --dedup=phash:6",
    "pack-patches",
    "convert",
    "report",
    "webdataset --splitMode=shard --report",
    "mixture",
    "mixture --report --splitMode=shard",
    "mixture --to=sharegpt",
    "mixture --to=llava --report",
    "mixture --config=speech.yaml",
    "mixture --config=speech.yaml --to=llava --report",
    "webdataset --shuffle=7 --dedup=media --report",
    "convert --shuffle=3",
  })
  void noExchangeCarriesSamples(String stageAndFlags, @TempDir Path out) {
    String[] words = stageAndFlags.split(" ");
    Stage<?> stage = Stages.find(words[0]).orElseThrow();
    List<String> args = new ArrayList<>(List.of("--runner=DirectRunner", "--output=" + out));
    List<String> flags = new ArrayList<>(List.of(words).subList(1, words.length));
    flags.replaceAll(w -> w.startsWith("--config=") ? "--config=" + MIXTURE.resolveSibling(w.substring("--config=".length())) : w);
    if (flags.stream().noneMatch(w -> w.startsWith("--config="))) {
      args.add(words[0].equals("mixture") ? "--config=" + MIXTURE : "--input=" + PRETRAIN);
    }
    args.addAll(flags);
    PipelineOptions options = PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).withValidation().as(stage.optionsClass());
    Pipeline pipeline = stage.create(options);

    List<String> exchanges = new ArrayList<>();
    List<String> carryingSamples = new ArrayList<>();
    pipeline.traverseTopologically(new Pipeline.PipelineVisitor.Defaults() {
      @Override
      public void visitPrimitiveTransform(TransformHierarchy.Node node) {
        if (node.getTransform() instanceof GroupByKey) {
          exchanges.add(node.getFullName());
          for (PValue in : node.getInputs().values()) {
            if (carries(((PCollection<?>) in).getCoder())) {
              carryingSamples.add(node.getFullName() + ": " + ((PCollection<?>) in).getCoder());
            }
          }
        }
      }
    });
    assertTrue(!exchanges.isEmpty(), "the visitor sees the exchanges (" + stageAndFlags + ")");
    assertEquals(List.of(), carryingSamples, stageAndFlags + ": exchanges carrying samples or rows");
  }

  /** Whether a coder, or any coder inside it, encodes samples or table rows. */
  private static boolean carries(Coder<?> coder) {
    if (coder instanceof SampleCoder || coder instanceof TableRowCoder) {
      return true;
    }
    List<Coder<?>> inner = new ArrayList<>(coder.getCoderArguments());
    if (coder instanceof StructuredCoder<?> structured) {
      inner.addAll(structured.getComponents());
    }
    for (Coder<?> c : inner) {
      if (carries(c)) {
        return true;
      }
    }
    return false;
  }
}
