package io.omniprep.mixture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.preprocess.Identity;
import io.omniprep.preprocess.PreprocessFn;
import io.omniprep.preprocess.PreprocessFns;
import io.omniprep.preprocess.UnknownPreprocessFnException;
import io.omniprep.table.TableFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Checks a mixture YAML tree against the LaViDa-O schema and builds the {@link MixtureConfig}. */
final class MixtureConfigParser {
  private static final Set<String> TOP_KEYS =
      new TreeSet<>(List.of("datasets", "weights", "batch_sizes"));
  private static final Set<String> DATASET_KEYS =
      new TreeSet<>(
          List.of(
              "name",
              "json_path",
              "sampling_strategy",
              "preprocess_fn",
              "process_fn_kwargs",
              "columns",
              "aes_cutoff",
              "min_size",
              "max_enc_images",
              "image_root",
              "length_group",
              "speech_units"));
  private static final Set<String> MAX_ENC_KEYS = new TreeSet<>(List.of("column", "value"));

  private final LocatedYaml yaml;
  private final List<ConfigProblem> problems = new ArrayList<>();

  MixtureConfigParser(LocatedYaml yaml) {
    this.yaml = yaml;
  }

  MixtureConfig parse() throws MixtureConfigException {
    if (!yaml.root().isObject()) {
      throw new MixtureConfigException(
          List.of(yaml.problem("", "a mixture must be a mapping with a 'datasets' list")));
    }
    ConfigFields top = new ConfigFields(yaml, "", (ObjectNode) yaml.root(), problems);
    top.rejectUnknownKeys(TOP_KEYS, "the mixture");
    List<DatasetConfig> datasets = datasets(top);
    Map<String, Double> weights = groupNumbers(top, "weights");
    Map<String, Double> batchSizes = groupNumbers(top, "batch_sizes");
    if (!problems.isEmpty()) {
      throw new MixtureConfigException(problems);
    }
    return new MixtureConfig(yaml.file(), datasets, weights, batchSizes);
  }

  private List<DatasetConfig> datasets(ConfigFields top) {
    List<DatasetConfig> out = new ArrayList<>();
    JsonNode list = top.raw("datasets");
    if (list == null || !list.isArray() || list.isEmpty()) {
      top.problem(
          list == null ? null : "datasets", "'datasets' must be a non-empty list of datasets");
      return out;
    }
    Map<String, Integer> lineByName = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String pointer = LocatedYaml.child("/datasets", i);
      if (!list.get(i).isObject()) {
        problems.add(yaml.problem(pointer, "a dataset must be a mapping with at least json_path"));
        continue;
      }
      DatasetConfig d =
          dataset(new ConfigFields(yaml, pointer, (ObjectNode) list.get(i), problems), pointer);
      if (d == null) {
        continue;
      }
      Integer earlier = lineByName.putIfAbsent(d.name(), d.line());
      if (earlier != null) {
        problems.add(
            yaml.problem(
                LocatedYaml.child(pointer, list.get(i).has("name") ? "name" : "json_path"),
                "dataset name '"
                    + d.name()
                    + "' is also used on line "
                    + earlier
                    + "; names must be unique, since they make the sample keys"));
      }
      out.add(d);
    }
    return out;
  }

  private @Nullable DatasetConfig dataset(ConfigFields f, String pointer) {
    int before = problems.size();
    f.rejectUnknownKeys(DATASET_KEYS, "a dataset");
    String jsonPath = f.string("json_path");
    Optional<TableFormat> format = Optional.empty();
    if (jsonPath == null && f.raw("json_path") == null) {
      f.problem(null, "a dataset needs json_path");
    } else if (jsonPath != null) {
      format = TableFormat.ofPath(jsonPath);
      if (format.isEmpty()) {
        f.problem(
            "json_path",
            "json_path '" + jsonPath + "' must end in .csv, .parquet, .json or .jsonl");
      }
    }
    String name = f.string("name");
    SamplingStrategy sampling = sampling(f);
    String fnName = f.string("preprocess_fn");
    PreprocessFn fn = preprocessFn(f, fnName != null ? fnName : Identity.NAME);
    List<String> columns = f.strings("columns");
    Double aesCutoff = f.number("aes_cutoff");
    Integer minSize = f.integer("min_size", 0);
    MaxEncImages maxEncImages = maxEncImages(f);
    String imageRoot = f.string("image_root");
    String lengthGroup = f.string("length_group");
    String speechUnits = f.string("speech_units");
    if (problems.size() > before || jsonPath == null || format.isEmpty()) {
      return null;
    }
    return new DatasetConfig(
        name != null ? name : jsonPath,
        ConfigPaths.resolve(yaml.file(), jsonPath),
        format.get(),
        sampling,
        fnName != null ? fnName : Identity.NAME,
        fn,
        columns,
        new DatasetFilter(aesCutoff, minSize, maxEncImages),
        imageRoot,
        lengthGroup != null ? lengthGroup : "default",
        speechUnits == null ? null : ConfigPaths.resolve(yaml.file(), speechUnits),
        yaml.line(pointer));
  }

  private SamplingStrategy sampling(ConfigFields f) {
    String text = f.string("sampling_strategy");
    try {
      return SamplingStrategy.parse(text);
    } catch (IllegalArgumentException e) {
      f.problem("sampling_strategy", e.getMessage());
      return SamplingStrategy.all();
    }
  }

  private @Nullable PreprocessFn preprocessFn(ConfigFields f, String name) {
    ObjectNode kwargs = f.mapping("process_fn_kwargs");
    if (f.raw("preprocess_fn") == null && kwargs != null) {
      f.problem("process_fn_kwargs", "process_fn_kwargs is given without a preprocess_fn");
      return null;
    }
    try {
      return PreprocessFns.create(name, kwargs);
    } catch (UnknownPreprocessFnException e) {
      f.problem("preprocess_fn", e.getMessage());
    } catch (IllegalArgumentException e) {
      f.problem(kwargs != null ? "process_fn_kwargs" : "preprocess_fn", e.getMessage());
    }
    return null;
  }

  private @Nullable MaxEncImages maxEncImages(ConfigFields f) {
    ObjectNode node = f.mapping("max_enc_images");
    if (node == null) {
      return null;
    }
    ConfigFields inner = new ConfigFields(yaml, f.pointer("max_enc_images"), node, problems);
    inner.rejectUnknownKeys(MAX_ENC_KEYS, "max_enc_images");
    String column = inner.string("column");
    Integer value = inner.integer("value", 0);
    if (column == null || value == null) {
      if (inner.raw("column") == null || inner.raw("value") == null) {
        inner.problem(null, "max_enc_images needs column (a string) and value (an integer)");
      }
      return null;
    }
    return new MaxEncImages(column, value);
  }

  /** {@code weights} / {@code batch_sizes}: a mapping from length group to a number. */
  private Map<String, Double> groupNumbers(ConfigFields top, String key) {
    Map<String, Double> out = new LinkedHashMap<>();
    ObjectNode node = top.mapping(key);
    if (node == null) {
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isNumber()) {
        problems.add(
            yaml.problem(
                LocatedYaml.child(top.pointer(key), e.getKey()),
                key + "." + e.getKey() + " must be a number, not " + e.getValue()));
      } else {
        out.put(e.getKey(), e.getValue().doubleValue());
      }
    }
    return out;
  }
}
