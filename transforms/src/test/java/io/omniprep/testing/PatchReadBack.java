package io.omniprep.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads Ola patch references back as Ola's loader does: seek to {@code start_num}, read {@code size}. */
public final class PatchReadBack {
  private PatchReadBack() {}

  /** An image or audio reference's bytes; its {@code size} must be a plain int. {@code base} resolves relative patch paths. */
  public static byte[] blob(Path base, JsonNode ref) {
    assertTrue(ref.get("size").isIntegralNumber(), "size must be a plain int for images and audio: " + ref);
    return read(base.resolve(ref.get("patch").asText()), ref.get("start_num").asLong(), ref.get("size").asInt());
  }

  /** A video reference's frames, in order; its {@code size} must be a list. */
  public static List<byte[]> frames(Path base, JsonNode ref) {
    assertTrue(ref.get("size").isArray(), "size must be a list of frame lengths for videos: " + ref);
    Path patch = base.resolve(ref.get("patch").asText());
    long offset = ref.get("start_num").asLong();
    List<byte[]> frames = new ArrayList<>();
    for (JsonNode size : ref.get("size")) {
      frames.add(read(patch, offset, size.asInt()));
      offset += size.asLong();
    }
    return frames;
  }

  private static byte[] read(Path file, long offset, int length) {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      assertTrue(offset + length <= f.length(), "reference past the end of " + file);
      byte[] bytes = new byte[length];
      f.seek(offset);
      f.readFully(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
