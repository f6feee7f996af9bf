package io.omniprep.av;

import java.util.Locale;

/**
 * The frame-folder layout of Pai-Megatron-Patch's {@code build_llava_frame_dataset.py}: for
 * {@code a/b/v1.mp4}, JPEGs {@code a/b/v1/frame_%06d.jpg} named by source frame index, plus
 * {@code a/b/v1.json} = {@code {"fps": "<fps/interval as Python str(float)>"}}.
 */
public final class FrameFolders {
  private FrameFolders() {}

  /**
   * {@code frame_%06d.jpg} for a source index. Lexicographic order equals frame order only below
   * 1,000,000 frames, as in the reference.
   */
  public static String frameFileName(long sourceIndex) {
    return String.format(Locale.ROOT, "frame_%06d.jpg", sourceIndex);
  }

  /**
   * The sidecar text exactly as Python's {@code json.dump({"fps": s}, f)} writes it, e.g.
   * {@code {"fps": "2.0"}}. {@code effectiveFps} comes from {@link FrameSelection#effectiveFps}, so
   * it never needs JSON escaping.
   */
  public static String fpsJson(String effectiveFps) {
    return "{\"fps\": \"" + effectiveFps + "\"}";
  }
}
