package io.omniprep.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A LLaVA input for {@code --shuffle}, generated: {@code a.json} (an array of 40 records) and
 * {@code b.jsonl} (25 lines) showing five small pictures, three records of them bad (an image that
 * is not there, a record without a conversation, a line that is not JSON).
 */
public final class ShuffleInput {
  /** Records in both files. */
  public static final int RECORDS = 65;
  /** Records that fail: a-7 (no image), b-10 (no conversation), b-20 (not JSON). */
  public static final int FAILING = 3;

  private ShuffleInput() {}

  /** Writes {@code img/}, {@code a.json} and {@code b.jsonl} under {@code dir}; returns the {@code --input} value. */
  public static String write(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("img"));
    for (int p = 0; p < 5; p++) {
      Files.write(dir.resolve("img/p" + p + ".jpg"), Pictures.jpeg(Pictures.scene(p, 24, 16), 0.9f));
    }
    List<String> a = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      a.add(record("a-" + i, i == 7 ? "img/missing.jpg" : "img/p" + i % 5 + ".jpg", true));
    }
    Files.writeString(dir.resolve("a.json"), "[\n" + String.join(",\n", a) + "\n]\n");
    List<String> b = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      b.add(i == 20 ? "{\"id\": \"b-20\", this is not JSON" : record("b-" + i, "img/p" + i % 5 + ".jpg", i != 10));
    }
    Files.writeString(dir.resolve("b.jsonl"), String.join("\n", b) + "\n");
    return dir.resolve("a.json") + "," + dir.resolve("b.jsonl");
  }

  private static String record(String id, String image, boolean conversation) {
    String turns = conversation
        ? ", \"conversations\": [{\"from\": \"human\", \"value\": \"<image>\\nWhat is shown?\"}, {\"from\": \"gpt\", \"value\": \"shapes of " + id + "\"}]"
        : "";
    return "{\"id\": \"" + id + "\", \"image\": \"" + image + "\"" + turns + "}";
  }
}
