package io.omniprep.sample;

import java.util.Set;

/** The speakers omniprep understands, and the mapping between LLaVA and ChatML role names. */
public final class Speakers {
  public static final Set<String> KNOWN = Set.of("human", "gpt", "system", "user", "assistant");

  private Speakers() {}

  public static boolean isKnown(String speaker) {
    return KNOWN.contains(speaker);
  }

  /** {@code human}→{@code user}, {@code gpt}→{@code assistant}; the others are kept. */
  public static String toRole(String speaker) {
    switch (speaker) {
      case "human":
        return "user";
      case "gpt":
        return "assistant";
      default:
        return speaker;
    }
  }

  /** {@code user}→{@code human}, {@code assistant}→{@code gpt}; the others are kept. */
  public static String toFrom(String speaker) {
    switch (speaker) {
      case "user":
        return "human";
      case "assistant":
        return "gpt";
      default:
        return speaker;
    }
  }

  /** Whether a turn is the model's answer. */
  public static boolean isAnswer(String speaker) {
    return "gpt".equals(speaker) || "assistant".equals(speaker);
  }
}
