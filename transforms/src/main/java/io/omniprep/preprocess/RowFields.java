package io.omniprep.preprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.table.BadRowException;
import io.omniprep.table.RowValues;
import io.omniprep.table.TableJson;
import java.math.BigDecimal;

/** Column reads for preprocess functions, failing with {@code BAD_ROW}. */
final class RowFields {
  private RowFields() {}

  static String string(ObjectNode row, String column) throws PreprocessException {
    try {
      return RowValues.string(row, column);
    } catch (BadRowException e) {
      throw PreprocessException.badRow(e.getMessage());
    }
  }

  /** The value as a number when it is one or spells one (CSV cells are strings); else unchanged. */
  static JsonNode numeric(JsonNode value) {
    if (!value.isTextual()) {
      return value;
    }
    String text = value.asText().trim();
    try {
      return TableJson.MAPPER.getNodeFactory().numberNode(new BigDecimal(text));
    } catch (NumberFormatException e) {
      if (text.isEmpty() || text.equalsIgnoreCase("nan")) {
        return TableJson.MAPPER.getNodeFactory().numberNode(Double.NaN);
      }
      return value;
    }
  }
}
