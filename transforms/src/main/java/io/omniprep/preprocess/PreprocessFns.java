package io.omniprep.preprocess;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Finds preprocess functions by the name a mixture YAML gives in {@code preprocess_fn}, in this
 * order:
 *
 * <ol>
 *   <li>the built-in functions: {@code preproces_text_to_image_generation_s3} (and the {@code
 *       preprocess_} spelling), {@code image_caption}, {@code emova_speech_question}, {@code
 *       identity};
 *   <li>names from {@link PreprocessFnFactory} implementations found with {@link ServiceLoader};
 *   <li>a fully-qualified class name: a {@link PreprocessFnFactory}, or a {@link PreprocessFn} with
 *       a public constructor taking the kwargs ({@link ObjectNode}) or none (then it takes no
 *       keyword arguments).
 * </ol>
 */
public final class PreprocessFns {
  private static final List<PreprocessFnFactory> BUILT_IN =
      List.of(
          new TextToImageGenerationS3.Factory(),
          new ImageCaption.Factory(),
          new EmovaSpeechQuestion.Factory(),
          new Identity.Factory());

  private PreprocessFns() {}

  /**
   * The function {@code name} bound to {@code kwargs} (null for none).
   *
   * @throws UnknownPreprocessFnException for a name nothing answers to
   * @throws IllegalArgumentException for kwargs the function refuses
   */
  public static PreprocessFn create(String name, @Nullable ObjectNode kwargs) {
    PreprocessFnFactory factory = factories().get(name);
    if (factory != null) {
      return factory.create(new Kwargs(name, kwargs));
    }
    if (name.contains(".")) {
      return fromClass(name, kwargs);
    }
    throw new UnknownPreprocessFnException(
        "unknown preprocess_fn '"
            + name
            + "'; known: "
            + String.join(", ", factories().keySet())
            + ", or a fully-qualified class name");
  }

  /** Every registered name, built-in first. */
  public static List<String> names() {
    return new ArrayList<>(factories().keySet());
  }

  private static Map<String, PreprocessFnFactory> factories() {
    Map<String, PreprocessFnFactory> byName = new LinkedHashMap<>();
    List<PreprocessFnFactory> all = new ArrayList<>(BUILT_IN);
    ServiceLoader.load(PreprocessFnFactory.class).forEach(all::add);
    for (PreprocessFnFactory factory : all) {
      for (String name : factory.names()) {
        byName.putIfAbsent(name, factory);
      }
    }
    return byName;
  }

  private static PreprocessFn fromClass(String className, @Nullable ObjectNode kwargs) {
    Class<?> type;
    try {
      type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException e) {
      throw new UnknownPreprocessFnException(
          "preprocess_fn class " + className + " is not on the classpath", e);
    }
    try {
      if (PreprocessFnFactory.class.isAssignableFrom(type)) {
        PreprocessFnFactory factory = (PreprocessFnFactory) type.getConstructor().newInstance();
        return factory.create(new Kwargs(className, kwargs));
      }
      if (PreprocessFn.class.isAssignableFrom(type)) {
        return newFunction(type.asSubclass(PreprocessFn.class), kwargs);
      }
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException) {
        throw (IllegalArgumentException) e.getCause();
      }
      throw new IllegalArgumentException(
          "cannot create preprocess_fn " + className + ": " + e.getCause(), e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("cannot create preprocess_fn " + className + ": " + e, e);
    }
    throw new UnknownPreprocessFnException(
        className + " is neither a PreprocessFn nor a PreprocessFnFactory");
  }

  private static PreprocessFn newFunction(
      Class<? extends PreprocessFn> type, @Nullable ObjectNode kwargs)
      throws ReflectiveOperationException {
    try {
      Constructor<? extends PreprocessFn> withKwargs = type.getConstructor(ObjectNode.class);
      return withKwargs.newInstance(
          kwargs == null ? JsonNodeFactory.instance.objectNode() : kwargs);
    } catch (NoSuchMethodException e) {
      new Kwargs(type.getName(), kwargs).checkAllUsed();
      return type.getConstructor().newInstance();
    }
  }
}
