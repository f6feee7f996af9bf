package io.omniprep.preprocess;

import java.util.List;

/**
 * Makes a {@link PreprocessFn} from its keyword arguments. Besides the built-in functions,
 * factories are found with {@link java.util.ServiceLoader}: list the class in {@code
 * META-INF/services/io.omniprep.preprocess.PreprocessFnFactory} of a jar on the classpath, and its
 * names become usable as {@code preprocess_fn} in a mixture YAML.
 */
public interface PreprocessFnFactory {
  /** The names the YAML may use for this function; the first is its main name. */
  List<String> names();

  /**
   * The function bound to {@code kwargs}.
   *
   * @throws IllegalArgumentException for an unknown keyword or a value of the wrong type, with a
   *     message naming it
   */
  PreprocessFn create(Kwargs kwargs);
}
