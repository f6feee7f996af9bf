package io.omniprep.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.omniprep.testing.Fixtures;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code samples.parquet} read by DuckDB (its own Parquet reader, not parquet-mr) and each shard's
 * {@code _stats.json}, both against figures the test computes itself from the input files and the
 * tars (javax.imageio for sizes, the JDK's SHA-256, the tars read back).
 */
class SampleTableTest {
  private static final Path PRETRAIN = Fixtures.testdata("llava-pretrain/blip_laion_cc_sbu_sample.json");
  private static final List<String> COLUMNS = List.of("key", "id", "source", "position", "shard", "split", "media_bytes",
      "tar_bytes", "width", "height", "duration", "sha256", "phash", "text_tokens", "image_tokens", "video_tokens", "total_tokens");

  /** What the test expects of one sample, from the input alone. */
  private record Expected(String id, long position, long bytes, int width, int height, String sha256) {}

  @Test
  void theTableAndTheStatsHoldWhatTheInputAndTheShardsSay(@TempDir Path out) throws Exception {
    PipelineRuns.run("webdataset", "--input=" + PRETRAIN, "--maxSamplesPerShard=5", PipelineRuns.out(out));

    JsonNode records = ShardReadBack.json(PRETRAIN);
    Map<String, Expected> byId = new TreeMap<>();
    for (int i = 0; i < records.size(); i++) {
      Path image = PRETRAIN.getParent().resolve(records.get(i).get("image").asText());
      byte[] bytes = Files.readAllBytes(image);
      BufferedImage decoded = ImageIO.read(image.toFile());
      byId.put(records.get(i).get("id").asText(), new Expected(records.get(i).get("id").asText(), i, bytes.length,
          decoded.getWidth(), decoded.getHeight(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))));
    }
    Map<String, ShardReadBack.ReadSample> shardByKey = new TreeMap<>();
    for (ShardReadBack.ReadSample s : ShardReadBack.readAll(out)) {
      shardByKey.put(s.key(), s);
    }
    String splitYaml = Fixtures.read(out.resolve(".nv-meta/split.yaml"));

    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement q = db.createStatement()) {
      String table = "read_parquet('" + out.resolve("samples.parquet") + "')";
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = q.executeQuery("DESCRIBE SELECT * FROM " + table)) {
        while (rs.next()) {
          columns.add(rs.getString("column_name"));
        }
      }
      assertEquals(COLUMNS, columns);

      long previousPosition = -1;
      int rows = 0;
      try (ResultSet rs = q.executeQuery("SELECT * FROM " + table)) {
        while (rs.next()) {
          rows++;
          Expected e = byId.get(rs.getString("id"));
          String key = rs.getString("key");
          ShardReadBack.ReadSample written = shardByKey.get(key);
          assertEquals(written.shard(), rs.getString("shard"), key);
          assertEquals(PRETRAIN.getFileName().toString(), rs.getString("source")); // under the inputs' common root
          assertEquals(e.position(), rs.getLong("position"));
          assertTrue(e.position() > previousPosition, "rows in input order (chunk order, record order)");
          previousPosition = e.position();
          assertEquals(e.bytes(), rs.getLong("media_bytes"));
          assertEquals(e.width(), rs.getInt("width"));
          assertEquals(e.height(), rs.getInt("height"));
          assertEquals(e.sha256(), rs.getString("sha256"));
          long tarBytes = written.parts().values().stream().mapToLong(b -> b.length).sum();
          assertEquals(tarBytes, rs.getLong("tar_bytes"));
          assertTrue(splitYaml.contains(rs.getString("split") + ":\n") && splitSection(splitYaml, rs.getString("split")).contains(written.shard()),
              key + " in its split's shard list");
          for (String unknown : List.of("duration", "phash", "text_tokens", "image_tokens", "video_tokens", "total_tokens")) {
            assertNull(rs.getObject(unknown), unknown);
          }
        }
      }
      assertEquals(records.size(), rows);
    }

    // Stats of every shard, from the tar read back and the input's images.
    Map<String, List<ShardReadBack.ReadSample>> byShard = new TreeMap<>();
    shardByKey.values().forEach(s -> byShard.computeIfAbsent(s.shard(), k -> new ArrayList<>()).add(s));
    assertEquals(14, byShard.size());
    for (Map.Entry<String, List<ShardReadBack.ReadSample>> shard : byShard.entrySet()) {
      String name = shard.getKey();
      JsonNode stats = ShardReadBack.json(out.resolve(name.replace(".tar", "_stats.json")));
      List<ShardReadBack.ReadSample> samples = shard.getValue();
      assertEquals(name, stats.get("shard").asText());
      assertEquals(samples.size(), stats.get("samples").asInt());
      assertEquals(Files.size(out.resolve(name)), stats.get("bytes").asLong());
      assertEquals(0, stats.get("failed").asInt());
      long[] tar = samples.stream().mapToLong(s -> s.parts().values().stream().mapToLong(b -> b.length).sum()).toArray();
      JsonNode tarFigure = stats.get("figures").get("tar_bytes");
      assertEquals(samples.size(), tarFigure.get("count").asInt());
      assertEquals(java.util.Arrays.stream(tar).min().getAsLong(), tarFigure.get("min").asLong());
      assertEquals(java.util.Arrays.stream(tar).max().getAsLong(), tarFigure.get("max").asLong());
      assertEquals(java.util.Arrays.stream(tar).average().getAsDouble(), tarFigure.get("mean").asDouble(), 1e-9);
      assertTrue(stats.get("figures").get("duration").isNull());
      assertTrue(stats.get("figures").get("total_tokens").isNull());
    }
  }

  @Test
  void aRerunResumesAndTheTableIsByteIdentical(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    PipelineRuns.run("webdataset", "--input=" + PRETRAIN, "--maxSamplesPerShard=7", PipelineRuns.out(out));
    byte[] first = Files.readAllBytes(out.resolve("samples.parquet"));
    RunSummary rerun = PipelineRuns.run("webdataset", "--input=" + PRETRAIN, "--maxSamplesPerShard=7", PipelineRuns.out(out));
    assertTrue(rerun.get("shards_resumed") > 0);
    assertArrayEquals(first, Files.readAllBytes(out.resolve("samples.parquet")));
    Path clean = dir.resolve("clean");
    PipelineRuns.run("webdataset", "--input=" + PRETRAIN, "--maxSamplesPerShard=7", PipelineRuns.out(clean));
    assertArrayEquals(first, Files.readAllBytes(clean.resolve("samples.parquet")));
  }

  @Test
  void aChunkWhoseSamplesAllFailWhileWrittenLeavesAnEmptyTable(@TempDir Path dir) throws Exception {
    // A JPEG cut short after its header: it passes validation (which reads headers only) and fails in the writer.
    Path image = PRETRAIN.getParent().resolve(ShardReadBack.json(PRETRAIN).get(0).get("image").asText());
    byte[] whole = Files.readAllBytes(image);
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    Files.write(in.resolve("cut.jpg"), java.util.Arrays.copyOf(whole, whole.length / 2));
    Files.writeString(in.resolve("r.json"), "[{\"id\": \"cut\", \"image\": \"cut.jpg\", \"conversations\": ["
        + "{\"from\": \"human\", \"value\": \"<image>\\nWhat?\"}, {\"from\": \"gpt\", \"value\": \"A cut image.\"}]}]");
    Path out = dir.resolve("out");
    RunSummary summary = PipelineRuns.run("webdataset", "--input=" + in.resolve("r.json"), PipelineRuns.out(out));
    assertEquals(1, summary.failed(), summary.toJson("webdataset").toString());
    assertEquals(0, summary.written());
    String error = Files.readString(out.resolve("_errors/errors-000000.jsonl"));
    assertTrue(error.contains("\"stage\":\"write-webdataset\""), "failed in the writer, after its chunk was planned: " + error);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement q = db.createStatement();
        ResultSet rs = q.executeQuery("SELECT count(*) FROM read_parquet('" + out.resolve("samples.parquet") + "')")) {
      assertTrue(rs.next());
      assertEquals(0, rs.getLong(1));
    }
  }

  /** The lines of {@code split}'s list in split.yaml. */
  private static String splitSection(String yaml, String split) {
    int start = yaml.indexOf(split + ":\n");
    int end = yaml.indexOf(":\n", start + split.length() + 2);
    return end < 0 ? yaml.substring(start) : yaml.substring(start, yaml.lastIndexOf('\n', end));
  }
}
