package io.omniprep.mixture;

import io.omniprep.preprocess.PreprocessFn;
import io.omniprep.table.TableFormat;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One validated entry of a mixture's {@code datasets:} list. Built only by {@link MixtureConfig},
 * so every field has been checked and the preprocess function already created with its kwargs.
 */
public final class DatasetConfig implements Serializable {
  private final String name;
  private final String jsonPath;
  private final TableFormat format;
  private final SamplingStrategy sampling;
  private final String preprocessFnName;
  private final PreprocessFn preprocessFn;
  private final @Nullable List<String> columns;
  private final DatasetFilter filter;
  private final @Nullable String imageRoot;
  private final String lengthGroup;
  private final @Nullable String speechUnits;
  private final int line;

  DatasetConfig(
      String name,
      String jsonPath,
      TableFormat format,
      SamplingStrategy sampling,
      String preprocessFnName,
      PreprocessFn preprocessFn,
      @Nullable List<String> columns,
      DatasetFilter filter,
      @Nullable String imageRoot,
      String lengthGroup,
      @Nullable String speechUnits,
      int line) {
    this.name = Objects.requireNonNull(name);
    this.jsonPath = Objects.requireNonNull(jsonPath);
    this.format = format;
    this.sampling = sampling;
    this.preprocessFnName = preprocessFnName;
    this.preprocessFn = preprocessFn;
    this.columns = columns == null ? null : List.copyOf(columns);
    this.filter = filter;
    this.imageRoot = imageRoot;
    this.lengthGroup = lengthGroup;
    this.speechUnits = speechUnits;
    this.line = line;
  }

  /**
   * {@code name}, or the {@code json_path} as written when there is none; unique in the mixture.
   */
  public String name() {
    return name;
  }

  /** The data file (or glob), resolved against the YAML file's folder when relative. */
  public String jsonPath() {
    return jsonPath;
  }

  public TableFormat format() {
    return format;
  }

  public SamplingStrategy sampling() {
    return sampling;
  }

  /** The {@code preprocess_fn} as written, {@code identity} when absent. */
  public String preprocessFnName() {
    return preprocessFnName;
  }

  public PreprocessFn preprocessFn() {
    return preprocessFn;
  }

  public @Nullable List<String> columns() {
    return columns;
  }

  /** {@code aes_cutoff}, {@code min_size} and {@code max_enc_images}. */
  public DatasetFilter filter() {
    return filter;
  }

  /** Prefix for relative {@code image} paths of the records made, or null. */
  public @Nullable String imageRoot() {
    return imageRoot;
  }

  /** {@code length_group}, {@code default} when absent. */
  /**
   * {@code speech_units}: a JSON / JSON Lines file of {@code {"id": ..., "units": ...}} (resolved
   * against the YAML's folder) whose units are joined onto rows by id, for {@code
   * emova_speech_question}; null when units come in a column or not at all.
   */
  public @Nullable String speechUnits() {
    return speechUnits;
  }

  public String lengthGroup() {
    return lengthGroup;
  }

  /** The YAML line the entry starts on. */
  public int line() {
    return line;
  }

  @Override
  public String toString() {
    return name + " (" + jsonPath + ", " + sampling + ", " + preprocessFnName + ")";
  }
}
