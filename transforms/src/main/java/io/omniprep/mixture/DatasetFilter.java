package io.omniprep.mixture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.preprocess.Captions;
import io.omniprep.table.BadRowException;
import io.omniprep.table.RowFilter;
import io.omniprep.table.RowValues;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The row filters a mixture dataset asks for, in the reference's order:
 *
 * <ol>
 *   <li>{@code aes_cutoff}: keeps rows whose {@value #AESTHETIC} is strictly greater than the
 *       cutoff (a score equal to it, or NaN / empty, is dropped);
 *   <li>{@code min_size}: keeps rows whose {@value #HEIGHT} and {@value #WIDTH} are both at least
 *       min_size (NaN / empty dropped);
 *   <li>{@code max_enc_images}: keeps rows whose list in the given column has at most that many
 *       items (a string counts its characters, as Python's {@code len}).
 * </ol>
 *
 * <p>Only what the YAML says is applied. The reference applies {@code aes_cutoff: 5} to every
 * Parquet file that has a {@value #AESTHETIC} column even when the YAML gives no cutoff, and
 * applies no filter at all to JSON files; here a filter applies exactly when its key is given, to
 * any format. A row without the column a filter needs, or with a non-numeric value there, is a bad
 * row.
 */
public final class DatasetFilter implements RowFilter {
  public static final String AESTHETIC = "fltLaionAesthScore";
  public static final String HEIGHT = "intHeight";
  public static final String WIDTH = "intWidth";

  private final @Nullable Double aesCutoff;
  private final @Nullable Integer minSize;
  private final @Nullable MaxEncImages maxEncImages;

  public DatasetFilter(
      @Nullable Double aesCutoff, @Nullable Integer minSize, @Nullable MaxEncImages maxEncImages) {
    this.aesCutoff = aesCutoff;
    this.minSize = minSize;
    this.maxEncImages = maxEncImages;
  }

  @Override
  public @Nullable String rejects(ObjectNode row) throws BadRowException {
    if (aesCutoff != null && !(RowValues.number(row, AESTHETIC) > aesCutoff)) {
      return "aes_cutoff";
    }
    if (minSize != null
        && !(RowValues.number(row, HEIGHT) >= minSize && RowValues.number(row, WIDTH) >= minSize)) {
      return "min_size";
    }
    if (maxEncImages != null && length(row, maxEncImages.column()) > maxEncImages.value()) {
      return "max_enc_images";
    }
    return null;
  }

  private static int length(ObjectNode row, String column) throws BadRowException {
    JsonNode value = RowValues.require(row, column);
    if (value.isArray()) {
      return value.size();
    }
    if (value.isTextual()) {
      return Captions.length(value.asText());
    }
    throw new BadRowException(
        "column '" + column + "' is " + RowValues.describe(value) + ", which has no length");
  }
}
