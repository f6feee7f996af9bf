package io.omniprep.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import io.omniprep.media.MediaResolver;
import io.omniprep.llava.ParseLlava;
import io.omniprep.sample.Sample;
import io.omniprep.testing.Fixtures;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class ValidateSamplesTest {
  private static final String DEFECTS = Fixtures.testdata("llava-defects/defects.json").toString();

  private static Map<String, String> reasonsById(Iterable<FailedRecord> failures) {
    Map<String, String> byId = new TreeMap<>();
    for (FailedRecord f : failures) {
      assertEquals("validate", f.stage());
      assertTrue(f.record().startsWith("{\"id\": " + f.idJson()), "the original text is quoted verbatim: " + f.record());
      byId.put(f.idJson(), f.reason().code());
    }
    return byId;
  }

  @Test
  void eachDefectEndsInTheErrorsOutputWithItsReason(TestPipeline p) {
    WithFailures.Result<PCollection<Sample>, FailedRecord> r =
        p.apply(ParseLlava.read().from(DEFECTS)).output().apply(ValidateSamples.withResolver(MediaResolver.create()));
    PAssert.that(r.failures())
        .satisfies(
            failures -> {
              assertEquals(
                  Map.of(
                      "\"no-conversations\"", "missing_conversations",
                      "\"unknown-speaker\"", "unknown_speaker",
                      "\"token-mismatch\"", "token_media_mismatch",
                      "\"missing-media\"", "media_missing",
                      "\"path-traversal\"", "path_traversal",
                      "\"speech-without-audio\"", "token_media_mismatch"),
                  reasonsById(failures));
              return null;
            });
    PAssert.that(r.output())
        .satisfies(
            samples -> {
              int n = 0;
              for (Sample s : samples) {
                n++;
                assertNull(s.originalRecord(), "original text is dropped after validation");
                s.media().forEach(m -> assertTrue(m.resolved() != null && m.resolved().totalBytes() > 0));
              }
              assertEquals(8, n);
              return null;
            });
    p.run();
  }

  @Test
  void withAnExplicitRootAbsolutePathsOutsideItAreRefused(TestPipeline p) {
    String root = Fixtures.testdata("llava-defects").toString();
    WithFailures.Result<PCollection<Sample>, FailedRecord> r =
        p.apply(ParseLlava.read().from(DEFECTS))
            .output()
            .apply(ValidateSamples.withResolver(MediaResolver.create().withMediaRoot(root)));
    PAssert.that(r.failures())
        .satisfies(
            failures -> {
              Map<String, String> byId = reasonsById(failures);
              assertEquals("path_traversal", byId.get("\"absolute-path\""));
              assertEquals(7, byId.size());
              return null;
            });
    p.run();
  }

  @Test
  void structureOnlyValidationNeverTouchesMedia(TestPipeline p) {
    WithFailures.Result<PCollection<Sample>, FailedRecord> r =
        p.apply(ParseLlava.read().from(DEFECTS))
            .output()
            .apply(ValidateSamples.withResolver(MediaResolver.create()).withoutMediaCheck());
    PAssert.that(r.failures())
        .satisfies(
            failures -> {
              Map<String, String> byId = reasonsById(failures);
              assertEquals(4, byId.size(), byId.toString());
              assertTrue(!byId.containsKey("\"missing-media\""));
              return null;
            });
    p.run();
  }

  @Test
  void countsRepeatedIds(TestPipeline p) {
    p.apply(ParseLlava.read().from(DEFECTS)).output().apply(CountDuplicateIds.create());
    var result = p.run();
    result.waitUntilFinish();
    long dups =
        result.metrics().allMetrics().getCounters().iterator().hasNext()
            ? java.util.stream.StreamSupport.stream(result.metrics().allMetrics().getCounters().spliterator(), false)
                .filter(c -> c.getName().getName().equals("duplicate_ids"))
                .mapToLong(c -> c.getCommitted())
                .sum()
            : 0;
    assertEquals(1, dups);
  }

  @Test
  void reasonVocabularyIsStable() {
    assertEquals("token_media_mismatch", Reason.TOKEN_MEDIA_MISMATCH.code());
  }
}
