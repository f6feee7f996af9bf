package io.omniprep.preprocess;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.List;

/**
 * Turns one table row into zero or more LLaVA-shaped records ({@code id}, {@code conversations} of
 * {@code {from, value}} turns, media fields such as {@code image} or {@code image_gen}, any other
 * fields kept as they are), like a LaViDa-O {@code preprocess_fn}.
 *
 * <p>Implementations are created once per dataset with the YAML's {@code process_fn_kwargs} (see
 * {@link PreprocessFnFactory}), then serialised to the workers, so they must be {@link
 * Serializable} and hold no state between rows. Any randomness must come from {@link
 * RowContext#random()}, which is seeded from the row and the run seed: reruns then make the same
 * records.
 */
@FunctionalInterface
public interface PreprocessFn extends Serializable {
  /**
   * The records made of {@code row}.
   *
   * @param row the row's values; the function may change this copy
   * @throws PreprocessException to refuse the row, with a reason ({@code BAD_ROW} for a missing
   *     column or a value of the wrong type, {@code PREPROCESS_FAILED} otherwise); the row is then
   *     reported in the errors output
   */
  List<ObjectNode> apply(ObjectNode row, RowContext context) throws PreprocessException;
}
