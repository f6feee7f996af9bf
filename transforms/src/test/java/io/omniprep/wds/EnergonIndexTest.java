package io.omniprep.wds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.omniprep.json.PythonFloatRepr;
import io.omniprep.testing.Fixtures;
import io.omniprep.testing.ShardReadBack;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .nv-meta/index.sqlite} and {@code index.uuid} against the tar bytes: every offset the
 * index holds is compared with one found by walking the tar's headers here, independently of the
 * writer (ustar and PAX headers parsed by hand, grouped into samples as Energon groups them).
 */
class EnergonIndexTest {
  private static final Path PRETRAIN = Fixtures.testdata("llava-pretrain/blip_laion_cc_sbu_sample.json");
  private static final Set<String> CHECKED_BY_THEIR_TEST = Set.of("mp4", "wav", "gif", "bmp");
  private static final Pattern MEMBER = Pattern.compile("^((?:.*/|)[^.]+)[.]([^/]*)$");

  /** A member as found in the tar: header offset (PAX header if any), data offset, size. */
  record Found(String name, long header, long data, long size) {}

  /** Walks the tar's headers: a PAX 'x' header gives the next member's path; two zero blocks end it. */
  static List<Found> walk(byte[] tar, long[] end) {
    List<Found> out = new ArrayList<>();
    int pos = 0;
    while (true) {
      boolean zero = true;
      for (int i = pos; i < pos + 512 && zero; i++) {
        zero = tar[i] == 0;
      }
      if (zero) {
        end[0] = pos;
        return out;
      }
      int start = pos;
      String paxPath = null;
      if (tar[pos + 156] == 'x') {
        long size = octal(tar, pos + 124, 12);
        String records = new String(tar, pos + 512, (int) size, StandardCharsets.UTF_8);
        for (String r : records.split("\n")) {
          int at = r.indexOf(" path=");
          if (at >= 0) {
            paxPath = r.substring(at + 6);
          }
        }
        pos += 512 + (int) ((size + 511) / 512 * 512);
      }
      assertEquals('0', tar[pos + 156], "a regular file at " + pos);
      long size = octal(tar, pos + 124, 12);
      int n = 0;
      while (n < 100 && tar[pos + n] != 0) {
        n++;
      }
      String name = paxPath != null ? paxPath : new String(tar, pos, n, StandardCharsets.UTF_8);
      out.add(new Found(name, start, pos + 512, size));
      pos += 512 + (int) ((size + 511) / 512 * 512);
    }
  }

  private static long octal(byte[] b, int at, int len) {
    String s = new String(b, at, len, StandardCharsets.US_ASCII).replace("\0", "").trim();
    return Long.parseLong(s, 8);
  }

  private static Connection open(Path out) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:file:" + out.resolve(".nv-meta/index.sqlite") + "?mode=ro");
  }

  /** Checks every row of the index against the tars; returns the media_metadata rows by entry key. */
  static Map<String, String[]> checkAgainstTars(Path out) throws Exception {
    JsonNode counts = ShardReadBack.json(out.resolve(".nv-meta/.info.json")).get("shard_counts");
    List<String> shards = new ArrayList<>();
    counts.fieldNames().forEachRemaining(shards::add);
    List<String> expectedSamples = new ArrayList<>();
    List<String> expectedParts = new ArrayList<>();
    for (int id = 0; id < shards.size(); id++) {
      byte[] tar = Files.readAllBytes(out.resolve(shards.get(id)));
      long[] end = {0};
      List<Found> members = walk(tar, end);
      String key = null;
      long start = 0;
      int index = -1;
      for (Found m : members) {
        Matcher mm = MEMBER.matcher(m.name());
        assertTrue(mm.matches(), m.name());
        if (!mm.group(1).equals(key)) {
          if (key != null) {
            expectedSamples.add(id + "|" + key + "|" + index + "|" + start + "|" + (m.header() - start));
          }
          key = mm.group(1);
          start = m.header();
          index++;
        }
        expectedParts.add(id + "|" + index + "|" + mm.group(2) + "|" + m.data() + "|" + m.size());
        // the data really is there: the size bytes at the offset are the member's
        assertTrue(m.data() + m.size() <= tar.length);
      }
      expectedSamples.add(id + "|" + key + "|" + index + "|" + start + "|" + (end[0] - start));
      assertEquals(counts.get(shards.get(id)).asLong(), index + 1, shards.get(id));
    }
    List<String> samples = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    Map<String, String[]> media = new java.util.TreeMap<>();
    try (Connection c = open(out); Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery(
          "SELECT tar_file_id, sample_key, sample_index, byte_offset, byte_size FROM samples ORDER BY tar_file_id, sample_index")) {
        while (r.next()) {
          samples.add(r.getInt(1) + "|" + r.getString(2) + "|" + r.getInt(3) + "|" + r.getLong(4) + "|" + r.getLong(5));
        }
      }
      try (ResultSet r = s.executeQuery("SELECT tar_file_id, sample_index, part_name, content_byte_offset, content_byte_size "
          + "FROM sample_parts ORDER BY tar_file_id, sample_index, content_byte_offset")) {
        while (r.next()) {
          parts.add(r.getInt(1) + "|" + r.getInt(2) + "|" + r.getString(3) + "|" + r.getLong(4) + "|" + r.getLong(5));
        }
      }
      try (ResultSet r = s.executeQuery("SELECT entry_key, metadata_type, metadata_json FROM media_metadata")) {
        while (r.next()) {
          media.put(r.getString(1), new String[] {r.getString(2), r.getString(3)});
        }
      }
      Set<String> indexes = new HashSet<>();
      try (ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'index'")) {
        while (r.next()) {
          indexes.add(r.getString(1));
        }
      }
      assertTrue(indexes.containsAll(List.of("idx_samples_by_tar_and_idx", "idx_sample_parts_seq", "idx_sample_parts_full")), indexes.toString());
      try (ResultSet r = s.executeQuery("SELECT strategy, patterns FROM media_filters")) {
        assertTrue(r.next());
        assertEquals("EXTENSION", r.getString(1));
        assertEquals("", r.getString(2));
      }
    }
    assertEquals(expectedSamples, samples);
    assertEquals(expectedParts, parts);
    return media;
  }

  private static String mode(BufferedImage image) {
    int n = image.getColorModel().getNumComponents();
    return n == 1 ? "L" : n == 3 ? "RGB" : n == 4 ? "RGBA" : "?" + n;
  }

  /** The media rows are those of every image member, with the width and height ImageIO decodes. */
  private static void checkMedia(Path out, Map<String, String[]> media, Set<String> formats) throws IOException {
    int images = 0;
    int otherRows = 0;
    for (ShardReadBack.ReadSample s : ShardReadBack.readAll(out)) {
      for (Map.Entry<String, byte[]> part : s.parts().entrySet()) {
        String ext = part.getKey().substring(part.getKey().lastIndexOf('.') + 1);
        String entry = s.key() + "." + part.getKey();
        if (CHECKED_BY_THEIR_TEST.contains(ext)) {
          otherRows++; // video, audio, GIF and BMP rows: checked by the test that writes them
          continue;
        }
        if (!ext.equals("jpg") && !ext.equals("png")) {
          assertFalse(media.containsKey(entry), entry);
          continue;
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(part.getValue()));
        String format = ext.equals("jpg") ? "JPEG" : "PNG";
        formats.add(format);
        assertArrayEquals(new String[] {"image", "{\"width\":" + image.getWidth() + ",\"height\":" + image.getHeight()
            + ",\"format\":\"" + format + "\",\"mode\":\"" + mode(image) + "\"}"}, media.get(entry), entry);
        images++;
      }
    }
    assertEquals(images + otherRows, media.size(), "one media row per image, video or audio member and no other");
  }

  @Test
  void vqaIndexMatchesTheTarBytes(@TempDir Path out) throws Exception {
    WdsRun.run(PRETRAIN.toString(), out, WriteWebDataset.to(out.toString()).withMaxSamplesPerShard(10));
    Map<String, String[]> media = checkAgainstTars(out);
    Set<String> formats = new HashSet<>();
    checkMedia(out, media, formats);
    assertEquals(Set.of("JPEG"), formats);
    assertEquals(32, media.size());
    String uuid = Fixtures.read(out.resolve(".nv-meta/index.uuid"));
    assertEquals(uuid, UUID.fromString(uuid).toString(), "index.uuid is a bare UUID");
    JsonNode info = ShardReadBack.json(out.resolve(".nv-meta/.info.json"));
    assertEquals("7.4.0+omniprep", info.get("energon_version").asText());
  }

  @Test
  void rawLayoutIndexesPngAndMultiPartSamples(@TempDir Path out) throws Exception {
    WdsRun.run(PRETRAIN.toString(), out, WriteWebDataset.to(out.toString()).withMaxShardBytes(40_000).withLayout(Layout.RAW));
    Map<String, String[]> media = checkAgainstTars(out);
    Set<String> formats = new HashSet<>();
    checkMedia(out, media, formats);
    assertEquals(Set.of("JPEG", "PNG"), formats);
  }

  /**
   * Raw layout members in GIF, BMP, MP4 and WAV get rows too; expectations from how the media were
   * made: the images' sizes and pixel types, the WAVs' headers (written or parsed here), and
   * testdata/video/clip.mp4's generator settings (2 s, 10 fps, 64x48 H.264, 44.1 kHz mono AAC).
   */
  @Test
  void rawLayoutIndexesGifBmpVideoAndAudioMembers(@TempDir Path in, @TempDir Path out) throws Exception {
    Files.copy(Fixtures.testdata("video/clip.mp4"), in.resolve("clip.mp4"));
    Files.copy(Fixtures.testdata("jsonl/media/q0.wav"), in.resolve("q0.wav"));
    Files.write(in.resolve("s.wav"), io.omniprep.av.testing.Wavs.silence(8000, 2, 1000));
    ImageIO.write(new BufferedImage(9, 6, BufferedImage.TYPE_BYTE_GRAY), "gif", in.resolve("g.gif").toFile());
    ImageIO.write(new BufferedImage(5, 4, BufferedImage.TYPE_3BYTE_BGR), "bmp", in.resolve("b.bmp").toFile());
    String ask = "[{\"from\": \"human\", \"value\": \"%s\\nWhat is it?\"}, {\"from\": \"gpt\", \"value\": \"A test.\"}]";
    Files.writeString(in.resolve("records.json"), "["
        + "{\"id\": \"v\", \"video\": \"clip.mp4\", \"conversations\": " + String.format(ask, "<image>") + "},"
        + "{\"id\": \"q\", \"audio\": \"q0.wav\", \"conversations\": " + String.format(ask, "<speech>") + "},"
        + "{\"id\": \"s\", \"audio\": \"s.wav\", \"conversations\": " + String.format(ask, "<speech>") + "},"
        + "{\"id\": \"g\", \"image\": \"g.gif\", \"conversations\": " + String.format(ask, "<image>") + "},"
        + "{\"id\": \"b\", \"image\": \"b.bmp\", \"conversations\": " + String.format(ask, "<image>") + "}]");
    WdsRun.run(in.resolve("records.json").toString(), out, WriteWebDataset.to(out.toString()).withLayout(Layout.RAW));
    Map<String, String[]> media = checkAgainstTars(out);
    checkMedia(out, media, new HashSet<>());
    assertArrayEquals(new String[] {"image", "{\"width\":9,\"height\":6,\"format\":\"GIF\",\"mode\":\"L\"}"}, row(media, 3, "gif"));
    assertArrayEquals(new String[] {"image", "{\"width\":5,\"height\":4,\"format\":\"BMP\",\"mode\":\"RGB\"}"}, row(media, 4, "bmp"));
    for (int record : new int[] {1, 2}) {
      io.omniprep.av.testing.Wavs.Wav w = io.omniprep.av.testing.Wavs.read(in.resolve(record == 1 ? "q0.wav" : "s.wav"));
      assertArrayEquals(new String[] {"av", "{\"audio_duration\":" + PythonFloatRepr.repr(w.frames() * (1.0 / w.sampleRate()))
          + ",\"audio_channels\":" + w.channels() + ",\"audio_sample_rate\":" + w.sampleRate()
          + ",\"audio_num_samples\":" + w.frames() + "}"}, row(media, record, "wav"), "record " + record);
    }
    String[] video = row(media, 0, "mp4");
    assertEquals("av", video[0]);
    JsonNode v = new com.fasterxml.jackson.databind.ObjectMapper().readTree(video[1]);
    List<String> keys = new ArrayList<>();
    v.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("video_duration", "video_num_frames", "video_fps", "video_width", "video_height",
        "audio_duration", "audio_channels", "audio_sample_rate", "audio_num_samples"), keys);
    assertEquals(2.0, v.get("video_duration").doubleValue());
    assertEquals(20, v.get("video_num_frames").intValue());
    assertEquals(10.0, v.get("video_fps").doubleValue());
    assertEquals(64, v.get("video_width").intValue());
    assertEquals(48, v.get("video_height").intValue());
    assertEquals(2.0, v.get("audio_duration").doubleValue());
    assertEquals(1, v.get("audio_channels").intValue());
    assertEquals(44_100, v.get("audio_sample_rate").intValue());
    long samples = v.get("audio_num_samples").longValue();
    assertTrue(samples >= 88_200 && samples < 88_200 + 3 * 1024 && samples % 1024 == 0, "whole AAC frames: " + samples);
    assertEquals(5, media.size());
  }

  /** The row of record {@code n}'s member with extension {@code ext} (keys end in the record's position). */
  private static String[] row(Map<String, String[]> media, int n, String ext) {
    String suffix = String.format("-%09d.%s", n, ext);
    List<String> keys = media.keySet().stream().filter(k -> k.endsWith(suffix)).toList();
    assertEquals(1, keys.size(), suffix + " in " + media.keySet());
    return media.get(keys.get(0));
  }

  @Test
  void onAnObjectStoreTheIndexIsBuiltLocallyAndUploaded(@TempDir Path store, @TempDir Path local) throws Exception {
    io.omniprep.testing.ObjectStoreForTests.root = store;
    String output = io.omniprep.testing.ObjectStoreForTests.SCHEME + "://bucket/wds/";
    WdsRun.run(PRETRAIN.toString(), local, WriteWebDataset.to(output).withMaxSamplesPerShard(10));
    WdsRun.run(PRETRAIN.toString(), local.resolve("ref"), WriteWebDataset.to(local.resolve("ref").toString()).withMaxSamplesPerShard(10));
    Path out = store.resolve("bucket/wds");
    checkAgainstTars(out);
    assertArrayEquals(Files.readAllBytes(local.resolve("ref/.nv-meta/index.sqlite")), Files.readAllBytes(out.resolve(".nv-meta/index.sqlite")));
    assertEquals(Fixtures.read(local.resolve("ref/.nv-meta/index.uuid")), Fixtures.read(out.resolve(".nv-meta/index.uuid")));
  }

  @Test
  void theIndexIsDeterministicAndResumedShardsKeepTheirRows(@TempDir Path clean, @TempDir Path resumed, @TempDir Path other)
      throws Exception {
    WdsRun.run(PRETRAIN.toString(), clean, WriteWebDataset.to(clean.toString()).withMaxSamplesPerShard(10));
    WdsRun.run(PRETRAIN.toString(), resumed, WriteWebDataset.to(resumed.toString()).withMaxSamplesPerShard(10));
    byte[] sqlite = Files.readAllBytes(clean.resolve(".nv-meta/index.sqlite"));
    assertArrayEquals(sqlite, Files.readAllBytes(resumed.resolve(".nv-meta/index.sqlite")));
    // A shard whose rows file is gone is incomplete: written again (with its chunk, chunk 1), with its rows.
    Files.delete(resumed.resolve(".omniprep/index/shard-000003.tar.rows"));
    Files.delete(resumed.resolve(".nv-meta/index.sqlite"));
    long untouched = Files.getLastModifiedTime(resumed.resolve("shard-000000.tar")).toMillis();
    WdsRun.run(PRETRAIN.toString(), resumed, WriteWebDataset.to(resumed.toString()).withMaxSamplesPerShard(10));
    assertEquals(untouched, Files.getLastModifiedTime(resumed.resolve("shard-000000.tar")).toMillis(), "complete shards are skipped");
    assertTrue(Files.exists(resumed.resolve(".omniprep/index/shard-000003.tar.rows")));
    assertArrayEquals(sqlite, Files.readAllBytes(resumed.resolve(".nv-meta/index.sqlite")));
    assertEquals(Fixtures.read(clean.resolve(".nv-meta/index.uuid")), Fixtures.read(resumed.resolve(".nv-meta/index.uuid")));
    // Other shards (other offsets, other split): another uuid.
    WdsRun.run(PRETRAIN.toString(), other, WriteWebDataset.to(other.toString()).withMaxSamplesPerShard(5));
    assertNotEquals(Fixtures.read(clean.resolve(".nv-meta/index.uuid")), Fixtures.read(other.resolve(".nv-meta/index.uuid")));
    checkAgainstTars(other);
    assertFalse(Arrays.stream(clean.resolve(".nv-meta").toFile().list()).anyMatch(n -> n.endsWith(".tmp")));
  }

  /** The tree below {@code dir} as relative path → bytes, without the index and the writer's bookkeeping. */
  private static Map<String, String> shardsAndMetadata(Path dir) throws IOException {
    Map<String, String> files = new java.util.TreeMap<>();
    try (var walk = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        String name = dir.relativize(f).toString();
        if (!name.startsWith(".omniprep") && !name.startsWith(".nv-meta/index.")) {
          files.put(name, java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
        }
      }
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    return files;
  }

  @Test
  void withoutTheIndexTheSameShardsAndNoIndexFilesOrRows(@TempDir Path with, @TempDir Path without) throws Exception {
    WdsRun.run(PRETRAIN.toString(), with, WriteWebDataset.to(with.toString()).withMaxSamplesPerShard(10));
    WdsRun.run(PRETRAIN.toString(), without, WriteWebDataset.to(without.toString()).withMaxSamplesPerShard(10).withEnergonIndex(false));
    assertEquals(shardsAndMetadata(with), shardsAndMetadata(without));
    assertTrue(shardsAndMetadata(without).keySet().stream().anyMatch(n -> n.endsWith(".tar")));
    assertFalse(Files.exists(without.resolve(".nv-meta/index.sqlite")));
    assertFalse(Files.exists(without.resolve(".nv-meta/index.uuid")));
    assertFalse(Files.exists(without.resolve(".omniprep/index")) && Files.list(without.resolve(".omniprep/index")).findAny().isPresent(),
        "no index rows recorded");
    // Asked for later, the index is made: the shards without rows are written again, with them.
    WdsRun.run(PRETRAIN.toString(), without, WriteWebDataset.to(without.toString()).withMaxSamplesPerShard(10));
    assertArrayEquals(Files.readAllBytes(with.resolve(".nv-meta/index.sqlite")), Files.readAllBytes(without.resolve(".nv-meta/index.sqlite")));
    assertEquals(shardsAndMetadata(with), shardsAndMetadata(without));
    // Turned off again: the index of the earlier run is removed rather than left to describe other shards.
    WdsRun.run(PRETRAIN.toString(), without, WriteWebDataset.to(without.toString()).withMaxSamplesPerShard(10).withEnergonIndex(false));
    assertFalse(Files.exists(without.resolve(".nv-meta/index.sqlite")));
    assertFalse(Files.exists(without.resolve(".nv-meta/index.uuid")));
    assertEquals(shardsAndMetadata(with), shardsAndMetadata(without));
  }
}
