package io.omniprep.preprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.emova.AttachSpeechUnits;
import io.omniprep.emova.SpeechInstruction;
import java.util.List;

/**
 * {@code emova_speech_question}: a LLaVA record whose first human turn was spoken. The turn's text
 * becomes the EMOVA speech instruction for the units in column {@code units_column} (default {@code
 * speech_units}; a {@code <|speech_N|>} string or a list of integers), keeping a leading {@code
 * <image>\n}; the units column is then dropped unless {@code keep_units_column} is true. Units held
 * in a separate file keyed by record id are joined on first with {@link AttachSpeechUnits}.
 */
public final class EmovaSpeechQuestion implements PreprocessFn {
  public static final String NAME = "emova_speech_question";

  private final String unitsColumn;
  private final boolean keepUnitsColumn;

  private EmovaSpeechQuestion(Kwargs kwargs) {
    this.unitsColumn = kwargs.string("units_column", AttachSpeechUnits.DEFAULT_COLUMN);
    this.keepUnitsColumn = kwargs.bool("keep_units_column", false);
    kwargs.checkAllUsed();
  }

  /** Registers {@value #NAME}. */
  public static final class Factory implements PreprocessFnFactory {
    @Override
    public List<String> names() {
      return List.of(NAME);
    }

    @Override
    public PreprocessFn create(Kwargs kwargs) {
      return new EmovaSpeechQuestion(kwargs);
    }
  }

  @Override
  public List<ObjectNode> apply(ObjectNode row, RowContext context) throws PreprocessException {
    JsonNode units = row.get(unitsColumn);
    if (units == null || units.isNull()) {
      throw PreprocessException.badRow("no speech units in column '" + unitsColumn + "'");
    }
    ObjectNode human = firstHumanTurn(row);
    String textKey = human.has("value") ? "value" : "content";
    JsonNode previous = human.get(textKey);
    try {
      human.put(
          textKey, SpeechInstruction.humanTurn(previous == null ? "" : previous.asText(), units));
    } catch (IllegalArgumentException e) {
      throw PreprocessException.badRow(e.getMessage());
    }
    if (!keepUnitsColumn) {
      row.remove(unitsColumn);
    }
    return List.of(row);
  }

  private static ObjectNode firstHumanTurn(ObjectNode row) throws PreprocessException {
    JsonNode turns = row.get("conversations");
    if (turns == null || !turns.isArray()) {
      throw PreprocessException.badRow("no 'conversations' list");
    }
    for (JsonNode turn : turns) {
      JsonNode speaker = turn.has("from") ? turn.get("from") : turn.get("role");
      if (turn.isObject()
          && speaker != null
          && ("human".equals(speaker.asText()) || "user".equals(speaker.asText()))) {
        return (ObjectNode) turn;
      }
    }
    throw PreprocessException.badRow("no human turn in 'conversations'");
  }
}
