package io.omniprep.io;

/**
 * Output folders given as strings: one spelling without a trailing slash, and the hidden folder in
 * which a writer keeps its parts and scratch files until the output is complete.
 */
public final class Folders {
  /** The hidden working folder's name, under the output folder. */
  public static final String TEMPORARY = ".omniprep-tmp";

  private Folders() {}

  /** {@code folder} without trailing slashes, so that {@code folder + "/" + name} has one. */
  public static String withoutTrailingSlash(String folder) {
    int end = folder.length();
    while (end > 0 && folder.charAt(end - 1) == '/') {
      end--;
    }
    return folder.substring(0, end);
  }

  /** {@code OUTPUT/.omniprep-tmp/NAME}: a writer's working folder (or file) under the output folder. */
  public static String temporary(String outputFolder, String name) {
    return withoutTrailingSlash(outputFolder) + "/" + TEMPORARY + "/" + name;
  }
}
