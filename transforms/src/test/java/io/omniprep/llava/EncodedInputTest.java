package io.omniprep.llava;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omniprep.errors.FailedRecord;
import io.omniprep.sample.Sample;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input in UTF-16 or UTF-32 (with or without a byte order mark) or UTF-8 with a BOM reads exactly as
 * the same text in plain UTF-8: same samples, same failures, same positions.
 */
@ExtendWith(TestPipelineExtension.class)
class EncodedInputTest {
  private static final List<String> RECORDS = List.of(
      "{\"id\": \"é-1\", \"conversations\": [{\"from\": \"human\", \"value\": \"<image>\\nQué? 😀 \\\"quoted\\\"\"},"
          + " {\"from\": \"gpt\", \"value\": \"日本語\"}], \"score\": 1.50, \"tags\": [\"a\", \"ß\"]}",
      "{\"id\": \"broken\", oops}",
      "{\"id\": 7, \"conversations\": [{\"from\": \"human\", \"value\": \"x\\ty\"}], \"note\": \"line\\u2028sep\"}");

  private static byte[] encode(String text, String charset, boolean bom) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] body = text.getBytes(Charset.forName(charset));
    if (bom) {
      // The charset's own encoding of U+FEFF is its byte order mark.
      out.writeBytes("\uFEFF".getBytes(Charset.forName(charset)));
    }
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** What a sample and a failure look like with their file's name left out. */
  private static List<String> describe(Iterable<?> items) {
    List<String> out = new ArrayList<>();
    for (Object o : items) {
      if (o instanceof Sample) {
        Sample s = (Sample) o;
        out.add(s.position() + " " + s.idJson() + " " + s.turns() + " " + s.extras() + " " + s.originalRecord());
      } else {
        FailedRecord f = (FailedRecord) o;
        out.add(f.position() + " " + f.reason() + " " + f.record());
      }
    }
    out.sort(null);
    return out;
  }

  @ParameterizedTest
  @CsvSource({
    "UTF-8, true, json", "UTF-16LE, true, json", "UTF-16BE, true, json", "UTF-16LE, false, json",
    "UTF-16BE, false, json", "UTF-32LE, true, json", "UTF-32BE, false, json",
    "UTF-8, true, jsonl", "UTF-16LE, true, jsonl", "UTF-16BE, true, jsonl", "UTF-16LE, false, jsonl"})
  void readsAsTheSameTextInUtf8(String charset, boolean bom, String extension, TestPipeline p, @TempDir Path dir)
      throws Exception {
    String text = extension.equals("json") ? "[\n  " + String.join(",\n  ", RECORDS) + "\n]\n" : String.join("\r\n", RECORDS) + "\r\n";
    Path plain = Files.write(dir.resolve("plain." + extension), text.getBytes(StandardCharsets.UTF_8));
    Path encoded = Files.write(dir.resolve("encoded." + extension), encode(text, charset, bom));
    WithFailures.Result<PCollection<Sample>, FailedRecord> want = p.apply("plain", ParseLlava.read().from(plain.toString()));
    WithFailures.Result<PCollection<Sample>, FailedRecord> got = p.apply("encoded", ParseLlava.read().from(encoded.toString()));
    String run = dir.toString();
    PAssert.that(want.output()).satisfies(s -> keep(run + " plain samples", describe(s)));
    PAssert.that(got.output()).satisfies(s -> keep(run + " encoded samples", describe(s)));
    PAssert.that(want.failures()).satisfies(f -> keep(run + " plain failures", describe(f)));
    PAssert.that(got.failures()).satisfies(f -> keep(run + " encoded failures", describe(f)));
    p.run();
    assertEquals(2, SEEN.get(run + " plain samples").size(), SEEN.toString());
    assertEquals(1, SEEN.get(run + " plain failures").size(), SEEN.toString());
    assertEquals(SEEN.get(run + " plain samples"), SEEN.get(run + " encoded samples"));
    assertEquals(SEEN.get(run + " plain failures"), SEEN.get(run + " encoded failures"));
  }

  /** What each PAssert saw, by run and output (PAssert's functions run in this JVM on the DirectRunner). */
  private static final Map<String, List<String>> SEEN = new ConcurrentHashMap<>();

  private static Void keep(String what, List<String> described) {
    SEEN.put(what, described);
    return null;
  }
}
