package io.omniprep.validate;

import io.omniprep.sample.MediaKind;
import io.omniprep.sample.MediaRef;
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

  /** The placeholder tokens {@link #mismatch} counts, each by its index in {@link Counts}. */
  private static final String[] TOKENS = {"<image>", "<video>", "<speech>", "<audio>", "<image_gen>"};

  /**
   * A description of the first mismatch, or empty when the counts agree. Every sample is checked,
   * so the tokens are counted in one pass over each turn and the media in one pass over the list.
   */
  public static Optional<String> mismatch(Sample sample) {
    int[] tokens = tokenCounts(sample);
    int[] media = new int[MediaKind.values().length];
    for (MediaRef ref : sample.media()) {
      media[ref.kind().ordinal()]++;
    }
    int imageTokens = tokens[0];
    int videoTokens = tokens[1];
    int images = media[MediaKind.IMAGE.ordinal()];
    int videos = media[MediaKind.VIDEO.ordinal()];
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
    int audioTokens = tokens[2] + tokens[3];
    int audios = media[MediaKind.AUDIO.ordinal()] + media[MediaKind.AUDIO_Q.ordinal()];
    if (audioTokens != audios) {
      return Optional.of(describe(audioTokens, "<speech>/<audio>", audios, "audio"));
    }
    int genTokens = tokens[4];
    int gens = media[MediaKind.IMAGE_GEN.ordinal()];
    if (genTokens != gens) {
      return Optional.of(describe(genTokens, "<image_gen>", gens, "image_gen"));
    }
    return Optional.empty();
  }

  /**
   * Occurrences of each of {@link #TOKENS} over all turns, found at each {@code <}: a token holds no
   * other {@code <}, so no two occurrences overlap and this counts what {@link #count} does.
   */
  private static int[] tokenCounts(Sample sample) {
    int[] counts = new int[TOKENS.length];
    for (Turn turn : sample.turns()) {
      String text = turn.text();
      for (int i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
        for (int t = 0; t < TOKENS.length; t++) {
          if (text.startsWith(TOKENS[t], i)) {
            counts[t]++;
            break;
          }
        }
      }
    }
    return counts;
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
