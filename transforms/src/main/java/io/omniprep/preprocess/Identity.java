package io.omniprep.preprocess;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code identity}: the row already is a LLaVA record (a JSON/JSONL dataset, or a table with {@code
 * conversations} and media columns) and is passed on unchanged, its own {@code id} included. This
 * is what a dataset without {@code preprocess_fn} uses.
 */
public final class Identity implements PreprocessFn {
  public static final String NAME = "identity";

  /** Registers {@value #NAME}; it takes no keyword arguments. */
  public static final class Factory implements PreprocessFnFactory {
    @Override
    public List<String> names() {
      return List.of(NAME);
    }

    @Override
    public PreprocessFn create(Kwargs kwargs) {
      kwargs.checkAllUsed();
      return new Identity();
    }
  }

  @Override
  public List<ObjectNode> apply(ObjectNode row, RowContext context) {
    return List.of(row);
  }
}
