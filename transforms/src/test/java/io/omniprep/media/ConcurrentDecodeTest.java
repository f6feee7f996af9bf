package io.omniprep.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omniprep.util.Lookahead;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

/**
 * "Error reading PNG image data" once in 1,250 decodes: is image decoding sharing state across
 * threads? Many different PNGs (colour types, bit depths, interlaced or not) are checked and
 * converted at once, on Lookahead's pool as the shard writer does and on 16 threads, and each result
 * must be byte-identical to the same conversion done alone. ImageIO makes a new reader per call,
 * so nothing is shared; this test keeps it so.
 */
class ConcurrentDecodeTest {
  private static final int[] TYPES = {
    BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_BYTE_GRAY,
    BufferedImage.TYPE_USHORT_GRAY, BufferedImage.TYPE_BYTE_INDEXED, BufferedImage.TYPE_BYTE_BINARY};

  private static byte[] png(int index) throws Exception {
    Random random = new Random(index);
    int type = TYPES[index % TYPES.length];
    BufferedImage image = new BufferedImage(24 + random.nextInt(80), 16 + random.nextInt(60), type);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, ((x * 7 + y * 3 + index) % 256) << 16 | random.nextInt(256) << 8 | (y * 5) % 256 | random.nextInt(256) << 24);
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    // Every other image Adam7-interlaced: the reader's other decoding path.
    param.setProgressiveMode(index % 2 == 0 ? ImageWriteParam.MODE_DEFAULT : ImageWriteParam.MODE_DISABLED);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  private static byte[] convert(byte[] png) throws MediaException {
    return Images.asJpeg(png, 95, "test.png");
  }

  @Test
  void decodingAtOnceGivesWhatDecodingAloneGives() throws Exception {
    List<byte[]> pngs = new ArrayList<>();
    List<byte[]> alone = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      pngs.add(png(i));
      alone.add(convert(pngs.get(i)));
    }
    List<byte[]> rounds = new ArrayList<>();
    for (int r = 0; r < 6; r++) {
      rounds.addAll(pngs);
    }
    int i = 0;
    for (Lookahead.Outcome<byte[]> outcome : Lookahead.ordered(rounds, 64, ConcurrentDecodeTest::convert)) {
      assertArrayEquals(alone.get(i % pngs.size()), outcome.get(MediaException.class), "image " + (i % pngs.size()));
      i++;
    }
    assertEquals(rounds.size(), i);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<byte[]>> futures = new ArrayList<>();
      for (byte[] png : rounds) {
        futures.add(pool.submit(() -> convert(png)));
      }
      for (int k = 0; k < futures.size(); k++) {
        assertArrayEquals(alone.get(k % pngs.size()), futures.get(k).get(), "image " + (k % pngs.size()));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
