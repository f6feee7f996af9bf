package io.omniprep.validate;

import io.omniprep.sample.MediaKind;
import io.omniprep.sample.Sample;
import io.omniprep.sample.Turn;
import java.util.Optional;

/**
 * Placeholder tokens against media counts. The conventions differ by source, so the rule is:
 *
 * <ul>
 *   <li>visual: with any {@code <video>} token, {@code <image>} counts images and {@code <video>}
 *       counts videos (ShareGPT / Pai); without one, {@code <image>} counts images plus videos
 *       (LLaVA-Video and Ola put {@code <image>} for a video);
 *   <li>audio: {@code <speech>} plus {@code <audio>} count {@code audio} plus {@code audio_q} (Ola);
 *   <li>generation: {@code <image_gen>} counts {@code image_gen} (LaViDa-O).
 * </ul>
 */
public final class MediaTokens {
  private MediaTokens() {}

  /** A description of the first mismatch, or empty when the counts agree. */
  public static Optional<String> mismatch(Sample sample) {
    int imageTokens = count(sample, "<image>");
    int videoTokens = count(sample, "<video>");
    int images = sample.media(MediaKind.IMAGE).size();
    int videos = sample.media(MediaKind.VIDEO).size();
    if (videoTokens > 0) {
      if (imageTokens != images) {
        return Optional.of(describe(imageTokens, "<image>", images, "image"));
      }
      if (videoTokens != videos) {
        return Optional.of(describe(videoTokens, "<video>", videos, "video"));
      }
    } else if (imageTokens != images + videos) {
      return Optional.of(
          describe(imageTokens, "<image>", images + videos, videos == 0 ? "image" : "image or video"));
    }
    int audioTokens = count(sample, "<speech>") + count(sample, "<audio>");
    int audios = sample.media(MediaKind.AUDIO).size() + sample.media(MediaKind.AUDIO_Q).size();
    if (audioTokens != audios) {
      return Optional.of(describe(audioTokens, "<speech>/<audio>", audios, "audio"));
    }
    int genTokens = count(sample, "<image_gen>");
    int gens = sample.media(MediaKind.IMAGE_GEN).size();
    if (genTokens != gens) {
      return Optional.of(describe(genTokens, "<image_gen>", gens, "image_gen"));
    }
    return Optional.empty();
  }

  /** Occurrences of {@code token} over all turns. */
  public static int count(Sample sample, String token) {
    int n = 0;
    for (Turn turn : sample.turns()) {
      String text = turn.text();
      for (int i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + token.length())) {
        n++;
      }
    }
    return n;
  }

  private static String describe(int tokens, String token, int media, String kind) {
    return tokens + " " + token + " token" + (tokens == 1 ? "" : "s") + " but " + media + " " + kind
        + (media == 1 ? "" : "s");
  }

  /**
   * Whether a video-only record uses {@code <image>} for its videos (as LLaVA-Video's records do):
   * no images, no {@code <video>} token, one {@code <image>} per video.
   */
  public static boolean imageTokensStandForVideos(Sample s) {
    int videos = s.media(MediaKind.VIDEO).size();
    return videos > 0
        && s.media(MediaKind.IMAGE).isEmpty()
        && count(s, "<video>") == 0
        && count(s, "<image>") == videos;
  }
}
