package io.omniprep.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Decides whether a row is kept, and if not, names the rule that dropped it (for counting). */
@FunctionalInterface
public interface RowFilter extends Serializable {
  /**
   * Null to keep the row, otherwise the name of the rule that drops it (e.g. {@code aes_cutoff}).
   *
   * @throws BadRowException when the row lacks a column the rule needs or holds a value of the
   *     wrong type there
   */
  @Nullable String rejects(ObjectNode row) throws BadRowException;

  /** Keeps every row. */
  static RowFilter none() {
    return row -> null;
  }
}
