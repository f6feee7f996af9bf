package io.omniprep.runners.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.omniprep.testing.Fixtures;
import io.omniprep.testing.ShardReadBack;
import io.omniprep.testing.ShardReadBack.ReadSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Comparisons of whole output folders between runs. */
public final class Outputs {
  /**
   * The hidden name {@code io.omniprep.io.AtomicFiles} writes a file under before renaming it:
   * {@code .NAME.<uuid>.tmp}. A writer killed mid-file leaves one behind; nothing reads it.
   */
  public static final Pattern TEMPORARY =
      Pattern.compile("(^|.*/)\\.[^/]+\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp$");

  private Outputs() {}

  /** SHA-256 of every file under {@code root} whose relative path passes {@code keep}. */
  public static Map<String, String> digests(Path root, Predicate<String> keep) {
    return ShardReadBack.digests(root).entrySet().stream()
        .filter(e -> keep.test(e.getKey()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
  }

  /** The temporary files left under {@code root}. */
  public static List<String> temporaries(Path root) {
    return Fixtures.listFiles(root).stream().filter(f -> TEMPORARY.matcher(f).matches()).collect(Collectors.toList());
  }

  /** Whether {@code secret} occurs in any file under {@code root}; names the first one. */
  public static void assertNowhere(String secret, Path root) {
    byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
    for (String file : Fixtures.listFiles(root)) {
      assertFalse(indexOf(ShardReadBack.bytes(root.resolve(file)), needle) >= 0, "the secret appears in " + file);
    }
  }

  /**
   * Asserts that two outputs of the same pipeline over the same input, read from two locations
   * ({@code sourceA} and {@code sourceB}, the input files as Beam names them, e.g. {@code
   * /x/testdata/a.json} and {@code s3://b/testdata/a.json}), are the same output: sample keys hold
   * a hash of the input's location ({@code stem-HASH8-position}) and error records name it, so
   * those are mapped from A's to B's; everything else must be equal byte for byte. Tar shards are
   * compared member by member (names mapped, contents equal) plus their lengths, {@code .idx} files
   * byte for byte, every other file as text (resume journals without their location-bound fingerprint).
   */
  public static void assertSameExceptInputLocation(Path a, String sourceA, String rootA, Path b, String sourceB, String rootB) {
    List<String> filesA = Fixtures.listFiles(a);
    assertEquals(filesA, Fixtures.listFiles(b), "the same files");
    String hashA = hash8(sourceA);
    String hashB = hash8(sourceB);
    for (String file : filesA) {
      byte[] bytesA = ShardReadBack.bytes(a.resolve(file));
      byte[] bytesB = ShardReadBack.bytes(b.resolve(file));
      if (file.endsWith(".tar")) {
        assertEquals(bytesA.length, bytesB.length, file + ": length");
        List<ReadSample> samplesA = ShardReadBack.readShard(a, file);
        List<ReadSample> samplesB = ShardReadBack.readShard(b, file);
        assertEquals(samplesA.size(), samplesB.size(), file + ": samples");
        for (int i = 0; i < samplesA.size(); i++) {
          ReadSample sa = samplesA.get(i);
          ReadSample sb = samplesB.get(i);
          assertEquals(sa.key().replace(hashA, hashB), sb.key(), file + ": key of sample " + i);
          assertEquals(sa.parts().keySet(), sb.parts().keySet(), file + ": members of " + sb.key());
          for (String ext : sa.parts().keySet()) {
            assertArrayEquals(sa.parts().get(ext), sb.parts().get(ext), file + ": " + sb.key() + "." + ext);
          }
        }
      } else if (file.endsWith(".idx")) {
        assertArrayEquals(bytesA, bytesB, file);
      } else if (file.endsWith(".parquet")) {
        // The sample table's source column names where each record was read from (as error
        // records do): compare its rows as text, locations mapped, not its compressed bytes.
        assertEquals(parquetRows(a.resolve(file)).replace(rootA, rootB).replace(hashA, hashB), parquetRows(b.resolve(file)), file);
      } else {
        String textA = new String(bytesA, StandardCharsets.UTF_8).replace(rootA, rootB).replace(hashA, hashB);
        String textB = new String(bytesB, StandardCharsets.UTF_8);
        if (file.startsWith(".omniprep/")) {
          // A resume journal's fingerprint hashes where its inputs and media were read from, on
          // purpose (a rerun on data elsewhere must not reuse it): compare everything else.
          textA = textA.replaceFirst("\"fingerprint\":\"[0-9a-f]{64}\"", "");
          textB = textB.replaceFirst("\"fingerprint\":\"[0-9a-f]{64}\"", "");
        }
        assertEquals(textA, textB, file);
      }
    }
  }

  /** The 8 hex digits of a location's SHA-256 that sample keys carry. */
  static String hash8(String source) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8)), 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Reads a small text file. */
  public static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every row of a Parquet file, as text, in order. */
  private static String parquetRows(Path file) {
    StringBuilder rows = new StringBuilder();
    try (org.apache.parquet.hadoop.ParquetReader<org.apache.parquet.example.data.Group> reader =
        org.apache.parquet.hadoop.ParquetReader.builder(
                new org.apache.parquet.hadoop.example.GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toUri()))
            .build()) {
      for (org.apache.parquet.example.data.Group row = reader.read(); row != null; row = reader.read()) {
        rows.append(row).append('\n');
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return rows.toString();
  }
}
