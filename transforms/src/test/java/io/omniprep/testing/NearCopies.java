package io.omniprep.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A LLaVA input for perceptual dedup, generated: five unrelated pictures, and of some of them an
 * exact copy, a JPEG at another quality, a slightly smaller copy and a PNG, spread over two files
 * (chunks of 3 records cross them). Which records show the same picture is known by construction,
 * so the drops expected follow without hashing anything.
 */
public final class NearCopies {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A record: its file, position, image file and the picture it shows. */
  public record Rec(String file, int position, String image, int picture) {
    public String where() {
      return file + "#" + position;
    }
  }

  private final List<Rec> records = new ArrayList<>();

  private NearCopies() {}

  public List<Rec> records() {
    return records;
  }

  /** Writes {@code img/}, {@code a.json} and {@code b.json} under {@code dir}. */
  public static NearCopies write(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("img"));
    BufferedImage[] pictures = new BufferedImage[5];
    for (int p = 0; p < pictures.length; p++) {
      pictures[p] = Pictures.scene(100 + p, 320, 240); // seeds whose properties PerceptualHashTest checks
      Files.write(dir.resolve("img/p" + p + ".jpg"), Pictures.jpeg(pictures[p], 0.9f));
    }
    Files.copy(dir.resolve("img/p0.jpg"), dir.resolve("img/p0-copy.jpg"));
    Files.write(dir.resolve("img/p0-q40.jpg"), Pictures.jpeg(pictures[0], 0.4f));
    Files.write(dir.resolve("img/p0-small.jpg"), Pictures.jpeg(Pictures.resized(pictures[0], 288, 216), 0.9f));
    Files.write(dir.resolve("img/p1.png"), Pictures.png(pictures[1]));
    Files.write(dir.resolve("img/p3-q40.jpg"), Pictures.jpeg(pictures[3], 0.4f));

    NearCopies fixture = new NearCopies();
    fixture.file(dir, "a.json", "p0.jpg", 0, "p1.jpg", 1, "p0-q40.jpg", 0, "p2.jpg", 2, "p0-copy.jpg", 0, "p3-q40.jpg", 3, "p1.png", 1);
    fixture.file(dir, "b.json", "p3.jpg", 3, "p4.jpg", 4, "p0-small.jpg", 0);
    return fixture;
  }

  /** Dropped record → the record kept for it: of each picture's records, all but the first by (file, position). */
  public Map<String, String> expectedDrops() {
    Map<Integer, List<Rec>> byPicture = new TreeMap<>();
    records.forEach(r -> byPicture.computeIfAbsent(r.picture(), p -> new ArrayList<>()).add(r));
    Map<String, String> drops = new TreeMap<>();
    for (List<Rec> same : byPicture.values()) {
      same.sort(Comparator.comparing(Rec::file).thenComparingInt(Rec::position));
      same.subList(1, same.size()).forEach(r -> drops.put(r.where(), same.get(0).where()));
    }
    return drops;
  }

  private void file(Path dir, String name, Object... imageThenPicture) throws IOException {
    ArrayNode array = JSON.createArrayNode();
    for (int i = 0; i < imageThenPicture.length / 2; i++) {
      String image = "img/" + imageThenPicture[2 * i];
      var o = array.addObject();
      o.put("id", name + "-" + i);
      o.put("image", image);
      var turns = o.putArray("conversations");
      turns.addObject().put("from", "human").put("value", "<image>\nDescribe it.");
      turns.addObject().put("from", "gpt").put("value", "picture " + imageThenPicture[2 * i + 1]);
      records.add(new Rec(name, i, image, (Integer) imageThenPicture[2 * i + 1]));
    }
    Files.write(dir.resolve(name), JSON.writeValueAsBytes(array));
  }
}
