package io.omniprep.av.beam;

import io.omniprep.errors.Reason;
import io.omniprep.media.MediaException;
import io.omniprep.media.MediaPaths;
import io.omniprep.sample.MediaKind;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.Sample;
import io.omniprep.validate.UnreadMedia;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The WAVs a record names for its videos, as Ola's cross-modality records do ({@code "video":
 * "finevideo_videos/X.mp4", "audio": "finevideo_audios/X.wav"}): files the user makes from the
 * videos ({@code convert_mp4_wav.py}, or {@code extract-audio}), which therefore do not exist before
 * that step. A record names them when it has path videos and exactly as many {@code audio} paths,
 * each ending in {@code .wav}; the {@code i}-th is the WAV of the {@code i}-th video.
 *
 * <p>{@code extract-audio} writes each named WAV at that path relative to its output folder (a
 * target outside it is refused as {@code path_traversal}) and leaves the record as it is; {@code
 * extract-frames} neither reads nor checks them.
 */
public final class NamedAudio {
  private static final String FIELD = MediaKind.AUDIO.llavaField();

  private NamedAudio() {}

  /** Indices of the record's named WAVs, in order; empty when it names none (see the class comment). */
  public static List<Integer> indices(Sample s) {
    List<Integer> audio = new ArrayList<>();
    int videos = 0;
    for (int i = 0; i < s.media().size(); i++) {
      MediaRef ref = s.media().get(i);
      if (ExtractForRecords.extracts(ref)) {
        videos++;
      } else if (ref.kind() == MediaKind.AUDIO && ref.field().equals(FIELD)) {
        if (ref.location().isPatch() || !ref.location().path().endsWith(".wav")) {
          return List.of();
        }
        audio.add(i);
      }
    }
    return videos > 0 && audio.size() == videos ? audio : List.of();
  }

  /**
   * For {@code extract-audio}: the named WAVs are its outputs, not looked up; each must lie inside
   * {@code outputRoot}.
   */
  public static UnreadMedia writtenTo(String outputRoot) {
    return s -> {
      List<Integer> named = indices(s);
      for (int i : named) {
        relativeTo(outputRoot, s.media().get(i).location().path());
      }
      return new LinkedHashSet<>(named);
    };
  }

  /** For {@code extract-frames}: the audio of records with videos, which another stage makes. */
  public static UnreadMedia madeElsewhere() {
    return s -> {
      Set<Integer> audio = new LinkedHashSet<>();
      boolean videos = false;
      for (int i = 0; i < s.media().size(); i++) {
        MediaRef ref = s.media().get(i);
        videos |= ExtractForRecords.extracts(ref);
        if (ref.kind() == MediaKind.AUDIO && ref.field().equals(FIELD) && !ref.location().isPatch()) {
          audio.add(i);
        }
      }
      return videos ? audio : Set.of();
    };
  }

  /**
   * A named WAV's path under the output folder: a relative path normalised, an absolute one
   * relative to the folder.
   *
   * @throws MediaException {@code path_traversal} when it lies outside the output folder
   */
  static String relativeTo(String outputRoot, String path) throws MediaException {
    String root = MediaPaths.asDirectory(MediaPaths.stripFileScheme(outputRoot));
    String probe = MediaPaths.resolve(root, "_", true);
    String prefix = probe.substring(0, probe.length() - 1);
    String spec;
    try {
      spec = MediaPaths.resolve(root, path, true);
    } catch (MediaException e) {
      throw new MediaException(Reason.PATH_TRAVERSAL,
          "audio '" + path + "' would be written outside the output folder " + root + " (extract-audio writes a record's WAV there)");
    }
    return spec.substring(prefix.length());
  }
}
