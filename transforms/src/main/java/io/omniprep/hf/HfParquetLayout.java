package io.omniprep.hf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Finds the configs of a Hugging Face dataset stored as Parquet (a local snapshot or a bucket copy
 * of the repository) and the files of one split in each, in the layouts the Hub uses:
 *
 * <ul>
 *   <li>{@code CONFIG/SPLIT-00000-of-00003.parquet} (what {@code push_to_hub} writes);
 *   <li>{@code CONFIG/SPLIT/0000.parquet} (the Hub's Parquet conversion);
 *   <li>{@code data/SPLIT-*.parquet} or {@code SPLIT-*.parquet} at the top: the config {@code
 *       default}.
 * </ul>
 *
 * Folders whose name starts with a dot are skipped. Configs come sorted by name, as {@code
 * get_dataset_config_names} lists them, and each config's files sorted by path, which is the order
 * {@code datasets} streams them in.
 */
public final class HfParquetLayout {
  public static final String DEFAULT_CONFIG = "default";

  private HfParquetLayout() {}

  /**
   * The Parquet files of {@code split} by config.
   *
   * @param configs {@code all}, or config names separated by commas
   * @throws IllegalArgumentException when a named config is not there, or nothing is found
   */
  public static SortedMap<String, List<String>> discover(String root, String split, String configs)
      throws IOException {
    String base = FileSystems.matchNewResource(root, true).toString();
    MatchResult match = FileSystems.match(base + "**.parquet", EmptyMatchTreatment.ALLOW);
    SortedMap<String, List<String>> byConfig = new TreeMap<>();
    for (MatchResult.Metadata file : match.metadata()) {
      String spec = file.resourceId().toString();
      configOf(spec.substring(base.length()), split)
          .ifPresent(c -> byConfig.computeIfAbsent(c, k -> new ArrayList<>()).add(spec));
    }
    byConfig.values().forEach(files -> files.sort(null));
    if (byConfig.isEmpty()) {
      throw new IllegalArgumentException("no Parquet files of split '" + split + "' under " + root);
    }
    if (configs.equals("all")) {
      return byConfig;
    }
    SortedMap<String, List<String>> chosen = new TreeMap<>();
    for (String name : configs.split(",")) {
      List<String> files = byConfig.get(name.trim());
      if (files == null) {
        throw new IllegalArgumentException(
            "config '"
                + name.trim()
                + "' has no Parquet files of split '"
                + split
                + "' under "
                + root
                + "; found "
                + byConfig.keySet());
      }
      chosen.put(name.trim(), files);
    }
    return chosen;
  }

  /** The config of a file given by its path below the root, if it belongs to {@code split}. */
  static Optional<String> configOf(String relative, String split) {
    String[] parts = relative.split("/");
    for (String part : parts) {
      if (part.startsWith(".")) {
        return Optional.empty();
      }
    }
    String name = parts[parts.length - 1];
    if (parts.length >= 2 && parts[parts.length - 2].equals(split)) {
      return Optional.of(parts.length == 3 ? parts[0] : DEFAULT_CONFIG);
    }
    if (!name.startsWith(split + "-") && !name.equals(split + ".parquet")) {
      return Optional.empty();
    }
    if (parts.length == 1 || (parts.length == 2 && parts[0].equals("data"))) {
      return Optional.of(DEFAULT_CONFIG);
    }
    return parts.length == 2 ? Optional.of(parts[0]) : Optional.empty();
  }
}
