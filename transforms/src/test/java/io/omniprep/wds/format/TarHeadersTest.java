package io.omniprep.wds.format;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omniprep.testing.Python3;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Header cases too large to write for real: members over 8 GiB - 1. */
class TarHeadersTest {
  @TempDir Path tmp;

  @Test
  void largestUstarSizeNeedsNoPaxHeader() {
    byte[] h = TarHeaders.forRegularFile("a.bin", TarHeaders.MAX_OCTAL_11, 0);
    assertEquals(512, h.length);
    assertEquals("77777777777\0", new String(h, 124, 12, US_ASCII));
    RawTar.checkHeader(h);
  }

  @Test
  void sizeAbove8GiBGoesIntoAPaxRecordReadByCommonsCompress() throws IOException {
    long size = TarHeaders.MAX_OCTAL_11 + 2;
    byte[] h = TarHeaders.forRegularFile("huge.bin", size, 0);
    assertEquals(1536, h.length);
    assertEquals('x', h[156]);
    String records = new String(h, 512, 512, UTF_8);
    assertEquals("19 size=8589934593\n", records.substring(0, records.indexOf('\0')));
    assertEquals("00000000000\0", new String(h, 1024 + 124, 12, US_ASCII));
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(h))) {
      TarArchiveEntry e = in.getNextEntry();
      assertEquals("huge.bin", e.getName());
      assertEquals(size, e.getSize());
    }
  }

  @Test
  void pythonReadsTheBigSizeFromTheHeadersAlone() throws IOException {
    Python3.assumeAvailable();
    long size = 20L * 1024 * 1024 * 1024 + 5;
    Path file = tmp.resolve("headers.bin");
    Files.write(file, TarHeaders.forRegularFile("x/" + "y".repeat(150), size, 0));
    String out = Python3.runText(String.join("\n",
        "import sys, tarfile",
        "with open(sys.argv[1], 'rb') as f:",
        "    m = tarfile.open(fileobj=f, mode='r|').next()",
        "    print(m.name, m.size, m.offset, m.offset_data)"), "", file.toString());
    assertEquals("x/" + "y".repeat(150) + " " + size + " 0 1536\n", out);
  }

  @Test
  void paxRecordLengthCountsItsOwnDigits() {
    // "a=bcdef" plus space and newline is 9 bytes; one length digit would make 10, which has
    // two digits, so the record is 11 bytes long.
    assertEquals("11 a=bcdef\n", new String(TarHeaders.paxRecord("a", "bcdef"), UTF_8));
    assertEquals("9 a=bcde\n", new String(TarHeaders.paxRecord("a", "bcde"), UTF_8));
    String v = "é".repeat(50);
    byte[] r = TarHeaders.paxRecord("path", v);
    assertEquals(Integer.parseInt(new String(r, 0, 3, US_ASCII)), r.length);
  }

  @Test
  void nonAsciiNameKeepsAnAsciiStandInInTheUstarField() {
    byte[] h = TarHeaders.forRegularFile("é\uD83D\uDE00.txt", 0, 0);
    assertEquals(1536, h.length);
    byte[] name = Arrays.copyOfRange(h, 1024, 1024 + 7);
    assertEquals("??.txt\0", new String(name, US_ASCII));
  }
}
