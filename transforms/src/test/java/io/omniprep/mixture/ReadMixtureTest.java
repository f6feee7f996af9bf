package io.omniprep.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import io.omniprep.llava.LlavaRecords;
import io.omniprep.llava.RecordStyle;
import io.omniprep.metrics.Counters;
import io.omniprep.metrics.DatasetCounters;
import io.omniprep.sample.Sample;
import io.omniprep.sample.SampleKeys;
import io.omniprep.testing.ParquetFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class ReadMixtureTest {
  @TempDir Path dir;

  /** A CSV of captions (text-to-image) and a Parquet of LLaVA records, mixed by one YAML. */
  private MixtureConfig writeMixture() throws Exception {
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(
        dir.resolve("data/laion.csv"),
        "s3_path,caption,fltLaionAesthScore,intHeight,intWidth\n"
            + "s3://b/0.jpg,a red fox,6.5,512,512\n"
            + "s3://b/1.jpg,a blue car,5.0,1024,768\n"
            + "s3://b/2.jpg,a small boat,7.25,300,900\n"
            + "s3://b/3.jpg,,8,600,600\n"
            + "s3://b/4.jpg,a green hill,5.5,2048,2048\n"
            + "s3://b/5.jpg,an old map,9,512,513\n");
    Schema turn =
        SchemaBuilder.record("turn")
            .fields()
            .requiredString("from")
            .requiredString("value")
            .endRecord();
    Schema schema =
        SchemaBuilder.record("row")
            .fields()
            .requiredString("id")
            .requiredString("image")
            .name("conversations")
            .type()
            .array()
            .items(turn)
            .noDefault()
            .endRecord();
    List<GenericRecord> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      GenericRecord q = new GenericData.Record(turn);
      q.put("from", "human");
      q.put("value", "<image>\nWhat is in picture " + i + "?");
      GenericRecord a = new GenericData.Record(turn);
      a.put("from", "gpt");
      a.put("value", "Thing " + i + ".");
      GenericRecord r = new GenericData.Record(schema);
      r.put("id", "v" + i);
      r.put("image", i == 3 ? "/abs/3.jpg" : "img/" + i + ".jpg");
      r.put("conversations", List.of(q, a));
      rows.add(r);
    }
    ParquetFiles.write(dir.resolve("data/vqa.parquet"), schema, rows);
    Path yaml = dir.resolve("mix.yaml");
    Files.writeString(
        yaml,
        String.join(
            "\n",
            "datasets:",
            "  - name: laion",
            "    json_path: data/laion.csv",
            "    sampling_strategy: first:3",
            "    preprocess_fn: preproces_text_to_image_generation_s3",
            "    process_fn_kwargs: {random_truncate: false}",
            "    aes_cutoff: 5.0",
            "    min_size: 512",
            "    length_group: t2i",
            "  - name: vqa",
            "    json_path: data/vqa.parquet",
            "    sampling_strategy: dup:2",
            "    image_root: /images",
            "    columns: [id, conversations, image]",
            ""));
    return MixtureConfig.load(yaml.toString());
  }

  @Test
  void csvAndParquetDatasetsBecomeKeyedSamples(TestPipeline p) throws Exception {
    WithFailures.Result<PCollection<Sample>, FailedRecord> mixture =
        p.apply(ReadMixture.from(writeMixture()));
    PAssert.that(mixture.output())
        .satisfies(
            samples -> {
              List<Sample> sorted =
                  StreamSupport.stream(samples.spliterator(), false)
                      .sorted(
                          Comparator.comparing(Sample::source)
                              .thenComparingLong(Sample::position)
                              .thenComparingInt(Sample::ordinal))
                      .collect(Collectors.toList());
              List<String> records =
                  sorted.stream()
                      .map(s -> s.key() + " " + LlavaRecords.toJson(s, RecordStyle.LLAVA))
                      .collect(Collectors.toList());
              // laion: rows 1 (score = cutoff) and 2 (height 300) are filtered; row 3 has an empty
              // caption but passes;
              // first:3 of the kept rows 0, 3, 4, 5 keeps 0, 3, 4.
              assertEquals(
                  List.of(
                      t2i(0, "s3://b/0.jpg", "a red fox", "6.5"),
                      t2i(3, "s3://b/3.jpg", "", "8"),
                      t2i(4, "s3://b/4.jpg", "a green hill", "5.5"),
                      vqa(0, 0, "/images/img/0.jpg"),
                      vqa(0, 1, "/images/img/0.jpg"),
                      vqa(1, 0, "/images/img/1.jpg"),
                      vqa(1, 1, "/images/img/1.jpg"),
                      vqa(2, 0, "/images/img/2.jpg"),
                      vqa(2, 1, "/images/img/2.jpg"),
                      vqa(3, 0, "/abs/3.jpg"),
                      vqa(3, 1, "/abs/3.jpg"),
                      vqa(4, 0, "/images/img/4.jpg"),
                      vqa(4, 1, "/images/img/4.jpg")),
                  records);
              return null;
            });
    PAssert.that(mixture.failures()).empty();
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(6, counter(result, DatasetCounters.name("laion", DatasetCounters.ROWS_READ)));
    assertEquals(1, counter(result, DatasetCounters.name("laion", "filtered_aes_cutoff")));
    assertEquals(1, counter(result, DatasetCounters.name("laion", "filtered_min_size")));
    assertEquals(4, counter(result, DatasetCounters.name("laion", DatasetCounters.ROWS_KEPT)));
    assertEquals(3, counter(result, DatasetCounters.name("laion", DatasetCounters.ROWS_SAMPLED)));
    assertEquals(3, counter(result, DatasetCounters.name("laion", DatasetCounters.SAMPLES)));
    assertEquals(10, counter(result, DatasetCounters.name("vqa", DatasetCounters.ROWS_SAMPLED)));
    assertEquals(10, counter(result, DatasetCounters.name("vqa", DatasetCounters.RECORDS_MADE)));
    assertEquals(11, counter(result, Counters.READ));
  }

  @Test
  void rowsAFunctionRefusesAreFailuresThatQuoteTheirFile(TestPipeline p) throws Exception {
    Files.writeString(
        dir.resolve("caps.jsonl"),
        "{\"s3_path\":\"a.jpg\",\"caption\":\"ok\"}\n{\"s3_path\":\"b.jpg\"}\n");
    Path yaml = dir.resolve("m.yaml");
    Files.writeString(
        yaml,
        "datasets:\n"
            + "  - json_path: caps.jsonl\n"
            + "    preprocess_fn: preproces_text_to_image_generation_s3\n");
    WithFailures.Result<PCollection<Sample>, FailedRecord> mixture =
        p.apply(ReadMixture.from(MixtureConfig.load(yaml.toString())).withSeed(7));
    PAssert.that(mixture.output())
        .satisfies(
            s -> {
              assertEquals(1, StreamSupport.stream(s.spliterator(), false).count());
              return null;
            });
    String source = dir.resolve("caps.jsonl").toString();
    PAssert.that(mixture.failures())
        .satisfies(
            failures -> {
              FailedRecord f = failures.iterator().next();
              assertEquals(source, f.source());
              assertEquals(1, f.position());
              assertEquals(Reason.BAD_ROW, f.reason());
              assertEquals("preprocess", f.stage());
              assertEquals("caption column 'caption' not found", f.message());
              assertEquals("{\"s3_path\":\"b.jpg\"}", f.record());
              return null;
            });
    p.run().waitUntilFinish();
  }

  private static String t2i(long position, String path, String caption, String score) {
    String key = SampleKeys.of("laion", position, 0);
    return key
        + " {\"id\":\""
        + key
        + "\",\"image_gen\":\""
        + path
        + "\",\"conversations\":["
        + "{\"from\":\"human\",\"value\":\"Generate an image with the caption: "
        + caption
        + " [[micro_conds_texts]]\"},"
        + "{\"from\":\"gpt\",\"value\":\"Sure <image_gen>\"}],\"gen_score\":["
        + score
        + "]}";
  }

  private static String vqa(int position, int copy, String image) {
    return SampleKeys.of("vqa", position, copy)
        + " {\"id\":\"v"
        + position
        + "\",\"conversations\":["
        + "{\"from\":\"human\",\"value\":\"<image>\\nWhat is in picture "
        + position
        + "?\"},"
        + "{\"from\":\"gpt\",\"value\":\"Thing "
        + position
        + ".\"}],\"image\":\""
        + image
        + "\"}";
  }

  private static long counter(PipelineResult result, String name) {
    long total = 0;
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(Counters.NAMESPACE, name))
                    .build())
            .getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }
}
