package io.omniprep.mixture;

import java.io.Serializable;

/** One thing wrong with a mixture YAML, and where: {@code FILE:LINE:COLUMN: message}. */
public final class ConfigProblem implements Serializable {
  private final String file;
  private final int line;
  private final int column;
  private final String message;

  public ConfigProblem(String file, int line, int column, String message) {
    this.file = file;
    this.line = line;
    this.column = column;
    this.message = message;
  }

  public String file() {
    return file;
  }

  /** 1-based; 0 when the problem concerns the whole file. */
  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  public String message() {
    return message;
  }

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ":" + column + ": " + message : file + ": " + message;
  }
}
