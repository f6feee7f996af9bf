package io.omniprep.av.beam;

import io.omniprep.util.Sha256;
import io.omniprep.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * What made a video's extracted outputs: a SHA-256 over the task's settings and the video's bytes,
 * kept in {@code OUTPUT/.omniprep/extracted/STEM.made} once the outputs are complete. A rerun
 * resumes a video only when its outputs are complete and its stamp matches: an edited video, or
 * other options ({@code --sampleRate}, an interval), redo it; a stamp is a function of the bytes
 * and options alone, so it is the same wherever the data lies.
 */
final class ExtractionStamps {
  static final String DIRECTORY = ".omniprep/extracted/";

  private ExtractionStamps() {}

  static ResourceId location(ResourceId outputRoot, String stem) {
    return AtomicFiles.resolve(outputRoot, DIRECTORY + stem + ".made");
  }

  /** The stamp of {@code video} extracted with {@code settings}. */
  static String of(String settings, String video) throws IOException {
    MessageDigest sha = Sha256.newDigest();
    sha.update(settings.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    ResourceId id = FileSystems.matchNewResource(video, false);
    try (InputStream in = new DigestInputStream(Channels.newInputStream(FileSystems.open(id)), sha)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** Whether the stamp at {@code location} says {@code stamp}. */
  static boolean matches(ResourceId location, String stamp) throws IOException {
    if (!AtomicFiles.exists(location)) {
      return false;
    }
    try (InputStream in = Channels.newInputStream(FileSystems.open(location))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).equals(stamp);
    }
  }

  static void write(ResourceId location, String stamp) throws IOException {
    AtomicFiles.write(location, out -> out.write(stamp.getBytes(StandardCharsets.UTF_8)));
  }
}
