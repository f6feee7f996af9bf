package io.omniprep.emova;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The EMOVA spoken-question instruction: {@link #CHAT_FORMAT} followed directly by the question's
 * unit string, as EMOVA's {@code assets/docs/Data.md} builds {@code query = chat_format +
 * speech_unit}. This text is the {@code value} of the human turn.
 */
public final class SpeechInstruction {
  /**
   * {@code chat_format} from EMOVA's Data.md, byte for byte. It is a Python raw string there, so
   * each {@code \n} in it is the two characters backslash and n, not a newline; the comma before
   * {@code "assistant response speech"} is the full-width {@code ，} (U+FF0C).
   */
  public static final String CHAT_FORMAT =
      "Please recognize the texts, emotion and pitch from the user question speech units and"
          + " provide the texts, emotion, pitch and speech units for the assistant response. \\n"
          + "Emotion should be chosen from [\"neutral\", \"happy\", \"sad\", \"angry\","
          + " \"surprised\", \"disgusted\", \"fearful\"]. \\n"
          + "Pitch should be chosen from [\"low\", \"normal\", \"high\"].\\n"
          + "Your output should be in json format.\\n"
          + "An output example is:\\n"
          + "{\"user question text\": \"\", \"user question emotion\": \"\", \"user question"
          + " pitch\": \"\", \"assistant response text\": \"\", \"assistant response emotion\":"
          + " \"\", \"assistant response pitch\": \"\"\uFF0C\"assistant response speech\": \"\"}\\n"
          + "\\n"
          + "user question speech:";

  private SpeechInstruction() {}

  /** The instruction for a question with these units: collapsed (reduced mode), then appended. */
  public static String forUnits(int[] units) {
    return CHAT_FORMAT + SpeechUnits.toTokens(SpeechUnits.collapse(units));
  }

  /**
   * As {@link #forUnits(int[])}, for units given as a token string or a list (see {@link
   * SpeechUnits#parse(JsonNode)}).
   */
  public static String forUnits(JsonNode units) {
    return forUnits(SpeechUnits.parse(units));
  }

  /**
   * The human turn's new text: the instruction, after the {@code <image>\n} the old text began
   * with, if it did (an image question keeps its image).
   */
  public static String humanTurn(String previousText, JsonNode units) {
    String prefix = previousText.startsWith("<image>\n") ? "<image>\n" : "";
    return prefix + forUnits(units);
  }
}
