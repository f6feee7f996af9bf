package io.omniprep.wds;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One tar member of a sample: its extension (the member is {@code KEY.extension}), its exact size
 * (a tar header needs it before the data) and what writes its bytes. Small parts hold their bytes;
 * large ones (video and audio files) stream from their source when written.
 */
public record TarPart(String extension, long size, Content content) {
  /** Writes exactly {@link #size()} bytes. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  public static TarPart of(String extension, byte[] bytes) {
    return new TarPart(extension, bytes.length, out -> out.write(bytes));
  }

  public static TarPart utf8(String extension, String text) {
    return of(extension, text.getBytes(StandardCharsets.UTF_8));
  }
}
