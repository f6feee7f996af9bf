package io.omniprep.llava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import io.omniprep.sample.Sample;
import io.omniprep.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class ParseLlavaTest {

  @Test
  void readsEveryRecordOfTheDefectsFileIntoSamplesOrFailures(TestPipeline p) {
    String input = Fixtures.testdata("llava-defects/defects.json").toString();
    WithFailures.Result<PCollection<Sample>, FailedRecord> r = p.apply(ParseLlava.read().from(input));
    PAssert.that(r.failures())
        .satisfies(
            failures -> {
              List<String> got = new ArrayList<>();
              for (FailedRecord f : failures) {
                got.add(f.position() + ":" + f.reason());
                assertEquals("parse", f.stage());
                assertEquals(input, f.source());
              }
              got.sort(null);
              assertEquals(List.of("12:WRONG_TYPE", "3:MALFORMED_JSON", "6:WRONG_TYPE"), got);
              return null;
            });
    PAssert.thatSingleton(r.output().apply(Count.globally())).isEqualTo(14L);
    PAssert.that(r.output())
        .satisfies(
            samples -> {
              List<String> ids = io.omniprep.testing.Fixtures.ids(samples);
              assertTrue(ids.contains("\"a.b.c\""), "dotted id kept");
              assertTrue(ids.contains("42"), "numeric id kept raw");
              assertTrue(ids.contains("\"wrapped\""), "one-element list unwrapped");
              return null;
            });
    p.run();
  }

  @Test
  void smallChunksGiveTheSameSamplesAsOneChunk(TestPipeline p, @TempDir Path dir) {
    String records =
        IntStream.range(0, 50)
            .mapToObj(i -> "{\"id\": \"r" + i + "\", \"conversations\": [{\"from\": \"human\", \"value\": \"q" + i + "\"}]}")
            .collect(Collectors.joining(",\n", "[\n", "\n]\n"));
    String file = Fixtures.write(dir.resolve("big.json"), records).toString();
    PCollection<Sample> small = p.apply("small", ParseLlava.read().from(file).withMaxRecordsPerChunk(3)).output();
    PCollection<Sample> one = p.apply("one", ParseLlava.read().from(file)).output();
    PAssert.that(small)
        .satisfies(
            samples -> {
              List<Sample> list = new ArrayList<>();
              samples.forEach(list::add);
              assertEquals(50, list.size());
              for (Sample s : list) {
                assertEquals("\"r" + s.position() + "\"", s.idJson(), "positions are array indices");
              }
              return null;
            });
    PAssert.that(one).satisfies(samples -> {
      assertEquals(50, StreamSupport.stream(samples.spliterator(), false).count());
      return null;
    });
    p.run();
  }

  @Test
  void jsonLinesPositionsAreLineNumbersAndBadLinesFailAlone(TestPipeline p) {
    String input = Fixtures.testdata("jsonl/ola.jsonl").toString();
    WithFailures.Result<PCollection<Sample>, FailedRecord> r = p.apply(ParseLlava.read().from(input));
    PAssert.that(r.failures())
        .satisfies(
            failures -> {
              FailedRecord f = failures.iterator().next();
              assertEquals(5, f.position());
              assertEquals(Reason.MALFORMED_JSON, f.reason());
              return null;
            });
    PAssert.that(r.output())
        .satisfies(
            samples -> {
              List<Long> lines = new ArrayList<>();
              samples.forEach(s -> lines.add(s.position()));
              lines.sort(null);
              assertEquals(List.of(1L, 2L, 3L, 6L), lines);
              return null;
            });
    p.run();
  }

  @Test
  void readsSeveralFilesEachAsItsOwnSource(TestPipeline p) {
    String a = Fixtures.testdata("sharegpt/dataset.json").toString();
    String b = Fixtures.testdata("llava-pretrain/*.json").toString();
    PCollection<Sample> samples = p.apply(ParseLlava.read().from(a, b)).output();
    PAssert.that(samples)
        .satisfies(
            all -> {
              long fromA = StreamSupport.stream(all.spliterator(), false).filter(s -> s.source().equals(a)).count();
              long fromB = StreamSupport.stream(all.spliterator(), false).filter(s -> s.source().endsWith("blip_laion_cc_sbu_sample.json")).count();
              assertEquals(5, fromA);
              assertEquals(32, fromB);
              return null;
            });
    p.run();
  }
}
