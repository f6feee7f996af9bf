package io.omniprep.wds.format;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.json.PythonJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The text of energon's {@code .nv-meta} files, byte-identical to what energon (and Pai) write
 * (docs/FORMATS.md §3.4). Names must be YAML-safe as described in {@link PyYamlScalars}; shard
 * paths must additionally be relative and normalised; class and module names must be Python
 * identifiers. Violations throw {@link IllegalArgumentException}. All outputs are ASCII.
 */
public final class EnergonMetadata {
  /**
   * The {@code energon_version} of {@code .info.json}: Energon's {@code prepare} writes its own
   * package version there ({@code flavors/webdataset/prepare.py} line 692 in 7.4.0) and {@code
   * energon info} prints it as "Created with energon version". Ours names the release whose
   * {@code prepare} output we write (the index.sqlite schema included) and, as a PEP 440 local
   * label, that omniprep wrote it; a null would print as {@code None}.
   */
  public static final String ENERGON_VERSION = "7.4.0+omniprep";

  /** Module of energon's built-in sample types, as the CLI writes it. */
  public static final String ENERGON_MODULE = "megatron.energon";

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern MODULE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
  // energon field access: alternatives separated by ',', each "part" followed by "[key]"s
  private static final String ACCESS = "[^\\[\\],]+(\\[[^\\[\\]]+\\])*";
  private static final Pattern FIELD_ACCESS = Pattern.compile(ACCESS + "(," + ACCESS + ")*");

  private EnergonMetadata() {}

  /**
   * {@code .info.yaml} as energon 4.0.0 writes it: {@code yaml.dump} of {@code {shard_counts:
   * {...}}} with the shard paths sorted by code point. Energon 4.0.0 leaves out shards without
   * samples and current energon rejects them; that policy is the caller's.
   */
  public static String infoYaml(Map<String, Long> shardCounts) {
    return PyYamlEmitter.dump(Map.of("shard_counts", checkedCounts(shardCounts)), true);
  }

  /**
   * {@code .info.json} as energon 7.1+ writes it: {@code json.dump(indent=2)} of
   * {@code {"energon_version": ..., "shard_counts": {...}}} with shards in the map's iteration
   * order (pass a {@link LinkedHashMap}; the order defines {@code tar_file_id}). No trailing
   * newline. {@code energonVersion} may be null (energon declares the field optional); the
   * writers pass {@link #ENERGON_VERSION}.
   */
  public static String infoJson(@Nullable String energonVersion, Map<String, Long> shardCounts) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    if (energonVersion == null) {
      root.putNull("energon_version");
    } else {
      root.put("energon_version", energonVersion);
    }
    ObjectNode counts = root.putObject("shard_counts");
    checkedCounts(shardCounts).forEach(counts::put);
    return PythonJson.dumps(root, 2);
  }

  /**
   * {@code split.yaml} as energon 4.0.0 writes it: keys sorted, so {@code exclude} first and the
   * splits by name (test, train, val); list order is preserved, empty lists are {@code []}.
   *
   * @param splitParts split name to shard paths
   * @param exclude shard paths or {@code <shard path>/<sample key>} entries
   */
  public static String splitYaml(Map<String, List<String>> splitParts, List<String> exclude) {
    Map<String, List<String>> parts = new LinkedHashMap<>();
    splitParts.forEach((name, shards) -> {
      PyYamlScalars.render(name);
      shards.forEach(EnergonMetadata::checkShard);
      parts.put(name, List.copyOf(shards));
    });
    for (String e : exclude) {
      EnergonShardSplit.validateShardPath(e);
      PyYamlScalars.render(e);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("exclude", List.copyOf(exclude));
    root.put("split_parts", parts);
    return PyYamlEmitter.dump(root, true);
  }

  /** {@link #splitYaml(Map, List)} for train/val/test lists and no exclusions. */
  public static String splitYaml(List<String> train, List<String> val, List<String> test) {
    return splitYaml(Map.of("train", train, "val", val, "test", test), List.of());
  }

  /**
   * {@code dataset.yaml} of the standard factory as the energon CLI writes it (sort_keys=False):
   * {@code sample_type} ({@code __module__: megatron.energon}, {@code __class__}), then
   * {@code field_map} in the map's iteration order.
   *
   * @param sampleClass an energon sample type such as {@code VQASample}
   * @param fieldMap sample field to part access such as {@code json[0][value]} or {@code jpg,png}
   */
  public static String datasetYaml(String sampleClass, Map<String, String> fieldMap) {
    Map<String, Object> sampleType = new LinkedHashMap<>();
    sampleType.put("__module__", ENERGON_MODULE);
    sampleType.put("__class__", checkIdentifier(sampleClass));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("sample_type", sampleType);
    root.put("field_map", checkedFieldMap(fieldMap));
    return PyYamlEmitter.dump(root, false);
  }

  /**
   * {@code dataset.yaml} naming a custom factory class, as Pai writes it with
   * {@code yaml.safe_dump} (keys sorted: {@code __class__}, {@code __module__}, {@code field_map}
   * with its keys sorted).
   */
  public static String customDatasetYaml(String module, String factoryClass, Map<String, String> fieldMap) {
    if (module == null || !MODULE.matcher(module).matches()) {
      throw new IllegalArgumentException("not a Python module path: '" + module + "'");
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("__module__", module);
    root.put("__class__", checkIdentifier(factoryClass));
    root.put("field_map", checkedFieldMap(fieldMap));
    return PyYamlEmitter.dump(root, true);
  }

  private static Map<String, Long> checkedCounts(Map<String, Long> shardCounts) {
    Map<String, Long> copy = new LinkedHashMap<>();
    shardCounts.forEach((shard, count) -> {
      checkShard(shard);
      if (count == null || count < 0) {
        throw new IllegalArgumentException("bad sample count for '" + shard + "': " + count);
      }
      copy.put(shard, count);
    });
    return copy;
  }

  private static void checkShard(String shard) {
    EnergonShardSplit.validateShardPath(shard);
    PyYamlScalars.render(shard);
  }

  private static String checkIdentifier(String name) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("not a Python identifier: '" + name + "'");
    }
    return name;
  }

  private static Map<String, Object> checkedFieldMap(Map<String, String> fieldMap) {
    Map<String, Object> copy = new LinkedHashMap<>();
    fieldMap.forEach((field, access) -> {
      checkIdentifier(field);
      if (access == null || !FIELD_ACCESS.matcher(access).matches()) {
        throw new IllegalArgumentException("not an energon field access: '" + access + "'");
      }
      PyYamlScalars.render(access);
      copy.put(field, access);
    });
    return copy;
  }
}
