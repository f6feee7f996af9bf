package io.omniprep.mixture;

import io.omniprep.chunk.InputChunk;

import io.omniprep.errors.FailedRecord;
import io.omniprep.sample.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mixture's chunk-local plan selects, across a dataset's files, the rows the whole dataset
 * would: each file's chunk numbers its rows from the counts of the files before it. Expectations
 * are worked out here from the rows the test writes.
 */
@ExtendWith(TestPipelineExtension.class)
class PlanMixtureChunksTest {
  /** Rows per file; row {@code g} (counted across the files) scores 4.0 when g % 3 == 0, else 6.0. */
  private static final int[] ROWS = {5, 4, 6};
  /** The one malformed line: row 2 of the second file (global row 7). */
  private static final int BAD_ROW = 7;

  @TempDir Path dir;

  private MixtureConfig writeMixture() throws Exception {
    Files.createDirectories(dir.resolve("data"));
    int g = 0;
    for (int f = 0; f < ROWS.length; f++) {
      StringBuilder lines = new StringBuilder();
      for (int r = 0; r < ROWS[f]; r++, g++) {
        if (g == BAD_ROW) {
          lines.append("{\"id\": \"r").append(g).append("\", broken\n");
          continue;
        }
        lines.append(String.format(Locale.ROOT,
            "{\"id\": \"r%d\", \"fltLaionAesthScore\": %s, \"conversations\": [{\"from\": \"human\", \"value\": \"q%d\"}, {\"from\": \"gpt\", \"value\": \"a%d\"}]}%n",
            g, g % 3 == 0 ? "4.0" : "6.0", g, g));
      }
      Files.writeString(dir.resolve("data/part-" + f + ".jsonl"), lines);
    }
    Path yaml = dir.resolve("mix.yaml");
    Files.writeString(yaml, String.join("\n",
        "datasets:",
        "  - name: firsts",
        "    json_path: data/part-*.jsonl",
        "    sampling_strategy: first:5",
        "    aes_cutoff: 5.0",
        "  - name: randoms",
        "    json_path: data/part-*.jsonl",
        "    sampling_strategy: random:4",
        "    aes_cutoff: 5.0",
        ""));
    return MixtureConfig.load(yaml.toString());
  }

  /** The global row numbers the filter keeps, in order: not a multiple of 3, not the bad row. */
  private static List<Integer> filteredRows() {
    List<Integer> kept = new ArrayList<>();
    for (int g = 0; g < Arrays.stream(ROWS).sum(); g++) {
      if (g % 3 != 0 && g != BAD_ROW) {
        kept.add(g);
      }
    }
    return kept;
  }

  @Test
  void eachFilesChunkSelectsWhatTheWholeDatasetWould(TestPipeline p) throws Exception {
    PCollection<String> parsed = p.apply(ReadMixture.from(writeMixture()).chunks()).apply(ParDo.of(new ParseFn()));

    List<Integer> kept = filteredRows();
    List<String> expected = new ArrayList<>();
    for (int g : kept.subList(0, 5)) {
      expected.add("firsts " + g + " \"r" + g + "\"");
    }
    // pandas' DataFrame.sample(n=4, random_state=42) over the filtered rows: numpy's permutation prefix.
    for (int i : new NumpyRandomState(SampleRows.DEFAULT_SEED).permutationPrefix(kept.size(), 4)) {
      int g = kept.get(i);
      expected.add("randoms " + g + " \"r" + g + "\"");
    }
    for (String dataset : List.of("firsts", "randoms")) {
      expected.add("failed " + dataset + " " + dir.resolve("data/part-1.jsonl") + " 2");
    }
    PAssert.that(parsed).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  /** What a worker makes of its chunk: "DATASET ROW ID" per sample, "failed DATASET FILE POSITION" per failure. */
  private static final class ParseFn extends DoFn<MixtureChunk, String> {
    @ProcessElement
    public void process(@Element MixtureChunk chunk, OutputReceiver<String> out) throws IOException {
      chunk.parse(Long.MAX_VALUE, new InputChunk.Sink() {
        @Override
        public void sample(Sample sample) {
          out.output(chunk.keyName() + " " + sample.position() + " " + sample.idJson());
        }

        @Override
        public void failure(FailedRecord failure) {
          out.output("failed " + chunk.keyName() + " " + failure.source() + " " + failure.position());
        }
      });
    }
  }
}
