package io.omniprep.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/** How the items of one text shard become bytes: a header, items with separators, a footer. */
public interface TextShardFormat<T> extends Serializable {
  void writeItem(T item, OutputStream out) throws IOException;

  default byte[] header() {
    return new byte[0];
  }

  default byte[] separator() {
    return new byte[0];
  }

  default byte[] footer() {
    return new byte[0];
  }

  /** JSON Lines: one item per line. */
  static <T> TextShardFormat<T> lines(ItemWriter<T> writer) {
    return new TextShardFormat<T>() {
      @Override
      public void writeItem(T item, OutputStream out) throws IOException {
        writer.write(item, out);
        out.write('\n');
      }
    };
  }

  /** A JSON array with one item per line: {@code [\n{...},\n{...}\n]\n}. */
  static <T> TextShardFormat<T> jsonArray(ItemWriter<T> writer) {
    return new TextShardFormat<T>() {
      @Override
      public void writeItem(T item, OutputStream out) throws IOException {
        writer.write(item, out);
      }

      @Override
      public byte[] header() {
        return "[\n".getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public byte[] separator() {
        return ",\n".getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public byte[] footer() {
        return "\n]\n".getBytes(StandardCharsets.UTF_8);
      }
    };
  }

  /** Writes one item's bytes. */
  @FunctionalInterface
  interface ItemWriter<T> extends Serializable {
    void write(T item, OutputStream out) throws IOException;
  }
}
