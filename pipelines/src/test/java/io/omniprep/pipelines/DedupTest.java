package io.omniprep.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.omniprep.testing.Pictures;
import io.omniprep.testing.ShardReadBack;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dedup=media|sample} on generated images: distinct images, exact copies under other
 * names, re-encoded near-copies (another JPEG quality, which exact dedup must keep), repeats across
 * chunks and across input files. The expected drops are computed here from the files' bytes and
 * the records' text, independently of the pipeline.
 */
class DedupTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private static Path input;

  /** One record of the fixture. */
  private record Rec(String file, String source, int position, String image, String caption) {}

  private static final List<Rec> RECORDS = new ArrayList<>();

  @BeforeAll
  static void makeFixture() throws Exception {
    input = dir.resolve("in");
    Files.createDirectories(input.resolve("img"));
    BufferedImage a = noise(1);
    BufferedImage b = noise(2);
    BufferedImage c = noise(3);
    write(input.resolve("img/a.jpg"), Pictures.jpeg(a, 0.9f));
    write(input.resolve("img/a-copy.jpg"), Files.readAllBytes(input.resolve("img/a.jpg")));
    write(input.resolve("img/a-q60.jpg"), Pictures.jpeg(a, 0.6f)); // a near-copy: not the same bytes
    write(input.resolve("img/b.jpg"), Pictures.jpeg(b, 0.9f));
    write(input.resolve("img/c.jpg"), Pictures.jpeg(c, 0.9f));
    write(input.resolve("img/c-copy.jpg"), Files.readAllBytes(input.resolve("img/c.jpg")));
    // a.json: 7 records (chunks of 3: positions 0-2, 3-5, 6); b.json: 3 records, a copy of c at 0.
    records("a.json", List.of(
        new String[] {"img/a.jpg", "a red square"},
        new String[] {"img/b.jpg", "a blue circle"},
        new String[] {"img/a-copy.jpg", "another caption"}, // media dup of 0, not a sample dup
        new String[] {"img/a-q60.jpg", "a red square"}, // near-copy: kept by exact dedup
        new String[] {"img/b.jpg", "a blue circle"}, // media and sample dup of 1 (same file, same text)
        new String[] {"img/c.jpg", "green lines"},
        new String[] {"img/a-copy.jpg", "a red square"})); // media and sample dup of 0 (same bytes, same text)
    records("b.json", List.of(
        new String[] {"img/c-copy.jpg", "green lines"}, // dup of a.json 5 in both modes: a.json sorts first
        new String[] {"img/b.jpg", "something else"}, // media dup of a.json 1
        new String[] {"img/c.jpg", "green lines"})); // dup of a.json 5 in both modes
  }

  @Test
  void mediaDedupDropsExactlyTheRepeatsOfMediaBytes(@TempDir Path out) throws Exception {
    check("media", out);
  }

  @Test
  void sampleDedupAlsoComparesTheConversation(@TempDir Path out) throws Exception {
    check("sample", out);
  }

  /** The copies that dedup drops are the same when the samples are shuffled (decided before, by record order). */
  @Test
  void mediaDedupDropsTheSameRepeatsWhenShuffled(@TempDir Path out) throws Exception {
    check("media", out, "--shuffle=17");
  }

  private static void check(String mode, Path out, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("--input=" + input + "/*.json", "--maxSamplesPerShard=3", "--dedup=" + mode, PipelineRuns.out(out)));
    args.addAll(List.of(more));
    RunSummary summary = PipelineRuns.run("webdataset", args.toArray(new String[0]));

    // Expected: records grouped by identity, the first by (source, position) kept.
    Map<String, List<Rec>> byIdentity = new HashMap<>();
    for (Rec r : RECORDS) {
      byte[] media = Files.readAllBytes(input.resolve(r.image()));
      String identity = sha256(media) + (mode.equals("sample") ? "|" + r.caption() : "");
      byIdentity.computeIfAbsent(identity, k -> new ArrayList<>()).add(r);
    }
    Map<String, String> expectedDrops = new TreeMap<>(); // dropped (source#position) -> kept (source#position)
    for (List<Rec> group : byIdentity.values()) {
      group.sort(Comparator.comparing(Rec::source).thenComparingInt(Rec::position));
      for (Rec copy : group.subList(1, group.size())) {
        expectedDrops.put(where(copy), where(group.get(0)));
      }
    }
    assertEquals(mode.equals("media") ? 6 : 4, expectedDrops.size(), "the fixture is what the test means it to be");

    assertTrue(summary.balanced(), summary.toJson("webdataset").toString());
    assertEquals(RECORDS.size(), summary.read());
    assertEquals(expectedDrops.size(), summary.get("records_dropped"));
    assertEquals(expectedDrops.size(), summary.get("dropped_duplicate"));
    assertEquals(RECORDS.size() - expectedDrops.size(), summary.written());
    assertEquals(0, summary.failed());

    // Where each written key came from, by DuckDB from samples.parquet; and the tars hold exactly those keys.
    // Its sha256 column is that of the record's image file.
    Map<String, String> whereByKey = new TreeMap<>();
    Map<String, String> shaByWhere = new TreeMap<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement q = db.createStatement();
        ResultSet rs = q.executeQuery("SELECT key, source, position, sha256 FROM read_parquet('" + out.resolve("samples.parquet") + "')")) {
      while (rs.next()) {
        String where = Path.of(rs.getString("source")).getFileName() + "#" + rs.getLong("position");
        whereByKey.put(rs.getString("key"), where);
        shaByWhere.put(where, rs.getString("sha256"));
      }
    }
    for (Rec r : RECORDS) {
      if (shaByWhere.containsKey(where(r))) {
        assertEquals(sha256(Files.readAllBytes(input.resolve(r.image()))), shaByWhere.get(where(r)), where(r));
      }
    }
    Set<String> inShards = new TreeSet<>();
    ShardReadBack.readAll(out).forEach(s -> inShards.add(s.key()));
    assertEquals(whereByKey.keySet(), inShards);
    Set<String> expectedKept = new TreeSet<>();
    RECORDS.stream().map(DedupTest::where).filter(w -> !expectedDrops.containsKey(w)).forEach(expectedKept::add);
    assertEquals(expectedKept, new TreeSet<>(whereByKey.values()));

    // _dropped/: each dropped sample once, with the key of the copy kept.
    Map<String, String> listed = new TreeMap<>();
    try (var parts = Files.list(out.resolve("_dropped"))) {
      for (Path part : parts.sorted().toList()) {
        for (String line : Files.readAllLines(part)) {
          JsonNode d = JSON.readTree(line);
          assertEquals("duplicate", d.get("reason").asText());
          String dropped = Path.of(d.get("source").asText()).getFileName() + "#" + d.get("position").asLong();
          assertTrue(listed.put(dropped, whereByKey.get(d.get("duplicateOf").asText())) == null, "listed once: " + dropped);
        }
      }
    }
    assertEquals(expectedDrops, listed);
  }

  private static String where(Rec r) {
    return r.source() + "#" + r.position();
  }

  private static void records(String file, List<String[]> rows) throws Exception {
    ArrayNode array = JSON.createArrayNode();
    for (int i = 0; i < rows.size(); i++) {
      var o = array.addObject();
      o.put("id", file + "-" + i);
      o.put("image", rows.get(i)[0]);
      var turns = o.putArray("conversations");
      turns.addObject().put("from", "human").put("value", "<image>\nDescribe it.");
      turns.addObject().put("from", "gpt").put("value", rows.get(i)[1]);
      RECORDS.add(new Rec(file, file, i, rows.get(i)[0], rows.get(i)[1]));
    }
    Files.write(input.resolve(file), JSON.writeValueAsBytes(array));
  }

  private static BufferedImage noise(long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    return image;
  }

  private static void write(Path file, byte[] bytes) throws Exception {
    Files.write(file, bytes);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
