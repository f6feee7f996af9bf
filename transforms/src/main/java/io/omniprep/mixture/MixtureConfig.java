package io.omniprep.mixture;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * A LaViDa-O dataset mixture, read from its YAML and fully validated: every problem (an unknown
 * key, a wrong type, an unknown function or keyword argument, a bad sampling strategy, a file
 * format it cannot read, a duplicate dataset name) is reported with its file, line and column
 * before anything runs.
 *
 * <pre>{@code
 * datasets:
 *   - name: laion_aes
 *     json_path: laion/part-*.parquet       # .csv, .parquet, .json or .jsonl; relative to this file
 *     sampling_strategy: random:10%         # all, first:N, end:N, random:N, dup:N; N or P%
 *     preprocess_fn: preproces_text_to_image_generation_s3
 *     process_fn_kwargs: {caption_key: caption, random_truncate: true}
 *     columns: [s3_path, caption, fltLaionAesthScore, intHeight, intWidth]
 *     aes_cutoff: 5.0
 *     min_size: 512
 *     length_group: t2i
 *   - json_path: llava_v1_5_mix665k.json     # no preprocess_fn: already LLaVA records
 *     image_root: /data/llava/images
 * weights: {t2i: 100}
 * batch_sizes: {t2i: 1}
 * }</pre>
 */
public final class MixtureConfig implements Serializable {
  private final String file;
  private final List<DatasetConfig> datasets;
  private final Map<String, Double> weights;
  private final Map<String, Double> batchSizes;

  MixtureConfig(
      String file,
      List<DatasetConfig> datasets,
      Map<String, Double> weights,
      Map<String, Double> batchSizes) {
    this.file = file;
    this.datasets = List.copyOf(datasets);
    this.weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    this.batchSizes = Collections.unmodifiableMap(new LinkedHashMap<>(batchSizes));
  }

  /**
   * Reads and validates the YAML at {@code spec} (local, {@code gs://}, {@code s3://}).
   *
   * @throws MixtureConfigException listing every problem with its line
   * @throws IOException when the file cannot be read
   */
  public static MixtureConfig load(String spec) throws MixtureConfigException, IOException {
    MatchResult.Metadata meta = FileSystems.matchSingleFileSpec(spec);
    try (InputStream in = Channels.newInputStream(FileSystems.open(meta.resourceId()))) {
      return parse(spec, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** Validates YAML text; {@code file} names it in messages and anchors relative paths. */
  public static MixtureConfig parse(String file, String yamlText) throws MixtureConfigException {
    return new MixtureConfigParser(LocatedYaml.parse(file, yamlText)).parse();
  }

  /**
   * Checks that every dataset's {@code json_path} matches at least one file. Needs the filesystems
   * registered ({@code FileSystems.setDefaultPipelineOptions}), which creating the pipeline does.
   *
   * @throws MixtureConfigException naming each dataset whose files are missing, at its line
   */
  public void checkInputsExist() throws MixtureConfigException {
    List<ConfigProblem> problems = new ArrayList<>();
    for (DatasetConfig d : datasets) {
      try {
        MatchResult match = FileSystems.match(d.jsonPath(), EmptyMatchTreatment.ALLOW);
        if (match.status() != MatchResult.Status.OK || match.metadata().isEmpty()) {
          problems.add(
              new ConfigProblem(
                  file, d.line(), 1, "dataset " + d.name() + ": no file matches " + d.jsonPath()));
        }
      } catch (IOException e) {
        problems.add(
            new ConfigProblem(
                file,
                d.line(),
                1,
                "dataset " + d.name() + ": cannot list " + d.jsonPath() + ": " + e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw new MixtureConfigException(problems);
    }
  }

  /**
   * Refuses {@code dup:N} above {@code max} copies of each row, with the entry's line: a slip such
   * as {@code dup:1000000000} would otherwise fill the disk with copies before anything failed.
   */
  public void checkDuplication(long max) throws MixtureConfigException {
    List<ConfigProblem> problems = new ArrayList<>();
    for (DatasetConfig d : datasets) {
      long copies = d.sampling().copiesOfEachRow();
      if (copies > max) {
        problems.add(new ConfigProblem(file, d.line(), 1, "dataset " + d.name() + ": sampling_strategy " + d.sampling()
            + " makes " + copies + " copies of each row, more than --maxDuplication=" + max + " allows"));
      }
    }
    if (!problems.isEmpty()) {
      throw new MixtureConfigException(problems);
    }
  }

  /** The YAML file as given. */
  public String file() {
    return file;
  }

  public List<DatasetConfig> datasets() {
    return datasets;
  }

  /** {@code weights}: length group to sampling weight (the trainer defaults a group to 100). */
  public Map<String, Double> weights() {
    return weights;
  }

  /** {@code batch_sizes}: length group to batch factor (the trainer defaults a group to 1). */
  public Map<String, Double> batchSizes() {
    return batchSizes;
  }

  /** The dataset named {@code name}. */
  public DatasetConfig dataset(String name) {
    for (DatasetConfig d : datasets) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException("no dataset named " + name + " in " + file);
  }
}
