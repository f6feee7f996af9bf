package io.omniprep.emova;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EMOVA speech units: integers 0..4095 from the EMOVA speech tokenizer, one per 40 ms. As text each
 * unit n is {@code <|speech_n|>} (decimal, no padding), with no separator between units. The
 * tokenizer's default "reduced" mode collapses runs of one repeated unit into one unit; units that
 * repeat later, not next to each other, are kept.
 */
public final class SpeechUnits {
  /** The size of the EMOVA unit vocabulary (8·8·8·8 FSQ codes). */
  public static final int VOCABULARY = 4096;

  private static final Pattern TOKEN = Pattern.compile("<\\|speech_(\\d+)\\|>");

  private SpeechUnits() {}

  /**
   * Units given as a token string ({@code "<|speech_12|><|speech_7|>"}), a list of integers, or a
   * list of token strings.
   *
   * @throws IllegalArgumentException for anything else, or a unit outside 0..4095
   */
  public static int[] parse(JsonNode value) {
    if (value.isTextual()) {
      return parse(value.asText());
    }
    if (!value.isArray()) {
      throw new IllegalArgumentException(
          "speech units must be a <|speech_N|> string or a list, not " + value.getNodeType());
    }
    int[] units = new int[value.size()];
    for (int i = 0; i < units.length; i++) {
      JsonNode item = value.get(i);
      if (item.isIntegralNumber() && item.canConvertToInt()) {
        units[i] = checked(item.intValue());
      } else if (item.isTextual() && parse(item.asText()).length == 1) {
        units[i] = parse(item.asText())[0];
      } else {
        throw new IllegalArgumentException("speech unit " + i + " is not a unit number: " + item);
      }
    }
    return units;
  }

  /** Units from their token string; whitespace between tokens is allowed, anything else is not. */
  public static int[] parse(String tokens) {
    Matcher m = TOKEN.matcher(tokens);
    int[] units = new int[16];
    int n = 0;
    int end = 0;
    while (m.find()) {
      if (!tokens.substring(end, m.start()).isBlank()) {
        throw new IllegalArgumentException(
            "not a speech unit token: '" + tokens.substring(end, m.start()) + "'");
      }
      if (n == units.length) {
        units = Arrays.copyOf(units, n * 2);
      }
      units[n++] = checked(Integer.parseInt(m.group(1)));
      end = m.end();
    }
    if (!tokens.substring(end).isBlank()) {
      throw new IllegalArgumentException(
          "not a speech unit token: '" + tokens.substring(end) + "'");
    }
    return Arrays.copyOf(units, n);
  }

  /** Runs of one repeated unit collapsed into one unit (the tokenizer's reduced mode). */
  public static int[] collapse(int[] units) {
    int[] out = new int[units.length];
    int n = 0;
    for (int unit : units) {
      if (n == 0 || out[n - 1] != unit) {
        out[n++] = unit;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** The token string: {@code <|speech_n|>} per unit, no separator. */
  public static String toTokens(int[] units) {
    StringBuilder out = new StringBuilder(units.length * 14);
    for (int unit : units) {
      out.append("<|speech_").append(unit).append("|>");
    }
    return out.toString();
  }

  private static int checked(int unit) {
    if (unit < 0 || unit >= VOCABULARY) {
      throw new IllegalArgumentException(
          "speech unit " + unit + " is outside 0.." + (VOCABULARY - 1));
    }
    return unit;
  }
}
