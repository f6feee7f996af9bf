package io.omniprep.media;

import java.io.Serializable;

/** An image's container format and stored size, from its header; {@code width < 0} when the header could not be read. */
public record ImageFacts(String format, int width, int height) implements Serializable {
  public static ImageFacts unreadable(String format) {
    return new ImageFacts(format, -1, -1);
  }

  public boolean readable() {
    return width >= 0;
  }
}
