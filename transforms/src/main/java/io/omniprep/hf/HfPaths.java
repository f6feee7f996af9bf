package io.omniprep.hf;

import io.omniprep.io.AtomicFiles;
import io.omniprep.io.Folders;
import java.util.Locale;
import org.apache.beam.sdk.io.fs.ResourceId;

/** Where the conversion writes: images, annotation files, and the parts annotations are made of. */
final class HfPaths {
  private HfPaths() {}

  /** The image's path as the record names it: {@code CONFIG/INDEX.EXT}. */
  static String imageName(String config, long index, String extension) {
    return config + "/" + index + "." + extension;
  }

  static ResourceId file(String outputDirectory, String relative) {
    return AtomicFiles.resolve(AtomicFiles.directory(outputDirectory), relative);
  }

  static ResourceId annotations(String outputDirectory, String config) {
    return file(outputDirectory, "annotations/" + config + ".json");
  }

  /** The records of one file, written by the step that read it and joined in file order later. */
  static ResourceId part(String outputDirectory, String config, int fileIndex) {
    return file(
        outputDirectory,
        partsFolder(config) + String.format(Locale.ROOT, "part-%06d.json", fileIndex));
  }

  static ResourceId partsDirectory(String outputDirectory, String config) {
    return AtomicFiles.directory(AtomicFiles.directory(outputDirectory) + partsFolder(config));
  }

  private static String partsFolder(String config) {
    return "annotations/" + Folders.TEMPORARY + "/" + config + "/";
  }
}
