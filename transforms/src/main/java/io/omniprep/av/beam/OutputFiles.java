package io.omniprep.av.beam;

import io.omniprep.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Extraction outputs that appear only when complete. Locally a file is produced under a hidden
 * temporary name beside its target and renamed (one atomic rename, no copy); elsewhere it is
 * produced in a local temporary file and published with {@link AtomicFiles}.
 */
final class OutputFiles {
  private OutputFiles() {}

  /** A fresh local file to produce {@code target}'s content in, before {@link #publish}. */
  static Path staging(ResourceId target) throws IOException {
    if (!AtomicFiles.isLocal(target)) {
      return Files.createTempFile("omniprep-", ".tmp");
    }
    Path staged = Paths.get(AtomicFiles.temporaryBeside(target).toString());
    Files.createDirectories(staged.getParent());
    return staged;
  }

  /** Moves a file made by {@link #staging} to {@code target}, replacing it; the staged file is gone after. */
  static void publish(Path staged, ResourceId target) throws IOException {
    try {
      if (AtomicFiles.isLocal(target)) {
        Files.move(staged, Paths.get(target.toString()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } else {
        AtomicFiles.write(target, out -> Files.copy(staged, out));
      }
    } finally {
      Files.deleteIfExists(staged);
    }
  }

  /** Writes a small file atomically. */
  static void write(ResourceId target, byte[] bytes) throws IOException {
    AtomicFiles.write(target, out -> out.write(bytes));
  }

  /**
   * Writes one of many small files of a set whose completion is marked by another file. Object
   * stores publish an object only when its upload completes, so remote files are created directly
   * (a rename there is a copy plus a delete per file).
   */
  static void writeMember(ResourceId target, byte[] bytes) throws IOException {
    if (AtomicFiles.isLocal(target)) {
      write(target, bytes);
      return;
    }
    try (OutputStream out = Channels.newOutputStream(FileSystems.create(target, MimeTypes.BINARY))) {
      out.write(bytes);
    }
  }

  /** Deletes the files directly in {@code directory} (a directory spec) whose names match {@code glob}. */
  static void deleteMatching(String directory, String glob) throws IOException {
    ResourceId dir = FileSystems.matchNewResource(directory, true);
    if (AtomicFiles.isLocal(dir)) {
      Path path = Paths.get(dir.toString());
      if (Files.isDirectory(path)) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(path, glob)) {
          for (Path f : files) {
            Files.deleteIfExists(f);
          }
        }
      }
      return;
    }
    MatchResult match = FileSystems.match(List.of(directory + glob)).get(0);
    List<ResourceId> found = new ArrayList<>();
    if (match.status() == MatchResult.Status.OK) {
      for (MatchResult.Metadata m : match.metadata()) {
        found.add(m.resourceId());
      }
    }
    AtomicFiles.delete(found);
  }
}
