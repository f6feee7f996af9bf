package io.omniprep.wds.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnergonIndexDbTest {
  private static List<EnergonIndexRows.Sample> shard(String prefix, long shift) {
    EnergonIndexRows.Builder b = new EnergonIndexRows.Builder();
    long at = 0;
    for (int i = 0; i < 3; i++) {
      for (String ext : List.of("jpg", "json")) {
        long header = at + shift;
        b.member(new TarMember(prefix + i + "." + ext, header, header + 512, 100),
            ext.equals("jpg") ? new EnergonIndexRows.Media("image", "{\"width\":1}") : null);
        at += 1024;
      }
    }
    return b.finish(at + shift);
  }

  private static String build(Path file, List<EnergonIndexRows.Sample> a, List<EnergonIndexRows.Sample> b) throws IOException {
    try (EnergonIndexDb db = new EnergonIndexDb(file)) {
      db.addShard("a.tar", a);
      db.addShard("b.tar", b);
      db.addSplits("split");
      db.finish();
      return db.uuid();
    }
  }

  @Test
  void rowsGroupMembersAsEnergonDoes() {
    List<EnergonIndexRows.Sample> rows = shard("k", 0);
    assertEquals(3, rows.size());
    assertEquals(new EnergonIndexRows.Sample("k1", 2048, 2048, List.of(
        new EnergonIndexRows.Part("jpg", 2560, 100, new EnergonIndexRows.Media("image", "{\"width\":1}")),
        new EnergonIndexRows.Part("json", 3584, 100, null))), rows.get(1));
    assertEquals(6144 - 4096, rows.get(2).byteSize(), "the last sample runs to the end-of-archive blocks");
    EnergonIndexRows.Builder b = new EnergonIndexRows.Builder();
    b.member(new TarMember("dir/x.y.z", 0, 512, 1), null);
    b.member(new TarMember("__meta__", 1024, 1536, 1), null);
    b.member(new TarMember("noext", 2048, 2560, 1), null);
    List<EnergonIndexRows.Sample> odd = b.finish(4096);
    assertEquals(List.of(new EnergonIndexRows.Sample("dir/x", 0, 4096, List.of(new EnergonIndexRows.Part("y.z", 512, 1, null)))), odd);
  }

  @Test
  void partFilesRoundTripAndCutOnesAreRefused() throws IOException {
    List<EnergonIndexRows.Sample> rows = shard("ключ-", 7);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EnergonIndexRows.write(out, rows);
    byte[] bytes = out.toByteArray();
    assertEquals(rows, EnergonIndexRows.read(new ByteArrayInputStream(bytes)));
    assertThrows(IOException.class, () -> EnergonIndexRows.read(new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length - 4))));
    assertThrows(IOException.class, () -> EnergonIndexRows.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})));
  }

  @Test
  void sameRowsSameBytesAndUuidOtherRowsOtherUuid(@TempDir Path dir) throws IOException {
    String u1 = build(dir.resolve("1.sqlite"), shard("a", 0), shard("b", 0));
    String u2 = build(dir.resolve("2.sqlite"), shard("a", 0), shard("b", 0));
    assertEquals(u1, u2);
    assertArrayEquals(Files.readAllBytes(dir.resolve("1.sqlite")), Files.readAllBytes(dir.resolve("2.sqlite")));
    assertNotEquals(u1, build(dir.resolve("3.sqlite"), shard("a", 0), shard("b", 512)));
    assertEquals(3, java.util.UUID.fromString(u1).version(), "a name-based UUID");
    assertFalse(Files.exists(dir.resolve("1.sqlite-journal")));
  }

  @Test
  void aDuplicateKeyIsReportedAsSuch(@TempDir Path dir) {
    IOException e = assertThrows(EnergonIndexDb.DuplicateKeyException.class, () -> build(dir.resolve("d.sqlite"), shard("a", 0), shard("a", 0)));
    assertTrue(e.getMessage().contains("b.tar"), e.getMessage());
  }

  private static byte[] png(int type) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(7, 5, type), "png", out);
    return out.toByteArray();
  }

  private static String image(byte[] b) {
    EnergonIndexRows.Media m = EnergonImageMetadata.of(b, b.length);
    return m == null ? null : m.json();
  }

  @Test
  void imageMetadataFromHeadersAsPillowNamesIt() throws IOException {
    assertEquals("{\"width\":7,\"height\":5,\"format\":\"PNG\",\"mode\":\"RGB\"}", image(png(BufferedImage.TYPE_INT_RGB)));
    assertEquals("{\"width\":7,\"height\":5,\"format\":\"PNG\",\"mode\":\"RGBA\"}", image(png(BufferedImage.TYPE_INT_ARGB)));
    assertEquals("{\"width\":7,\"height\":5,\"format\":\"PNG\",\"mode\":\"L\"}", image(png(BufferedImage.TYPE_BYTE_GRAY)));
    assertEquals("{\"width\":7,\"height\":5,\"format\":\"PNG\",\"mode\":\"1\"}", image(png(BufferedImage.TYPE_BYTE_BINARY)));
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(9, 4, BufferedImage.TYPE_BYTE_GRAY), "jpg", jpeg);
    assertEquals("{\"width\":9,\"height\":4,\"format\":\"JPEG\",\"mode\":\"L\"}", image(jpeg.toByteArray()));
    jpeg.reset();
    ImageIO.write(new BufferedImage(9, 4, BufferedImage.TYPE_INT_RGB), "jpg", jpeg);
    assertEquals("{\"width\":9,\"height\":4,\"format\":\"JPEG\",\"mode\":\"RGB\"}", image(jpeg.toByteArray()));
    assertNull(image(Arrays.copyOf(jpeg.toByteArray(), 20)), "a head cut before the frame header");
    // WebP: a VP8X header with the alpha flag, canvas 300x200
    byte[] webp = new byte[30];
    System.arraycopy("RIFF".getBytes(), 0, webp, 0, 4);
    System.arraycopy("WEBPVP8X".getBytes(), 0, webp, 8, 8);
    webp[20] = 0x10;
    webp[24] = (byte) 43;
    webp[25] = 1; // 299
    webp[27] = (byte) 199;
    assertEquals("{\"width\":300,\"height\":200,\"format\":\"WEBP\",\"mode\":\"RGBA\"}", image(webp));
    for (int piece : new int[] {1, 7, 4096, webp.length}) {
      byte[] png = png(BufferedImage.TYPE_INT_RGB);
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      EnergonImageMetadata.HeadCapture capture = new EnergonImageMetadata.HeadCapture(sink, png.length);
      for (int at = 0; at < png.length; at += piece) {
        capture.write(png, at, Math.min(piece, png.length - at));
      }
      assertArrayEquals(png, sink.toByteArray());
      assertEquals(image(png), capture.metadata().json(), "written in pieces of " + piece);
    }
    assertTrue(EnergonMediaMetadata.considered("k.0.JPG"));
    assertFalse(EnergonMediaMetadata.considered("k.jpgs"));
    assertFalse(EnergonMediaMetadata.considered("dir.jpg/k"));
  }
}
