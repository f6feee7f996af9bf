package io.omniprep.lengths;

import io.omniprep.sample.Sample;
import io.omniprep.sample.Speakers;
import io.omniprep.sample.Turn;
import java.util.Locale;

/**
 * How a model's chat template lays a conversation out as text, for counting its tokens. Each
 * {@code <image>} and {@code <video>} placeholder becomes the model's vision markers around one pad
 * token (the processor later widens the pad to the visual tokens counted apart). To add a template:
 * a constant here with its layout of one turn and of the placeholders, and its name in {@code
 * --chatTemplate}'s description.
 */
public enum ChatTemplate {
  /**
   * Qwen2-VL and Qwen2.5-VL: ChatML ({@code <|im_start|>role\n...<|im_end|>\n}) with the default
   * system turn ({@code You are a helpful assistant.}) their template adds when a conversation has none.
   */
  QWEN2_VL("You are a helpful assistant."),
  /** Plain ChatML, the same turns without a default system turn (Qwen3-VL's template). */
  CHATML(null);

  public static final String IMAGE_PAD = "<|image_pad|>";
  public static final String VIDEO_PAD = "<|video_pad|>";
  private static final String VISION_START = "<|vision_start|>";
  private static final String VISION_END = "<|vision_end|>";
  private static final String IM_START = "<|im_start|>";
  private static final String IM_END = "<|im_end|>";
  /** The special tokens the templates write, between which the text is tokenized apart. */
  public static final java.util.List<String> MARKERS = java.util.List.of(IM_START, IM_END, VISION_START, VISION_END, IMAGE_PAD, VIDEO_PAD);

  private final String defaultSystem;

  ChatTemplate(String defaultSystem) {
    this.defaultSystem = defaultSystem;
  }

  /** {@code qwen2-vl} or {@code chatml}. */
  public static ChatTemplate parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown chat template '" + name + "' (expected qwen2-vl or chatml)", e);
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The conversation as the template lays it out. With {@code imageTokensAreVideos} (records that
   * mark videos with {@code <image>}) those placeholders get the video pad.
   */
  public String render(Sample sample, boolean imageTokensAreVideos) {
    StringBuilder out = new StringBuilder();
    boolean first = true;
    for (Turn turn : sample.turns()) {
      String role = Speakers.toRole(turn.speaker());
      if (first && defaultSystem != null && !role.equals("system")) {
        turn(out, "system", defaultSystem);
      }
      first = false;
      String text = turn.text()
          .replace("<image>", VISION_START + (imageTokensAreVideos ? VIDEO_PAD : IMAGE_PAD) + VISION_END)
          .replace("<video>", VISION_START + VIDEO_PAD + VISION_END);
      turn(out, role, text);
    }
    return out.toString();
  }

  private static void turn(StringBuilder out, String role, String text) {
    out.append(IM_START).append(role).append('\n').append(text).append(IM_END).append('\n');
  }
}
