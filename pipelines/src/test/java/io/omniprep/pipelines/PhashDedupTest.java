package io.omniprep.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.dedup.PerceptualHash;
import io.omniprep.testing.NearCopies;
import io.omniprep.testing.ShardReadBack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dedup=phash} on generated pictures ({@link NearCopies}): exact copies, JPEGs at another
 * quality, slightly smaller copies and a PNG of a picture are dropped for its first record, across
 * chunks and files; unrelated pictures are all kept. The drops expected come from which picture each
 * record shows, not from hashing; samples.parquet, read by DuckDB, carries each kept image's hash.
 */
class PhashDedupTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path input;
  private static NearCopies fixture;

  @BeforeAll
  static void makeFixture() throws Exception {
    fixture = NearCopies.write(input);
  }

  /** Also shuffled: the drops decided in record order, the hashes found for samples of any chunk a bucket draws on. */
  @ParameterizedTest
  @ValueSource(strings = {"none", "4"})
  void nearCopiesAreDroppedForTheFirstRecordOfTheirPicture(String shuffle, @TempDir Path out) throws Exception {
    RunSummary summary = PipelineRuns.run("webdataset", "--input=" + input + "/*.json", "--maxSamplesPerShard=3",
        "--dedup=phash", "--shuffle=" + shuffle, PipelineRuns.out(out));
    Map<String, String> expected = fixture.expectedDrops();
    assertEquals(5, expected.size(), "the fixture is what the test means it to be");

    assertTrue(summary.balanced(), summary.toJson("webdataset").toString());
    assertEquals(fixture.records().size(), summary.read());
    assertEquals(expected.size(), summary.get("dropped_near_duplicate"));
    assertEquals(fixture.records().size() - expected.size(), summary.written());

    Map<String, String> whereByKey = new TreeMap<>();
    Map<String, Long> phashByWhere = new TreeMap<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement q = db.createStatement();
        ResultSet rs = q.executeQuery("SELECT key, source, position, phash FROM read_parquet('" + out.resolve("samples.parquet") + "')")) {
      while (rs.next()) {
        String where = Path.of(rs.getString("source")).getFileName() + "#" + rs.getLong("position");
        whereByKey.put(rs.getString("key"), where);
        phashByWhere.put(where, rs.getLong("phash"));
      }
    }
    Set<String> inShards = new TreeSet<>();
    ShardReadBack.readAll(out).forEach(s -> inShards.add(s.key()));
    assertEquals(whereByKey.keySet(), inShards);

    Map<String, Long> expectedHashes = new TreeMap<>();
    for (NearCopies.Rec r : fixture.records()) {
      if (!expected.containsKey(r.where())) {
        expectedHashes.put(r.where(), PerceptualHash.of(Files.readAllBytes(input.resolve(r.image()))));
      }
    }
    assertEquals(expectedHashes, phashByWhere, "the kept samples, each with its image's hash");

    Map<String, String> listed = new HashMap<>();
    try (var parts = Files.list(out.resolve("_dropped"))) {
      for (Path part : parts.sorted().toList()) {
        for (String line : Files.readAllLines(part)) {
          JsonNode d = JSON.readTree(line);
          assertEquals("near_duplicate", d.get("reason").asText());
          String dropped = Path.of(d.get("source").asText()).getFileName() + "#" + d.get("position").asLong();
          assertTrue(listed.put(dropped, whereByKey.get(d.get("duplicateOf").asText())) == null, "listed once: " + dropped);
        }
      }
    }
    assertEquals(expected, new TreeMap<>(listed));
  }

  /**
   * A picture cut short comes first: the writer refuses it (media_corrupt), so it must not stand
   * for its near-copies, and the first of those that is whole is kept instead.
   */
  @Test
  void aPictureTheWriterRefusesKeepsNoCopy(@TempDir Path in, @TempDir Path out) throws Exception {
    Files.createDirectories(in.resolve("img"));
    byte[] whole = Files.readAllBytes(input.resolve("img/p0.jpg"));
    Files.write(in.resolve("img/cut.jpg"), Arrays.copyOf(whole, whole.length / 2));
    Files.copy(input.resolve("img/p0-q40.jpg"), in.resolve("img/q40.jpg"));
    Files.copy(input.resolve("img/p0.jpg"), in.resolve("img/p0.jpg"));
    ArrayNode records = JSON.createArrayNode();
    for (String image : List.of("cut.jpg", "q40.jpg", "p0.jpg")) {
      ObjectNode r = records.addObject().put("id", image).put("image", "img/" + image);
      r.putArray("conversations").add(JSON.createObjectNode().put("from", "human").put("value", "<image>"))
          .add(JSON.createObjectNode().put("from", "gpt").put("value", "a picture"));
    }
    Files.write(in.resolve("c.json"), JSON.writeValueAsBytes(records));

    RunSummary summary = PipelineRuns.run("webdataset", "--input=" + in.resolve("c.json"), "--dedup=phash", PipelineRuns.out(out));

    assertTrue(summary.balanced(), summary.toJson("webdataset").toString());
    assertEquals(Map.of("cut.jpg", "media_corrupt"), PipelineRuns.reasonsById(out));
    assertEquals(1, summary.get("dropped_near_duplicate"));
    assertEquals(1, summary.written());
    JsonNode drop = JSON.readTree(Files.readAllLines(out.resolve("_dropped/dropped-000000.jsonl")).get(0));
    assertEquals("p0.jpg", drop.get("id").asText());
    assertEquals(drop.get("duplicateOf").asText(), ShardReadBack.readAll(out).get(0).key(), "the copy kept is q40.jpg's sample");
  }
}
