package io.omniprep.wds.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.testing.PatternStream;
import io.omniprep.testing.Python3;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarWriterTest {
  static final String NAME_100 = "n".repeat(96) + ".bin";
  static final String NAME_101 = "n".repeat(97) + ".bin";
  static final String LONG_PATH = "deep/".repeat(40) + "sample-000042.seg.json";
  static final String UNICODE = "clé/ünïcødé-\uD83D\uDE00.json";
  static final List<String> NAMES = List.of(
      "s0001.jpg", "s0001.json", "s0002.txt", NAME_100, NAME_101, LONG_PATH, UNICODE, "last.bin");
  static final int[] SIZES = {1, 511, 0, 512, 513, 3000, 17, 0};

  @TempDir Path tmp;

  record Fixture(byte[] tar, List<TarMember> members, long end) {}

  static Fixture writeFixture(Long mtime) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TarWriter w = mtime == null ? new TarWriter(out) : new TarWriter(out, mtime);
    List<TarMember> members = new ArrayList<>();
    for (int i = 0; i < NAMES.size(); i++) {
      byte[] data = PatternStream.bytes(SIZES[i], i);
      TarMember m = (i % 2 == 0)
          ? w.writeMember(NAMES.get(i), data)
          : w.writeMember(NAMES.get(i), data.length, new ByteArrayInputStream(data));
      members.add(m);
    }
    long end = w.finish();
    assertEquals(out.size(), w.position());
    return new Fixture(out.toByteArray(), members, end);
  }

  @Test
  void reportedOffsetsAreTheRawHeaderPositions() throws IOException {
    Fixture f = writeFixture(null);
    RawTar.Parsed parsed = RawTar.parse(f.tar());
    assertEquals(f.end(), parsed.endOffset());
    assertEquals(f.end() + 1024, f.tar().length);
    assertEquals(NAMES.size(), parsed.entries().size());
    for (int i = 0; i < NAMES.size(); i++) {
      RawTar.Entry raw = parsed.entries().get(i);
      TarMember m = f.members().get(i);
      assertEquals(new TarMember(NAMES.get(i), raw.headerOffset(), raw.dataOffset(), SIZES[i]), m);
      assertEquals(0, m.headerOffset() % 512);
      boolean needsPax = !NAMES.get(i).equals(NAME_100) && NAMES.get(i).getBytes(UTF_8).length > 100
          || NAMES.get(i).equals(UNICODE);
      assertEquals(needsPax, raw.hasPax(), NAMES.get(i));
      assertEquals(needsPax ? 1536 : 512, m.dataOffset() - m.headerOffset());
    }
    assertFalse(parsed.entries().get(3).hasPax(), "a 100-byte name fits the ustar field");
    assertTrue(parsed.entries().get(4).hasPax(), "a 101-byte name needs PAX");
  }

  @Test
  void commonsCompressReadsEveryMemberWithFixedMetadata() throws IOException {
    Fixture f = writeFixture(null);
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(f.tar()), "UTF-8")) {
      for (int i = 0; i < NAMES.size(); i++) {
        TarArchiveEntry e = in.getNextEntry();
        assertNotNull(e);
        assertEquals(NAMES.get(i), e.getName());
        assertEquals(SIZES[i], e.getSize());
        assertTrue(e.isFile());
        assertEquals(0444, e.getMode() & 07777);
        assertEquals(0, e.getLongUserId());
        assertEquals(0, e.getLongGroupId());
        assertEquals("", e.getUserName());
        assertEquals("", e.getGroupName());
        assertEquals(0, e.getLastModifiedTime().toMillis());
        assertArrayEquals(PatternStream.bytes(SIZES[i], i), in.readAllBytes());
      }
      assertNull(in.getNextEntry());
    }
  }

  @Test
  void everyHeaderOffsetStartsAReadableArchiveSlice() throws IOException {
    // Energon reads a sample by opening the shard at its .tar.idx offset.
    Fixture f = writeFixture(null);
    for (int i = 0; i < NAMES.size(); i++) {
      TarMember m = f.members().get(i);
      InputStream slice = new ByteArrayInputStream(f.tar(), (int) m.headerOffset(), f.tar().length);
      try (TarArchiveInputStream in = new TarArchiveInputStream(slice, "UTF-8")) {
        assertEquals(NAMES.get(i), in.getNextEntry().getName());
        assertArrayEquals(PatternStream.bytes(SIZES[i], i), in.readAllBytes());
      }
    }
  }

  @Test
  void sameInputsGiveIdenticalBytesAndMtimeIsTheOnlyKnob() throws IOException {
    Fixture a = writeFixture(null);
    Fixture b = writeFixture(0L);
    assertArrayEquals(a.tar(), b.tar());
    Fixture c = writeFixture(1_700_000_000L);
    assertEquals(a.tar().length, c.tar().length);
    assertFalse(java.util.Arrays.equals(a.tar(), c.tar()));
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(c.tar()))) {
      assertEquals(1_700_000_000_000L, in.getNextEntry().getLastModifiedTime().toMillis());
    }
  }

  @Test
  void pythonTarfileReadsNamesSizesOffsetsAndData() throws Exception {
    Python3.assumeAvailable();
    Fixture f = writeFixture(null);
    Path file = tmp.resolve("fixture.tar");
    Files.write(file, f.tar());
    String script = String.join("\n",
        "import sys, tarfile, json, hashlib",
        "out = []",
        "with tarfile.open(sys.argv[1]) as tf:",
        "    for m in tf:",
        "        data = tf.extractfile(m).read()",
        "        out.append([m.name, m.size, m.mode, m.uid, m.gid, m.uname, m.gname, m.mtime,",
        "                    m.offset, m.offset_data, m.isreg(), hashlib.sha256(data).hexdigest()])",
        "print(json.dumps(out))");
    JsonNode rows = new ObjectMapper().readTree(Python3.runText(script, "", file.toString()));
    assertEquals(NAMES.size(), rows.size());
    for (int i = 0; i < NAMES.size(); i++) {
      JsonNode r = rows.get(i);
      TarMember m = f.members().get(i);
      assertEquals(NAMES.get(i), r.get(0).textValue());
      assertEquals(SIZES[i], r.get(1).longValue());
      assertEquals(0444, r.get(2).intValue());
      assertEquals(0, r.get(3).intValue());
      assertEquals(0, r.get(4).intValue());
      assertEquals("", r.get(5).textValue());
      assertEquals("", r.get(6).textValue());
      assertEquals(0, r.get(7).intValue());
      assertEquals(m.headerOffset(), r.get(8).longValue(), "tarinfo.offset = first header block");
      assertEquals(m.dataOffset(), r.get(9).longValue());
      assertTrue(r.get(10).booleanValue());
      assertEquals(sha256(PatternStream.bytes(SIZES[i], i)), r.get(11).textValue());
    }
  }

  @Test
  void streamsALargeMemberBetweenSmallOnes() throws Exception {
    long big = 5L * 1024 * 1024 + 123;
    Path file = tmp.resolve("big.tar");
    TarMember member;
    long end;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      TarWriter w = new TarWriter(out);
      w.writeMember("a.txt", "x".getBytes(UTF_8));
      member = w.writeMember("b.bin", big, new PatternStream(big, 99));
      w.writeMember("c.txt", new byte[0]);
      end = w.finish();
    }
    assertEquals(1024, member.headerOffset());
    assertEquals(1536, member.dataOffset());
    assertEquals(1536 + (big + 511) / 512 * 512 + 512, end);
    assertEquals(end + 1024, Files.size(file));
    MessageDigest expected = MessageDigest.getInstance("SHA-256");
    expected.update(new PatternStream(big, 99).readAllBytes());
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(file))) {
      assertEquals("a.txt", in.getNextEntry().getName());
      TarArchiveEntry e = in.getNextEntry();
      assertEquals("b.bin", e.getName());
      assertEquals(big, e.getSize());
      MessageDigest actual = MessageDigest.getInstance("SHA-256");
      actual.update(in.readAllBytes());
      assertArrayEquals(expected.digest(), actual.digest());
      assertEquals("c.txt", in.getNextEntry().getName());
      assertNull(in.getNextEntry());
    }
  }

  @Test
  void streamOfTheWrongLengthFailsAndDisablesTheWriter() throws IOException {
    TarWriter shortW = new TarWriter(new ByteArrayOutputStream());
    IOException e1 = assertThrows(IOException.class,
        () -> shortW.writeMember("a.bin", 1000, new PatternStream(999, 1)));
    assertTrue(e1.getMessage().contains("999 of 1000"), e1.getMessage());
    assertThrows(IllegalStateException.class, () -> shortW.writeMember("b.bin", new byte[1]));
    assertThrows(IllegalStateException.class, shortW::finish);

    TarWriter longW = new TarWriter(new ByteArrayOutputStream());
    IOException e2 = assertThrows(IOException.class,
        () -> longW.writeMember("a.bin", 1000, new PatternStream(1001, 1)));
    assertTrue(e2.getMessage().contains("more than 1000"), e2.getMessage());
    assertThrows(IllegalStateException.class, longW::finish);
  }

  @Test
  void memberStreamEnforcesItsDeclaredSize() throws IOException {
    TarWriter w = new TarWriter(new ByteArrayOutputStream());
    TarWriter.MemberStream s = w.openMember("a.bin", 3);
    assertThrows(IllegalStateException.class, () -> w.openMember("b.bin", 1));
    s.write(new byte[2]);
    assertThrows(IOException.class, s::close);

    TarWriter w2 = new TarWriter(new ByteArrayOutputStream());
    TarWriter.MemberStream s2 = w2.openMember("a.bin", 3);
    assertThrows(IOException.class, () -> s2.write(new byte[4]));
  }

  @Test
  void memberStreamWritesThroughToTheSameBytes() throws IOException {
    byte[] data = PatternStream.bytes(1234, 5);
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    TarWriter wa = new TarWriter(a);
    try (TarWriter.MemberStream s = wa.openMember("x.bin", data.length)) {
      s.write(data, 0, 1000);
      s.write(data[1000]);
      s.write(data, 1001, data.length - 1001);
    }
    wa.finish();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    TarWriter wb = new TarWriter(b);
    wb.writeMember("x.bin", data);
    wb.finish();
    assertArrayEquals(b.toByteArray(), a.toByteArray());
  }

  @Test
  void rejectsNamesThatAreNotRegularFiles() {
    TarWriter w = new TarWriter(new ByteArrayOutputStream());
    for (String bad : List.of("", "dir/", "a\0b", "x\uD800y", "x\uDC00")) {
      assertThrows(IllegalArgumentException.class, () -> w.writeMember(bad, new byte[0]), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> new TarWriter(new ByteArrayOutputStream(), -1));
    assertThrows(IllegalArgumentException.class,
        () -> new TarWriter(new ByteArrayOutputStream(), TarHeaders.MAX_OCTAL_11 + 1));
  }

  @Test
  void emptyArchiveIsJustTheEndMarker() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(0, new TarWriter(out).finish());
    assertArrayEquals(new byte[1024], out.toByteArray());
  }

  static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
