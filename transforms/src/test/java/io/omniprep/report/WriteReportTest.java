package io.omniprep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.errors.FailedRecord;
import io.omniprep.media.MediaResolver;
import io.omniprep.llava.ParseLlava;
import io.omniprep.sample.SampleCoder;
import io.omniprep.testing.Fixtures;
import io.omniprep.validate.ValidateSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class WriteReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void reportsValidatedSamplesWithTheirFailuresAndGivenSplits(TestPipeline p, @TempDir Path out) throws Exception {
    WithFailures.Result<PCollection<io.omniprep.sample.Sample>, FailedRecord> parsed =
        p.apply(ParseLlava.read().from(Fixtures.testdata("llava-defects/defects.json").toString()));
    WithFailures.Result<PCollection<io.omniprep.sample.Sample>, FailedRecord> valid =
        parsed.output().apply(ValidateSamples.withResolver(MediaResolver.create()));
    String dir = out.toString();
    PCollection<String> report =
        valid.output().apply(ProfileSamples.create()).apply(WriteReport.to(dir)
            .withTitle("defects")
            .withFailures(parsed.failures())
            .withSplitCounts(p.apply(Create.of(KV.of("train", 5L), KV.of("val", 1L), KV.of("train", 2L)))));
    PAssert.thatSingleton(report).satisfies(text -> {
      try {
        JsonNode r = JSON.readTree(text);
        assertEquals("defects", r.get("title").asText());
        assertEquals(JSON.readTree("{\"train\": 7, \"val\": 1}"), r.at("/samples/bySplit"));
        assertEquals(2, r.at("/errors/byReason/wrong_type/count").asLong(), "parse failures only: validation's are not given");
        assertEquals(1, r.at("/errors/byReason/malformed_json/count").asLong());
        assertTrue(r.at("/errors/byReason/media_missing").isMissingNode());
        assertEquals(text, Files.readString(Path.of(dir, "report.json")));
        assertTrue(Files.readString(Path.of(dir, "report.html")).startsWith("<!DOCTYPE html>"));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void noSamplesStillGiveAReport(TestPipeline p, @TempDir Path out) throws Exception {
    p.apply(Create.empty(SampleCoder.of())).apply(ProfileSamples.create()).apply(WriteReport.to(out.toString()));
    p.run().waitUntilFinish();
    JsonNode r = JSON.readTree(out.resolve("report.json").toFile());
    assertEquals(0, r.at("/samples/total").asLong());
    assertEquals(0, r.at("/errors/total").asLong());
    assertEquals(0, r.at("/images/width/count").asLong());
  }
}
