package io.omniprep.testing;

import io.omniprep.av.testing.TestVideos;
import io.omniprep.media.Images;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Media damaged in the ways that stop a training run, each made from a whole one, for the
 * {@code --verifyMedia} levels: which level refuses which follows from how it was made.
 */
public final class BrokenMedia {
  /** A file and the first level that refuses it ({@code null}: none, it is whole). */
  public record Medium(String name, String kind, String refusedFrom) {}

  /** Every medium {@link #write} makes, with the level that first refuses it. */
  public static final List<Medium> ALL = List.of(
      new Medium("good.jpg", "image", null),
      new Medium("good.png", "image", null),
      new Medium("page.jpg", "image", "header"), // HTML saved as .jpg
      new Medium("cut.jpg", "image", "header"), // the first half of good.jpg: no end marker
      new Medium("hollow.jpg", "image", "decode"), // the first half, then the end marker: its ends look whole
      new Medium("damaged.png", "image", "decode"), // good.png with its compressed pixels overwritten
      new Medium("good.mp4", "video", null),
      new Medium("truncated.mp4", "video", "decode"), // the first 40%: its index (at the end) is gone
      new Medium("cut.mp4", "video", "decode")); // faststart, first half: opens, its last frame is gone

  private BrokenMedia() {}

  /** Writes {@link #ALL} into {@code dir}. */
  public static void write(Path dir) throws Exception {
    BufferedImage noise = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(7);
    for (int y = 0; y < noise.getHeight(); y++) {
      for (int x = 0; x < noise.getWidth(); x++) {
        noise.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    byte[] jpeg = Images.encodeJpeg(noise, 90);
    Files.write(dir.resolve("good.jpg"), jpeg);
    Files.writeString(dir.resolve("page.jpg"), "<!DOCTYPE html><html><body>404 Not Found</body></html>\n", StandardCharsets.US_ASCII);
    byte[] half = Arrays.copyOf(jpeg, jpeg.length / 2);
    Files.write(dir.resolve("cut.jpg"), half);
    byte[] hollow = Arrays.copyOf(half, half.length + 2);
    hollow[half.length] = (byte) 0xFF;
    hollow[half.length + 1] = (byte) 0xD9;
    Files.write(dir.resolve("hollow.jpg"), hollow);

    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(noise, "png", png);
    byte[] pngBytes = png.toByteArray();
    Files.write(dir.resolve("good.png"), pngBytes);
    byte[] damaged = pngBytes.clone();
    int idat = indexOf(damaged, "IDAT".getBytes(StandardCharsets.US_ASCII));
    // past the zlib header, well before IEND: the deflate stream no longer inflates
    Arrays.fill(damaged, idat + 8, idat + 8 + 256, (byte) 0xFF);
    Files.write(dir.resolve("damaged.png"), damaged);

    TestVideos.write(dir.resolve("good.mp4"), TestVideos.spec());
    TestVideos.truncatedVideo(dir);
    TestVideos.truncatedFaststartVideo(dir);
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new IllegalArgumentException("not found");
  }
}
