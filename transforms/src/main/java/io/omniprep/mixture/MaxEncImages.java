package io.omniprep.mixture;

import java.io.Serializable;

/**
 * A dataset's {@code max_enc_images: {column: c, value: v}}: keep rows whose list in column c has
 * at most v items.
 */
public final class MaxEncImages implements Serializable {
  private final String column;
  private final int value;

  public MaxEncImages(String column, int value) {
    this.column = column;
    this.value = value;
  }

  public String column() {
    return column;
  }

  public int value() {
    return value;
  }
}
