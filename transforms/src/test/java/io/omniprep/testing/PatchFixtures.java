package io.omniprep.testing;

import io.omniprep.av.testing.TestVideos;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * A small Ola-style corpus generated into a test folder: images (two sharing the basename {@code
 * cat.jpg} in different folders, one PNG, one used by two records), two videos (TestVideos: frame i
 * shows pattern i), a WAV, and {@code data.json} with image, multi-image, video, video+audio and
 * text-only records, each with an extra field that must survive untouched.
 */
public final class PatchFixtures {
  /** Frames of {@link #CLIP1} (2 s at 10 fps) and {@link #CLIP2} (3 s at 10 fps). */
  public static final int CLIP1_FRAMES = 20;
  public static final int CLIP2_FRAMES = 30;
  public static final double CLIP_FPS = 10;
  public static final String CLIP1 = "videos/clip1.mp4";
  public static final String CLIP2 = "videos/clip2.mp4";
  /** The records of data.json, in order; image paths relative to the folder. */
  public static final String DATA =
      "[\n"
          + "{\"id\": \"img-a\", \"image\": \"images/a/cat.jpg\", \"conversations\": [{\"from\": \"human\", \"value\": \"<image>\\nWhat is it?\"}, {\"from\": \"gpt\", \"value\": \"A cat.\"}], \"extra\": {\"k\": [1, 2.50, \"x\"]}},\n"
          + "{\"id\": \"img-b\", \"image\": \"images/b/cat.jpg\", \"conversations\": [{\"from\": \"human\", \"value\": \"<image>\\nAnd this?\"}, {\"from\": \"gpt\", \"value\": \"Another cat.\"}]},\n"
          + "{\"id\": 3, \"image\": [\"images/a/dog.png\", \"images/a/cat.jpg\"], \"conversations\": [{\"from\": \"human\", \"value\": \"<image><image>\\nCompare.\"}, {\"from\": \"gpt\", \"value\": \"Dog, cat.\"}]},\n"
          + "{\"id\": \"vid-1\", \"video\": \"" + CLIP1 + "\", \"conversations\": [{\"from\": \"human\", \"value\": \"<image>\\nDescribe.\"}, {\"from\": \"gpt\", \"value\": \"Squares.\"}], \"source\": \"synthetic\"},\n"
          + "{\"id\": \"vid-audio\", \"video\": \"" + CLIP2 + "\", \"audio\": \"audio/q1.wav\", \"conversations\": [{\"from\": \"human\", \"value\": \"<speech><image>\\n\"}, {\"from\": \"gpt\", \"value\": \"Heard it.\"}]},\n"
          + "{\"id\": \"text-only\", \"conversations\": [{\"from\": \"human\", \"value\": \"Hi\"}, {\"from\": \"gpt\", \"value\": \"Hello\"}]},\n"
          + "{\"id\": \"bird\", \"conversations\": [{\"from\": \"human\", \"value\": \"<image>\\nBird?\"}, {\"from\": \"gpt\", \"value\": \"Yes.\"}], \"image\": \"images/c/bird.jpg\"}\n"
          + "]\n";

  private PatchFixtures() {}

  /** Writes the corpus into {@code dir}; returns {@code dir/data.json}. */
  public static Path corpus(Path dir) {
    try {
      jpeg(dir.resolve("images/a/cat.jpg"), 1);
      jpeg(dir.resolve("images/b/cat.jpg"), 2);
      png(dir.resolve("images/a/dog.png"), 3);
      jpeg(dir.resolve("images/c/bird.jpg"), 4);
      Files.createDirectories(dir.resolve("videos"));
      TestVideos.write(dir.resolve(CLIP1), TestVideos.spec().withoutAudio());
      TestVideos.write(dir.resolve(CLIP2), TestVideos.spec().withDuration(3.0).withoutAudio());
      wav(dir.resolve("audio/q1.wav"));
      return Fixtures.write(dir.resolve("data.json"), DATA);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A small JPEG of seeded noise blocks (distinct bytes per seed). */
  public static Path jpeg(Path file, int seed) throws IOException {
    Files.createDirectories(file.getParent());
    ImageIO.write(noise(seed), "jpg", file.toFile());
    return file;
  }

  public static Path png(Path file, int seed) throws IOException {
    Files.createDirectories(file.getParent());
    ImageIO.write(noise(seed), "png", file.toFile());
    return file;
  }

  private static BufferedImage noise(int seed) {
    Random random = new Random(seed);
    BufferedImage img = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 24; y += 8) {
      for (int x = 0; x < 32; x += 8) {
        int rgb = random.nextInt(1 << 24);
        for (int dy = 0; dy < 8; dy++) {
          for (int dx = 0; dx < 8; dx++) {
            img.setRGB(x + dx, y + dy, rgb);
          }
        }
      }
    }
    return img;
  }

  /** A tenth of a second of 16 kHz mono 16-bit PCM. */
  public static Path wav(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] pcm = new byte[3200];
    for (int i = 0; i < pcm.length / 2; i++) {
      short s = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
      pcm[2 * i] = (byte) s;
      pcm[2 * i + 1] = (byte) (s >> 8);
    }
    AudioFormat format = new AudioFormat(16000, 16, 1, true, false);
    try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, pcm.length / 2)) {
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
    }
    return file;
  }
}
