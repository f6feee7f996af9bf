package io.omniprep.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import io.omniprep.testing.ParquetFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class ReadTableTest {
  @TempDir Path dir;

  @Test
  void csvRowsKeepTheirPositionsAndBadRowsAreReported(TestPipeline p) throws IOException {
    Path csv = dir.resolve("t.csv");
    Files.writeString(
        csv,
        "\uFEFFid,caption,score\n"
            + "a,\"one, with comma\",5.5\n"
            + "b,\"two\nlines \"\"quoted\"\"\",6\n"
            + "c,too,many,cells\n"
            + "\n"
            + "d,,7\n",
        StandardCharsets.UTF_8);
    ReadTable.Result table = p.apply(ReadTable.from(csv.toString()));
    PAssert.that(table.rows())
        .satisfies(
            rows -> {
              List<TableRow> sorted = sorted(rows);
              assertEquals(3, sorted.size());
              assertEquals(
                  "{\"id\":\"a\",\"caption\":\"one, with comma\",\"score\":\"5.5\"}",
                  sorted.get(0).text());
              assertEquals("two\nlines \"quoted\"", sorted.get(1).values().get("caption").asText());
              assertEquals(List.of(0L, 1L, 3L), positions(sorted));
              assertEquals(List.of(0L, 1L, 2L), filteredIndexes(sorted));
              assertEquals("", sorted.get(2).values().get("caption").asText());
              return null;
            });
    PAssert.that(table.failures())
        .satisfies(
            failures -> {
              FailedRecord f = failures.iterator().next();
              assertEquals(Reason.BAD_ROW, f.reason());
              assertEquals(2, f.position());
              assertEquals("[\"c\",\"too\",\"many\",\"cells\"]", f.record());
              assertEquals("row has 4 cells but the header has 3 columns", f.message());
              return null;
            });
    PAssert.thatSingleton(table.counts()).satisfies(c -> check(c.rows() == 4 && c.kept() == 3));
    p.run().waitUntilFinish();
  }

  @Test
  void missingColumnsAndFilterTypeErrorsAreBadRowsAndFilteredRowsAreOnlyCounted(TestPipeline p)
      throws IOException {
    Path jsonl = dir.resolve("t.jsonl");
    Files.writeString(
        jsonl,
        "{\"id\":1,\"caption\":\"x\",\"score\":3}\n"
            + "{\"id\":2,\"score\":9}\n"
            + "{\"id\":3,\"caption\":\"y\",\"score\":\"high\"}\n"
            + "{\"id\":4,\"caption\":\"z\",\"score\":8}\n"
            + "{\"id\":5,\"caption\":\"w\",\"score\":7.5}\n"
            + "{not json}\n"
            + "[1,2]\n");
    RowFilter scoreAbove5 = row -> RowValues.number(row, "score") > 5 ? null : "low_score";
    ReadTable.Result table =
        p.apply(
            ReadTable.from(jsonl.toString())
                .withColumns(List.of("caption", "score", "id"))
                .withFilter(scoreAbove5));
    PAssert.that(table.rows())
        .satisfies(
            rows -> {
              List<TableRow> sorted = sorted(rows);
              assertEquals(List.of(3L, 4L), positions(sorted));
              assertEquals(List.of(0L, 1L), filteredIndexes(sorted));
              assertEquals("{\"caption\":\"z\",\"score\":8,\"id\":4}", sorted.get(0).text());
              return null;
            });
    PAssert.that(table.failures())
        .satisfies(
            failures -> {
              List<FailedRecord> sorted = new ArrayList<>();
              failures.forEach(sorted::add);
              sorted.sort(Comparator.comparingLong(FailedRecord::position));
              assertEquals(
                  List.of(1L, 2L, 5L, 6L),
                  sorted.stream().map(FailedRecord::position).collect(Collectors.toList()));
              assertEquals("missing column 'caption'", sorted.get(0).message());
              assertEquals("2", sorted.get(0).idJson());
              assertEquals(Reason.BAD_ROW, sorted.get(1).reason());
              assertEquals(
                  "column 'score' is a string \"high\", not a number", sorted.get(1).message());
              assertEquals(Reason.MALFORMED_JSON, sorted.get(2).reason());
              assertEquals("{not json}", sorted.get(2).record());
              assertEquals(Reason.WRONG_TYPE, sorted.get(3).reason());
              return null;
            });
    PAssert.thatSingleton(table.counts()).satisfies(c -> check(c.rows() == 7 && c.kept() == 2));
    p.run().waitUntilFinish();
  }

  @Test
  void rowsAreNumberedAcrossFilesInNameOrder(TestPipeline p) throws IOException {
    Files.writeString(dir.resolve("part-b.json"), "[{\"n\":\"b0\"},{\"n\":\"b1\"}]");
    Files.writeString(dir.resolve("part-a.json"), "[{\"n\":\"a0\"},{\"n\":\"a1\"},{\"n\":\"a2\"}]");
    Files.writeString(dir.resolve("part-c.json"), "{\"n\":\"c0\"} {\"n\":\"c1\"}");
    ReadTable.Result table = p.apply(ReadTable.from(dir.resolve("part-*.json").toString()));
    PAssert.that(table.rows())
        .satisfies(
            rows -> {
              List<TableRow> sorted = sorted(rows);
              assertEquals(
                  List.of("a0", "a1", "a2", "b0", "b1", "c0", "c1"),
                  sorted.stream()
                      .map(r -> r.values().get("n").asText())
                      .collect(Collectors.toList()));
              assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), indexes(sorted));
              assertEquals(List.of(0L, 1L, 2L, 0L, 1L, 0L, 1L), positions(sorted));
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  void parquetListsStructsAndNullsReadAsPandasShowsThem(TestPipeline p) throws IOException {
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
            .name("conversations")
            .type()
            .array()
            .items(turn)
            .noDefault()
            .optionalDouble("score")
            .name("tags")
            .type()
            .array()
            .items()
            .stringType()
            .noDefault()
            .endRecord();
    List<GenericRecord> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      GenericRecord t = new GenericData.Record(turn);
      t.put("from", "human");
      t.put("value", "q" + i);
      GenericRecord r = new GenericData.Record(schema);
      r.put("id", "r" + i);
      r.put("conversations", List.of(t));
      r.put("score", i == 1 ? null : i + 0.5);
      r.put("tags", List.of());
      rows.add(r);
    }
    Path file = dir.resolve("t.parquet");
    ParquetFiles.write(file, schema, rows);
    ReadTable.Result table =
        p.apply(
            ReadTable.from(file.toString()).withColumns(List.of("conversations", "id", "score")));
    PAssert.that(table.rows())
        .satisfies(
            read -> {
              List<TableRow> sorted = sorted(read);
              assertEquals(
                  "{\"conversations\":[{\"from\":\"human\",\"value\":\"q0\"}],\"id\":\"r0\",\"score\":0.5}",
                  sorted.get(0).text());
              assertTrue(sorted.get(1).values().get("score").isNull());
              assertEquals(List.of(0L, 1L, 2L), positions(sorted));
              return null;
            });
    PAssert.that(table.failures()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void aCorruptParquetFileIsOneFailureNotACrash(TestPipeline p) throws IOException {
    Path file = dir.resolve("broken.parquet");
    Files.write(file, "PAR1 this is not parquet".getBytes(StandardCharsets.UTF_8));
    ReadTable.Result table = p.apply(ReadTable.from(file.toString()));
    PAssert.that(table.rows()).empty();
    PAssert.that(table.failures())
        .satisfies(f -> check(f.iterator().next().message().startsWith("cannot read Parquet")));
    p.run().waitUntilFinish();
  }

  static List<TableRow> sorted(Iterable<TableRow> rows) {
    return StreamSupport.stream(rows.spliterator(), false)
        .sorted(Comparator.comparingLong(TableRow::index))
        .collect(Collectors.toList());
  }

  private static List<Long> positions(List<TableRow> rows) {
    return rows.stream().map(TableRow::position).collect(Collectors.toList());
  }

  private static List<Long> indexes(List<TableRow> rows) {
    return rows.stream().map(TableRow::index).collect(Collectors.toList());
  }

  private static List<Long> filteredIndexes(List<TableRow> rows) {
    return rows.stream().map(TableRow::filteredIndex).collect(Collectors.toList());
  }

  static Void check(boolean condition) {
    assertTrue(condition);
    return null;
  }

  static ObjectNode object(String json) throws IOException {
    return (ObjectNode) TableJson.MAPPER.readTree(json);
  }
}
