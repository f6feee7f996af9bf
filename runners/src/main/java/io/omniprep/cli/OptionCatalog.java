package io.omniprep.cli;

import io.omniprep.dedup.DedupMode;
import io.omniprep.media.MediaResolver;
import io.omniprep.options.ConvertOptions;
import io.omniprep.options.HygieneOptions;
import io.omniprep.options.InputOptions;
import io.omniprep.options.MixtureOptions;
import io.omniprep.options.PathOption;
import io.omniprep.options.ReportOptions;
import io.omniprep.options.VideoInputOptions;
import io.omniprep.options.WebDatasetWriterOptions;
import io.omniprep.llava.InputFormat;
import io.omniprep.wds.EnergonReader;
import io.omniprep.wds.Layout;
import io.omniprep.wds.Splits;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Every option a command line may name for one pipeline, by name, with its getter: the pipeline's
 * own, Beam's registered ones, and those of the runners and filesystems the CLI registers on demand.
 * It knows what kind of value each option takes, in the words {@code --help} and the error messages
 * use (PATH, N, NUMBER, true|false, TEXT, a list of choices).
 */
final class OptionCatalog {
  /** Beam's and the runners' options whose values are local paths or URIs (ours carry {@link PathOption}). */
  static final Set<String> BEAM_PATH_OPTIONS =
      Set.of("tempLocation", "stagingLocation", "gcpTempLocation", "templateLocation", "flinkConfDir", "filesToStage");

  /**
   * The values of text options that take one of a few words, keyed by the interface that declares
   * the getter and the option ({@code --format} of records and of videos differ). Enumerations of
   * the transforms are listed from the enumeration itself, so they cannot drift apart.
   */
  private static final Map<String, List<String>> CHOICES =
      Map.ofEntries(
          Map.entry(key(InputOptions.class, "format"), lowercase(InputFormat.values(), Enum::name)),
          Map.entry(key(VideoInputOptions.class, "format"), List.of("auto", "videos", "llava", "sharegpt", "jsonl")),
          Map.entry(key(WebDatasetWriterOptions.class, "layout"), lowercase(Layout.values(), Layout::label)),
          Map.entry(key(WebDatasetWriterOptions.class, "energonReader"), lowercase(EnergonReader.values(), EnergonReader::label)),
          Map.entry(key(WebDatasetWriterOptions.class, "splitMode"), lowercase(Splits.Mode.values(), Enum::name)),
          Map.entry(key(WebDatasetWriterOptions.class, "transcode"), List.of("always", "never")),
          Map.entry(key(ConvertOptions.class, "to"), List.of("llava", "sharegpt")),
          Map.entry(key(ConvertOptions.class, "from"), List.of("json", "hf-parquet")),
          Map.entry(key(MixtureOptions.class, "to"), List.of("webdataset", "llava", "sharegpt")),
          Map.entry(key(ReportOptions.class, "videoAs"), lowercase(MediaResolver.VideoAs.values(), Enum::name)),
          Map.entry(key(HygieneOptions.class, "dedup"),
              Arrays.stream(DedupMode.values()).map(m -> m == DedupMode.PHASH ? m.label() + "[:D]" : m.label()).toList()));

  private final Class<? extends PipelineOptions> stageClass;
  private final Map<String, Method> stageGetters = new LinkedHashMap<>();
  private final Map<String, Method> getters = new LinkedHashMap<>();

  private OptionCatalog(Class<? extends PipelineOptions> stageClass) {
    this.stageClass = stageClass;
  }

  /**
   * The options of a pipeline: its interface, every interface Beam has registered (the jar's list,
   * S3's), and every interface the CLI would register on demand (naming one of their options
   * registers them). Plain reflection: nothing is registered or validated here.
   */
  static OptionCatalog of(Class<? extends PipelineOptions> stageClass) {
    OptionCatalog catalog = new OptionCatalog(stageClass);
    catalog.addAll(stageClass, catalog.stageGetters);
    List<Class<? extends PipelineOptions>> others = new ArrayList<>(PipelineOptionsFactory.getRegisteredOptions());
    others.add(S3Options.class);
    Arrays.stream(OnDemandOptions.values()).forEach(group -> group.interfaces().forEach(others::add));
    catalog.getters.putAll(catalog.stageGetters);
    others.forEach(iface -> catalog.addAll(iface, catalog.getters));
    return catalog;
  }

  private void addAll(Class<?> iface, Map<String, Method> into) {
    for (Method m : iface.getMethods()) {
      String name = CliOptions.optionName(m);
      if (name != null && m.getReturnType() != void.class && !into.containsKey(name)) {
        into.put(name, m);
      }
    }
  }

  Class<? extends PipelineOptions> stageClass() {
    return stageClass;
  }

  boolean knows(String name) {
    return getters.containsKey(name);
  }

  Method getter(String name) {
    return getters.get(name);
  }

  /** The pipeline's own options first (they are what a misspelling most likely meant), then the rest. */
  Collection<String> names() {
    return Stream.concat(stageGetters.keySet().stream(), getters.keySet().stream()).distinct().toList();
  }

  /** A boolean option: given alone ({@code --overwrite}) it means true. */
  boolean isFlag(String name) {
    Method m = getters.get(name);
    return m != null && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class);
  }

  boolean isPath(String name) {
    Method m = getters.get(name);
    return BEAM_PATH_OPTIONS.contains(name) || (m != null && isPath(m));
  }

  static boolean isPath(Method getter) {
    return getter.isAnnotationPresent(PathOption.class);
  }

  /** The option's choices, or an empty list when any value of its type goes. */
  List<String> choices(String name) {
    Method m = getters.get(name);
    return m == null ? List.of() : choices(stageClass, m);
  }

  static List<String> choices(Class<?> stageClass, Method getter) {
    Class<?> type = getter.getReturnType();
    if (type.isEnum()) {
      return Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
    }
    Method declared = mostSpecific(stageClass, getter);
    List<String> words = CHOICES.get(key(declared.getDeclaringClass(), CliOptions.optionName(declared)));
    return words == null ? List.of() : words;
  }

  /** The kind of value, as {@code --help} shows it: PATH, PATH[,PATH...], N, NUMBER, true|false, TEXT, a|b|c. */
  static String kind(Class<?> stageClass, Method getter) {
    Class<?> type = getter.getReturnType();
    List<String> choices = choices(stageClass, getter);
    boolean list = Collection.class.isAssignableFrom(type) || type.isArray();
    String one;
    if (!choices.isEmpty()) {
      one = String.join("|", choices);
    } else if (isPath(getter)) {
      one = "PATH";
    } else if (type == boolean.class || type == Boolean.class) {
      one = "true|false";
    } else if (isWhole(type)) {
      one = "N";
    } else if (isDecimal(type)) {
      one = "NUMBER";
    } else if (type == String.class || list && elementType(getter) == String.class) {
      one = "TEXT";
    } else if (list) {
      one = elementType(getter) instanceof Class<?> c ? c.getSimpleName().toUpperCase(Locale.ROOT) : "VALUE";
    } else {
      one = type.getSimpleName().toUpperCase(Locale.ROOT);
    }
    return list ? one + "[," + one + "...]" : one;
  }

  /** What the option expects, for an error message: "true or false", "a whole number", "a path", ... */
  String expectation(String name) {
    Method m = getters.get(name);
    Class<?> type = m.getReturnType();
    List<String> choices = choices(name);
    if (!choices.isEmpty()) {
      return "one of " + Suggestions.orList(choices);
    } else if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    } else if (isWhole(type)) {
      return "a whole number";
    } else if (isDecimal(type)) {
      return "a number";
    } else if (isPath(name)) {
      return Collection.class.isAssignableFrom(type) ? "one or more paths, comma-separated" : "a path";
    }
    return "a value (" + kind(stageClass, m) + ")";
  }

  static boolean isWhole(Class<?> type) {
    return type == int.class || type == Integer.class || type == long.class || type == Long.class
        || type == short.class || type == Short.class || type == byte.class || type == Byte.class;
  }

  static boolean isDecimal(Class<?> type) {
    return type == double.class || type == Double.class || type == float.class || type == Float.class;
  }

  private static Type elementType(Method getter) {
    if (getter.getReturnType().isArray()) {
      return getter.getReturnType().getComponentType();
    }
    Type generic = getter.getGenericReturnType();
    return generic instanceof ParameterizedType p && p.getActualTypeArguments().length == 1 ? p.getActualTypeArguments()[0] : Object.class;
  }

  /** The declaration that the pipeline's interface sees (an override, such as videos' {@code --format}, wins). */
  private static Method mostSpecific(Class<?> stageClass, Method getter) {
    try {
      return stageClass.getMethod(getter.getName());
    } catch (NoSuchMethodException e) {
      return getter;
    }
  }

  private static String key(Class<?> iface, String option) {
    return iface.getName() + "#" + option;
  }

  private static <T> List<String> lowercase(T[] values, Function<T, String> label) {
    return Arrays.stream(values).map(v -> label.apply(v).toLowerCase(Locale.ROOT)).toList();
  }
}
