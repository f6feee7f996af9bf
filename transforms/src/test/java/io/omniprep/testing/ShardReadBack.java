package io.omniprep.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads written WebDataset output back with an independent tar reader (Commons Compress) and checks
 * it the way Energon and the {@code webdataset} library would: samples grouped by consecutive base
 * names, {@code .tar.idx} offsets on each sample's first header, counts as in {@code .info.json}.
 */
public final class ShardReadBack {
  /** Energon's and webdataset's member name rule: base name up to the first dot of the file name. */
  private static final Pattern MEMBER = Pattern.compile("^((?:.*/|)[^.]+)[.]([^/]*)$");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One sample as a reader sees it: its key and its parts (extension → bytes), in member order. */
  public record ReadSample(String shard, String key, Map<String, byte[]> parts) {}

  private ShardReadBack() {}

  /** Every sample of every shard listed in {@code .nv-meta/.info.json}, fully checked. */
  public static List<ReadSample> readAll(Path root) {
    JsonNode counts = json(root.resolve(".nv-meta/.info.json")).get("shard_counts");
    List<ReadSample> all = new ArrayList<>();
    for (var it = counts.fields(); it.hasNext(); ) {
      var e = it.next();
      List<ReadSample> samples = readShard(root, e.getKey());
      assertEquals(e.getValue().asLong(), samples.size(), "sample count of " + e.getKey() + " in .info.json");
      all.addAll(samples);
    }
    return all;
  }

  /** The samples of one shard, checking member grouping and the shard's {@code .tar.idx}. */
  public static List<ReadSample> readShard(Path root, String shard) {
    byte[] tar = bytes(root.resolve(shard));
    List<ReadSample> samples = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      TarArchiveEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        assertTrue(entry.isFile(), "regular files only: " + entry.getName());
        Matcher m = MEMBER.matcher(entry.getName());
        assertTrue(m.matches(), "member name has a key and an extension: " + entry.getName());
        String key = m.group(1);
        ReadSample last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
        if (last == null || !last.key().equals(key)) {
          for (ReadSample earlier : samples) {
            assertFalse(earlier.key().equals(key), "members of " + key + " are not consecutive in " + shard);
          }
          last = new ReadSample(shard, key, new LinkedHashMap<>());
          samples.add(last);
        }
        assertFalse(last.parts().containsKey(m.group(2)), "duplicate extension " + entry.getName());
        last.parts().put(m.group(2), in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long[] index = index(root.resolve(shard + ".idx"));
    assertEquals(samples.size() + 1, index.length, ".tar.idx of " + shard + " has one entry per sample plus the end");
    for (int i = 0; i < samples.size(); i++) {
      assertEquals(samples.get(i).key(), nameAt(tar, index[i]).split("\\.", 2)[0], "idx[" + i + "] of " + shard + " is the sample's first header");
    }
    assertTrue(index[samples.size()] <= tar.length - 1024, "last idx entry is where the end-of-archive blocks start");
    for (int i = (int) index[samples.size()]; i < tar.length; i++) {
      assertEquals(0, tar[i], "only zero blocks after the last member");
    }
    return samples;
  }

  /** The member name of the header at {@code offset}, following a PAX extended header if one is there. */
  static String nameAt(byte[] tar, long offset) {
    int pos = (int) offset;
    String paxPath = null;
    if (tar[pos + 156] == 'x') {
      long size = Long.parseLong(new String(tar, pos + 124, 11, StandardCharsets.US_ASCII).trim(), 8);
      String records = new String(tar, pos + 512, (int) size, StandardCharsets.UTF_8);
      for (String record : records.split("\n")) {
        int eq = record.indexOf(" path=");
        if (eq >= 0) {
          paxPath = record.substring(eq + 6);
        }
      }
      pos += 512 + (int) ((size + 511) / 512 * 512);
    }
    assertTrue(new String(tar, pos + 257, 5, StandardCharsets.US_ASCII).equals("ustar"), "ustar header at " + pos);
    if (paxPath != null) {
      return paxPath;
    }
    int end = pos;
    while (end < pos + 100 && tar[end] != 0) {
      end++;
    }
    return new String(tar, pos, end - pos, StandardCharsets.UTF_8);
  }

  public static long[] index(Path file) {
    ByteBuffer b = ByteBuffer.wrap(bytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    long[] out = new long[b.remaining() / 8];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.getLong();
    }
    return out;
  }

  /** SHA-256 of every file under {@code root} (relative path → hex), to compare whole outputs. */
  public static Map<String, String> digests(Path root) {
    Map<String, String> out = new TreeMap<>();
    for (String file : Fixtures.listFiles(root)) {
      try {
        out.put(file, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(root.resolve(file)))));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  public static JsonNode json(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode json(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
