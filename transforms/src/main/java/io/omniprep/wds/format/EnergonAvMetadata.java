package io.omniprep.wds.format;

import io.omniprep.av.AvMetadata;
import io.omniprep.json.PythonFloatRepr;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@code media_metadata} row Energon 7's {@code prepare --media-metadata-by-extension} makes
 * for a video or audio member: type {@code av} and its {@code AVMetadata} as JSON, fields in the
 * dataclass's order, unset ones left out, no spaces, floats as Python prints them: {@code
 * {"video_duration":2.0,"video_num_frames":20,"video_fps":10.0,"video_width":64,"video_height":48,
 * "audio_duration":2.0,"audio_channels":1,"audio_sample_rate":44100,"audio_num_samples":88200}}.
 * The values are {@link AvMetadata}'s, which computes them as Energon's decoder does.
 */
public final class EnergonAvMetadata {
  /** Energon's audio/video suffixes. */
  static final Set<String> EXTENSIONS =
      Set.of("aac", "avi", "flac", "m4a", "m4v", "mkv", "mov", "mp3", "mp4", "ogg", "wav", "webm");

  private EnergonAvMetadata() {}

  /** The row for {@code facts}. */
  public static EnergonIndexRows.Media of(AvMetadata facts) {
    StringJoiner json = new StringJoiner(",", "{", "}");
    put(json, "video_duration", facts.videoDuration());
    put(json, "video_num_frames", facts.videoFrames());
    put(json, "video_fps", facts.videoFps());
    put(json, "video_width", facts.videoWidth());
    put(json, "video_height", facts.videoHeight());
    put(json, "audio_duration", facts.audioDuration());
    put(json, "audio_channels", facts.audioChannels());
    put(json, "audio_sample_rate", facts.audioSampleRate());
    put(json, "audio_num_samples", facts.audioSamples());
    return new EnergonIndexRows.Media("av", json.toString());
  }

  private static void put(StringJoiner json, String key, @Nullable Number value) {
    if (value != null) {
      json.add("\"" + key + "\":" + (value instanceof Double ? PythonFloatRepr.repr(value.doubleValue()) : value.toString()));
    }
  }

  /**
   * Copies the member to a temporary file as it is written, for FFmpeg to probe once it is whole
   * (a container's index may come last). The file has no extension, as Energon's in-memory input
   * has no name for FFmpeg to guess the format from. Costs one local copy of the member and the
   * probe's reads ({@link AvMetadata}).
   */
  static final class SpoolCapture extends EnergonMediaMetadata.Capture {
    private final OutputStream out;
    private final Path file;
    private final OutputStream spool;

    SpoolCapture(OutputStream out) throws IOException {
      this.out = Objects.requireNonNull(out, "out");
      this.file = Files.createTempFile("omniprep-av-", "");
      this.spool = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      spool.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      spool.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    /** The member's row; null if FFmpeg cannot read it (Energon then stores none either). */
    @Override
    public EnergonIndexRows.@Nullable Media metadata() throws IOException {
      spool.close();
      try {
        return of(AvMetadata.probe(file));
      } catch (io.omniprep.av.AvException e) {
        return null;
      }
    }

    Path file() {
      return file;
    }

    @Override
    public void close() throws IOException {
      try {
        spool.close();
      } finally {
        Files.deleteIfExists(file);
      }
    }
  }
}
