package io.omniprep.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.errors.Reason;

/**
 * Receives the rows of one file in order. Each call is the next row: a row that cannot be read
 * still takes its place, so positions stay the row numbers of the file. When the rest of a file
 * cannot be read at all (a CSV quote never closed, a corrupt Parquet page), one bad row stands for
 * it and the file ends.
 */
public interface RowSink {
  void row(ObjectNode values);

  void badRow(Reason reason, String message, String text);
}
