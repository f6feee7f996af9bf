package io.omniprep.bench;

import io.omniprep.av.testing.TestVideos;
import io.omniprep.media.Images;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's data set, deterministic from its sizes, written once and reused:
 *
 * <ul>
 *   <li>{@code images/NNNNN/NNNNNNNNN.jpg} + {@code llava.json}: LLaVA-Pretrain-like records (one
 *       image, a question turn with {@code <image>}, a caption) and 384x384 photo-like JPEGs of
 *       20–60 KB. A pool of distinct pictures is encoded; every file is one of them with its own
 *       comment segment, so files are distinct bytes, valid JPEGs, and generating 50,000 of them is
 *       bound by the disk, not by the encoder.
 *   <li>{@code videos/clip_NNNN.mp4}: short H.264 + AAC clips (TestVideos, from the transforms
 *       test-jar).
 *   <li>{@code parse-N.json}: N records as one JSON array (media never opened: {@code
 *       --checkMedia=false}), for the parse memory target.
 * </ul>
 *
 * <p>Usage: {@code BenchData DIR images=N videos=M clipSeconds=S records=R1,R2,...}. Each part is
 * skipped when its completion marker exists.
 */
public final class BenchData {
  private static final int SIDE = 384;
  private static final int POOL = 1000;
  private static final String[] QUESTIONS = {
    "<image>\nDescribe the image concisely.",
    "Provide a brief description of the given image.\n<image>",
    "<image>\nGive a short and clear explanation of the subsequent image.",
    "Render a clear and concise summary of the photo.\n<image>",
    "<image>\nWrite a terse but informative summary of the picture.",
  };
  private static final String[] WORDS = (
      "a the red blue green old new small large wooden metal glass stone bright dark soft warm cold "
          + "city beach forest mountain river street table chair window door car bicycle dog cat bird "
          + "man woman child people group house building bridge tower garden field sky cloud sunset "
          + "light shadow night morning winter summer vintage modern luxury select premium handmade "
          + "portrait close up view of on in with near under over along across for and")
      .split(" ");

  private BenchData() {}

  public static void main(String[] args) throws Exception {
    Path dir = Paths.get(args[0]);
    int images = 0;
    int videos = 0;
    double clipSeconds = 8;
    List<Integer> records = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      switch (kv[0]) {
        case "images" -> images = Integer.parseInt(kv[1]);
        case "videos" -> videos = Integer.parseInt(kv[1]);
        case "clipSeconds" -> clipSeconds = Double.parseDouble(kv[1]);
        case "records" -> {
          for (String r : kv[1].split(",")) {
            records.add(Integer.parseInt(r));
          }
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Files.createDirectories(dir);
    if (images > 0) {
      int count = images;
      once(dir.resolve(".images-" + images), () -> writeImages(dir, count));
    }
    if (videos > 0) {
      double seconds = clipSeconds;
      int count = videos;
      once(dir.resolve(".videos-" + videos + "-" + seconds), () -> writeVideos(dir.resolve("videos"), count, seconds));
    }
    for (int n : records) {
      once(dir.resolve(".parse-" + n), () -> writeParseJson(dir.resolve("parse-" + n + ".json"), n));
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void once(Path marker, Step step) throws Exception {
    if (Files.exists(marker)) {
      return;
    }
    long t0 = System.nanoTime();
    step.run();
    Files.writeString(marker, "");
    System.err.printf(Locale.ROOT, "  generated %s in %.1f s%n", marker.getFileName().toString().substring(1),
        (System.nanoTime() - t0) / 1e9);
  }

  // ---- images and their records ----

  private static void writeImages(Path dir, int n) throws Exception {
    Path root = dir.resolve("images");
    int threads = Runtime.getRuntime().availableProcessors();
    byte[][] pool = new byte[Math.min(POOL, n)][];
    ExecutorService exec = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      AtomicInteger next = new AtomicInteger();
      for (int t = 0; t < threads; t++) {
        jobs.add(exec.submit(() -> {
          for (int i = next.getAndIncrement(); i < pool.length; i = next.getAndIncrement()) {
            pool[i] = picture(i);
          }
          return null;
        }));
      }
      for (Future<?> f : jobs) {
        f.get();
      }
    } finally {
      exec.shutdown();
    }
    try (BufferedWriter json = Files.newBufferedWriter(dir.resolve("llava.json"), StandardCharsets.UTF_8)) {
      json.write("[\n");
      for (int i = 0; i < n; i++) {
        String id = String.format(Locale.ROOT, "%09d", i);
        String rel = String.format(Locale.ROOT, "%05d/%s.jpg", i / 1000, id);
        Path file = root.resolve(rel);
        if (i % 1000 == 0) {
          Files.createDirectories(file.getParent());
        }
        try (OutputStream out = Files.newOutputStream(file)) {
          writeWithComment(pool[i % pool.length], "omniprep-bench " + id, out);
        }
        SplittableRandom r = new SplittableRandom(i * 7919L + 13);
        json.write(i == 0 ? "" : ",\n");
        json.write(record(id, rel, r));
      }
      json.write("\n]\n");
    }
  }

  static String record(String id, String image, SplittableRandom r) {
    return "{\"id\": \"" + id + "\", \"image\": \"" + image + "\", \"conversations\": [{\"from\": \"human\", \"value\": \""
        + QUESTIONS[r.nextInt(QUESTIONS.length)].replace("\n", "\\n") + "\"}, {\"from\": \"gpt\", \"value\": \""
        + caption(r) + "\"}]}";
  }

  private static String caption(SplittableRandom r) {
    int words = 6 + r.nextInt(14);
    StringBuilder sb = new StringBuilder();
    for (int w = 0; w < words; w++) {
      sb.append(w == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
    }
    return sb.toString();
  }

  /** SOI, a COM segment with {@code comment}, then the rest of the JPEG. */
  private static void writeWithComment(byte[] jpeg, String comment, OutputStream out) throws IOException {
    byte[] text = comment.getBytes(StandardCharsets.US_ASCII);
    out.write(jpeg, 0, 2);
    out.write(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) ((text.length + 2) >> 8), (byte) (text.length + 2)});
    out.write(text);
    out.write(jpeg, 2, jpeg.length - 2);
  }

  /**
   * A photo-like 384x384 picture: smooth colour gradients, a few soft blobs and grain, whose
   * strength is drawn per picture so the JPEG sizes spread over about 20–60 KB.
   */
  private static byte[] picture(int index) throws Exception {
    SplittableRandom r = new SplittableRandom(index * 31L + 7);
    BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_3BYTE_BGR);
    byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    double[] base = {r.nextDouble(40, 200), r.nextDouble(40, 200), r.nextDouble(40, 200)};
    double[] gx = {r.nextDouble(-0.3, 0.3), r.nextDouble(-0.3, 0.3), r.nextDouble(-0.3, 0.3)};
    double[] gy = {r.nextDouble(-0.3, 0.3), r.nextDouble(-0.3, 0.3), r.nextDouble(-0.3, 0.3)};
    int blobs = 3 + r.nextInt(6);
    // Gaussian blobs are separable: exp(-(dx²+dy²)/2s²) = ex[x] * ey[y], computed once per axis.
    double[][] ex = new double[blobs][SIDE];
    double[][] ey = new double[blobs][SIDE];
    double[][] tint = new double[blobs][];
    for (int b = 0; b < blobs; b++) {
      double cx = r.nextDouble(SIDE);
      double cy = r.nextDouble(SIDE);
      double s = r.nextDouble(20, 120);
      for (int i = 0; i < SIDE; i++) {
        ex[b][i] = Math.exp(-(i - cx) * (i - cx) / (2 * s * s));
        ey[b][i] = Math.exp(-(i - cy) * (i - cy) / (2 * s * s));
      }
      tint[b] = new double[] {r.nextDouble(-90, 90), r.nextDouble(-90, 90), r.nextDouble(-90, 90)};
    }
    double grain = r.nextDouble(6.5, 15.0);
    double[] c = new double[3];
    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        for (int ch = 0; ch < 3; ch++) {
          c[ch] = base[ch] + gx[ch] * x + gy[ch] * y;
        }
        for (int b = 0; b < blobs; b++) {
          double w = ex[b][x] * ey[b][y];
          c[0] += w * tint[b][0];
          c[1] += w * tint[b][1];
          c[2] += w * tint[b][2];
        }
        double noise = (r.nextDouble() - 0.5) * 2 * grain;
        int o = (y * SIDE + x) * 3;
        for (int ch = 0; ch < 3; ch++) {
          px[o + ch] = (byte) Math.max(0, Math.min(255, (int) (c[2 - ch] + noise + (r.nextDouble() - 0.5) * grain)));
        }
      }
    }
    return Images.encodeJpeg(img, 90);
  }

  // ---- videos ----

  private static void writeVideos(Path dir, int n, double seconds) throws Exception {
    Files.createDirectories(dir);
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService exec = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Path file = dir.resolve(String.format(Locale.ROOT, "clip_%04d.mp4", i));
        double tone = 220 + 20 * (i % 20);
        jobs.add(exec.submit(() -> TestVideos.write(file, TestVideos.spec()
            .withDuration(seconds).withFps(25).withSize(320, 240).withSampleRate(44_100).withAudioChannels(2).withTone(tone))));
      }
      for (Future<?> f : jobs) {
        f.get();
      }
    } finally {
      exec.shutdown();
    }
  }

  // ---- the parse-only inputs ----

  private static void writeParseJson(Path file, int n) throws IOException {
    try (BufferedWriter json = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      json.write("[\n");
      for (int i = 0; i < n; i++) {
        String id = String.format(Locale.ROOT, "%09d", i);
        SplittableRandom r = new SplittableRandom(i * 7919L + 13);
        json.write(i == 0 ? "" : ",\n");
        json.write(record(id, String.format(Locale.ROOT, "%05d/%s.jpg", i / 1000, id), r));
      }
      json.write("\n]\n");
    }
  }
}
