package io.omniprep.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omniprep.table.FileCount;
import io.omniprep.table.TableCounts;
import io.omniprep.table.TableJson;
import io.omniprep.table.TableRow;
import io.omniprep.table.TableRowCoder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class SampleRowsTest {
  /** Ten kept rows of twelve: rows 3 and 7 were filtered out, so filtered indexes skip them. */
  private static PCollection<TableRow> rows(TestPipeline p) {
    List<TableRow> rows = new ArrayList<>();
    long kept = 0;
    for (long i = 0; i < 12; i++) {
      if (i != 3 && i != 7) {
        rows.add(new TableRow("f.csv", i, i, kept++, 1, TableJson.newObject().put("n", i)));
      }
    }
    return p.apply("Rows", Create.of(rows).withCoder(TableRowCoder.of()));
  }

  private static PCollection<TableCounts> counts(TestPipeline p) {
    return p.apply(
        "Counts",
        Create.of(new TableCounts(List.of(new FileCount("f.csv", 12, 10))))
            .withCoder(TableCounts.Coder.of()));
  }

  private static List<String> picked(Iterable<TableRow> rows) {
    return StreamSupport.stream(rows.spliterator(), false)
        .sorted((a, b) -> Long.compare(a.index(), b.index()))
        .map(r -> r.index() + "x" + r.copies())
        .collect(Collectors.toList());
  }

  private static void expect(TestPipeline p, String strategy, List<String> expected) {
    PCollection<TableRow> out =
        rows(p)
            .apply(
                SampleRows.using(SamplingStrategy.parse(strategy))
                    .withCounts(counts(p))
                    .withDatasetName("d"));
    PAssert.that(out)
        .satisfies(
            rows -> {
              assertEquals(expected, picked(rows), strategy);
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  void firstCountsFilteredRows(TestPipeline p) {
    expect(p, "first:4", List.of("0x1", "1x1", "2x1", "4x1"));
  }

  @Test
  void endTakesTheLastFilteredRows(TestPipeline p) {
    expect(p, "end:3", List.of("9x1", "10x1", "11x1"));
  }

  @Test
  void endZeroKeepsEverything(TestPipeline p) {
    expect(
        p,
        "end:0",
        List.of("0x1", "1x1", "2x1", "4x1", "5x1", "6x1", "8x1", "9x1", "10x1", "11x1"));
  }

  @Test
  void randomUsesFilteredIndexes(TestPipeline p) {
    // permutation(10)[:4] with seed 42 is [8, 1, 5, 0]: filtered indexes 0, 1, 5, 8 are rows 0, 1,
    // 6, 10.
    expect(p, "random:4", List.of("0x1", "1x1", "6x1", "10x1"));
  }

  @Test
  void dupCarriesTheCopyCount(TestPipeline p) {
    expect(
        p,
        "dup:3",
        List.of("0x3", "1x3", "2x3", "4x3", "5x3", "6x3", "8x3", "9x3", "10x3", "11x3"));
  }

  @Test
  void percentOfTheFilteredLength(TestPipeline p) {
    expect(p, "first:25%", List.of("0x1", "1x1", "2x1"));
  }
}
