package io.omniprep.wds.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.omniprep.testing.PatternStream;
import io.omniprep.testing.Python3;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarIndexTest {
  @TempDir Path tmp;

  /** Samples as (key, extensions); one key is long enough to need a PAX header. */
  static final List<List<String>> SAMPLES = List.of(
      List.of("s000", "jpg", "json"),
      List.of("sub/s001", "jpgs", "json", "videos"),
      List.of("k" + "x".repeat(120), "json"),
      List.of("s003", "txt"));

  record Shard(byte[] tar, long[] index, List<List<String>> memberNames) {}

  static Shard writeShard() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TarWriter w = new TarWriter(out);
    List<Long> starts = new ArrayList<>();
    List<List<String>> names = new ArrayList<>();
    int n = 0;
    for (List<String> sample : SAMPLES) {
      List<String> sampleNames = new ArrayList<>();
      for (int i = 1; i < sample.size(); i++) {
        String name = sample.get(0) + "." + sample.get(i);
        TarMember m = w.writeMember(name, PatternStream.bytes(100 * n, n));
        n++;
        if (i == 1) {
          starts.add(m.headerOffset());
        }
        sampleNames.add(name);
      }
      names.add(sampleNames);
    }
    starts.add(w.finish());
    long[] index = starts.stream().mapToLong(Long::longValue).toArray();
    return new Shard(out.toByteArray(), index, names);
  }

  @Test
  void layoutIsLittleEndianUint64WithNPlusOneEntries() {
    byte[] b = TarIndex.toBytes(new long[] {0, 1536, 0x1_0000_0200L});
    assertArrayEquals(new byte[] {
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 6, 0, 0, 0, 0, 0, 0,
        0, 2, 0, 0, 1, 0, 0, 0}, b);
    assertArrayEquals(new long[] {0, 1536, 0x1_0000_0200L}, TarIndex.fromBytes(b));
    assertEquals(2, TarIndex.sampleCount(TarIndex.fromBytes(b)));
  }

  @Test
  void streamsRoundTrip() throws IOException {
    long[] idx = {512, 2048, 4096};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TarIndex.write(out, idx);
    assertArrayEquals(idx, TarIndex.read(new ByteArrayInputStream(out.toByteArray())));
  }

  @Test
  void rejectsMalformedIndexes() {
    assertThrows(IllegalArgumentException.class, () -> TarIndex.toBytes(new long[0]));
    assertThrows(IllegalArgumentException.class, () -> TarIndex.toBytes(new long[] {0, 100}));
    assertThrows(IllegalArgumentException.class, () -> TarIndex.toBytes(new long[] {1024, 512}));
    assertThrows(IllegalArgumentException.class, () -> TarIndex.toBytes(new long[] {512, 512}));
    assertThrows(IllegalArgumentException.class, () -> TarIndex.toBytes(new long[] {-512}));
    assertThrows(IllegalArgumentException.class, () -> TarIndex.fromBytes(new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> TarIndex.fromBytes(new byte[12]));
  }

  @Test
  void eachIndexRangeHoldsExactlyOneSample() throws IOException {
    Shard s = writeShard();
    assertEquals(8 * (SAMPLES.size() + 1), TarIndex.toBytes(s.index()).length);
    assertEquals(s.tar().length - 1024, s.index()[SAMPLES.size()]);
    for (int i = 0; i < SAMPLES.size(); i++) {
      int from = (int) s.index()[i];
      int to = (int) s.index()[i + 1];
      List<String> names = new ArrayList<>();
      try (TarArchiveInputStream in = new TarArchiveInputStream(
          new ByteArrayInputStream(s.tar(), from, to - from), "UTF-8")) {
        TarArchiveEntry e;
        while ((e = in.getNextEntry()) != null) {
          names.add(e.getName());
        }
      }
      assertEquals(s.memberNames().get(i), names);
    }
  }

  @Test
  void pythonReadsSamplesByIndexLikeEnergon() throws IOException {
    Python3.assumeAvailable();
    Shard s = writeShard();
    Path tar = tmp.resolve("shard-0.tar");
    Files.write(tar, s.tar());
    Files.write(tmp.resolve(TarIndex.indexPathFor("shard-0.tar")), TarIndex.toBytes(s.index()));
    // Native-order 'Q' as energon reads it, then tarfile over each byte range.
    String script = String.join("\n",
        "import io, struct, sys, tarfile",
        "tar = open(sys.argv[1], 'rb').read()",
        "raw = open(sys.argv[2], 'rb').read()",
        "idx = struct.unpack('%dQ' % (len(raw) // 8), raw)",
        "for a, b in zip(idx, idx[1:]):",
        "    with tarfile.open(fileobj=io.BytesIO(tar[a:b])) as tf:",
        "        print(' '.join(m.name for m in tf))");
    String out = Python3.runText(script, "", tar.toString(), tmp.resolve("shard-0.tar.idx").toString());
    StringBuilder expected = new StringBuilder();
    for (List<String> names : s.memberNames()) {
      expected.append(String.join(" ", names)).append('\n');
    }
    assertEquals(expected.toString(), out);
  }

  @Test
  void indexPathReplacesTheLastSuffix() {
    assertEquals("pretrain-0.tar.idx", TarIndex.indexPathFor("pretrain-0.tar"));
    assertEquals("a/b/x.tar.idx", TarIndex.indexPathFor("a/b/x.tgz"));
    assertEquals("a.b/x.y.tar.idx", TarIndex.indexPathFor("a.b/x.y.tar"));
    assertEquals("dir/noext.tar.idx", TarIndex.indexPathFor("dir/noext"));
    assertEquals(".hidden.tar.idx", TarIndex.indexPathFor(".hidden"));
    assertThrows(IllegalArgumentException.class, () -> TarIndex.indexPathFor("dir/"));
  }

  @Test
  void emptyShardIndexHasOnlyTheEndEntry() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long end = new TarWriter(out).finish();
    byte[] idx = TarIndex.toBytes(new long[] {end});
    assertEquals(8, idx.length);
    assertEquals(0, TarIndex.sampleCount(TarIndex.fromBytes(idx)));
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      assertNull(in.getNextEntry());
    }
  }
}
