package io.omniprep.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.preprocess.TextToImageGenerationS3;
import io.omniprep.table.TableFormat;
import io.omniprep.table.TableJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MixtureConfigTest {
  @TempDir Path dir;

  private static List<String> problems(String yaml) {
    MixtureConfigException e =
        assertThrows(
            MixtureConfigException.class, () -> MixtureConfig.parse("/cfg/mix.yaml", yaml));
    return e.problems().stream().map(ConfigProblem::toString).collect(Collectors.toList());
  }

  @Test
  void aValidMixtureReadsEveryKey() throws Exception {
    MixtureConfig config =
        MixtureConfig.parse(
            "/cfg/sub/mix.yaml",
            String.join(
                "\n",
                "datasets:",
                "  - name: laion",
                "    json_path: ../data/laion-*.parquet",
                "    sampling_strategy: random:10%",
                "    preprocess_fn: preprocess_text_to_image_generation_s3",
                "    process_fn_kwargs: {caption_key: caption, random_truncate: false}",
                "    columns: [s3_path, caption]",
                "    aes_cutoff: 5",
                "    min_size: 256",
                "    max_enc_images: {column: image, value: 4}",
                "    length_group: t2i",
                "  - json_path: gs://bucket/llava.jsonl",
                "    image_root: /images",
                "weights: {t2i: 100, default: 50.5}",
                "batch_sizes: {t2i: 2}",
                ""));
    DatasetConfig laion = config.dataset("laion");
    assertEquals("/cfg/data/laion-*.parquet", laion.jsonPath());
    assertEquals(TableFormat.PARQUET, laion.format());
    assertEquals("random:10%", laion.sampling().toString());
    assertTrue(laion.preprocessFn() instanceof TextToImageGenerationS3);
    assertEquals(List.of("s3_path", "caption"), laion.columns());
    assertEquals(
        "aes_cutoff", laion.filter().rejects(TableJson.newObject().put("fltLaionAesthScore", 5)));
    assertEquals("t2i", laion.lengthGroup());
    assertEquals(2, laion.line());
    DatasetConfig llava = config.datasets().get(1);
    assertEquals("gs://bucket/llava.jsonl", llava.name());
    assertEquals(TableFormat.JSONL, llava.format());
    assertEquals("identity", llava.preprocessFnName());
    assertEquals("/images", llava.imageRoot());
    assertEquals("default", llava.lengthGroup());
    assertEquals("all", llava.sampling().toString());
    assertNull(llava.columns());
    assertEquals(Map.of("t2i", 100.0, "default", 50.5), config.weights());
    assertEquals(Map.of("t2i", 2.0), config.batchSizes());
  }

  @Test
  void everyProblemIsReportedWithItsLine() {
    List<String> problems =
        problems(
            String.join(
                "\n",
                "datasets:",
                "  - json_path: a.parquet",
                "    sampling_strategy: sample:10",
                "    colums: [a]",
                "  - json_path: b.txt",
                "    preprocess_fn: preproces_und_mammoth_si_10M",
                "  - json_path: c.csv",
                "    preprocess_fn: image_caption",
                "    process_fn_kwargs: {caption_col: x}",
                "    aes_cutoff: high",
                "    min_size: -1",
                "  - name: dup",
                "    json_path: d.json",
                "  - name: dup",
                "    json_path: e.json",
                "  - sampling_strategy: all",
                "shuffle: true",
                ""));
    assertEquals(
        List.of(
            "/cfg/mix.yaml:17:1: unknown key 'shuffle' in the mixture; expected one of batch_sizes,"
                + " datasets, weights",
            "/cfg/mix.yaml:4:5: unknown key 'colums' in a dataset; expected one of aes_cutoff,"
                + " columns, image_root, json_path, length_group, max_enc_images, min_size, name,"
                + " preprocess_fn, process_fn_kwargs, sampling_strategy, speech_units",
            "/cfg/mix.yaml:3:24: unknown sampling_strategy 'sample' in 'sample:10'; expected all,"
                + " first:N, end:N, random:N or dup:N",
            "/cfg/mix.yaml:5:16: json_path 'b.txt' must end in .csv, .parquet, .json or .jsonl",
            "/cfg/mix.yaml:6:20: unknown preprocess_fn 'preproces_und_mammoth_si_10M'; known:"
                + " preproces_text_to_image_generation_s3, preprocess_text_to_image_generation_s3,"
                + " image_caption, emova_speech_question, identity, upper_case_caption, or a"
                + " fully-qualified class name",
            "/cfg/mix.yaml:9:24: image_caption has no keyword argument 'caption_col'; it takes"
                + " image_key, caption_key, instructions",
            "/cfg/mix.yaml:10:17: aes_cutoff must be a number, not \"high\"",
            "/cfg/mix.yaml:11:15: min_size must be an integer of at least 0, not -1",
            "/cfg/mix.yaml:14:11: dataset name 'dup' is also used on line 12; names must be unique,"
                + " since they make the sample keys",
            "/cfg/mix.yaml:16:5: a dataset needs json_path"),
        problems);
  }

  @Test
  void yamlSyntaxAndStructureErrorsHaveLinesToo() {
    assertEquals(
        List.of("/cfg/mix.yaml:3:5: key 'json_path' is given twice"),
        problems("datasets:\n  - json_path: a.json\n    json_path: b.json\n"));
    List<String> syntax = problems("datasets:\n  - json_path: [a.json\n  - x\n");
    assertEquals(1, syntax.size());
    assertTrue(
        syntax.get(0).startsWith("/cfg/mix.yaml:") && syntax.get(0).contains("not valid YAML"),
        syntax.get(0));
    assertEquals(
        List.of("/cfg/mix.yaml:1:1: 'datasets' must be a non-empty list of datasets"),
        problems("weights: {a: 1}\n"));
    assertEquals(
        List.of("/cfg/mix.yaml:1:11: 'datasets' must be a non-empty list of datasets"),
        problems("datasets: []\n"));
    assertEquals(
        List.of("/cfg/mix.yaml:3:24: process_fn_kwargs is given without a preprocess_fn"),
        problems("datasets:\n  - json_path: a.json\n    process_fn_kwargs: {x: 1}\n"));
    assertEquals(
        List.of(
            "/cfg/mix.yaml:3:21: max_enc_images needs column (a string) and value (an integer)"),
        problems("datasets:\n  - json_path: a.json\n    max_enc_images: {column: image}\n"));
  }

  @Test
  void loadReadsTheFileAndChecksInputs() throws Exception {
    Files.writeString(dir.resolve("here.csv"), "a\n1\n");
    Path yaml = dir.resolve("mix.yaml");
    Files.writeString(
        yaml, "datasets:\n  - json_path: here.csv\n  - json_path: missing/*.parquet\n");
    MixtureConfig config = MixtureConfig.load(yaml.toString());
    assertEquals(dir.resolve("here.csv").toString(), config.datasets().get(0).jsonPath());
    MixtureConfigException e = assertThrows(MixtureConfigException.class, config::checkInputsExist);
    assertEquals(1, e.problems().size());
    assertEquals(3, e.problems().get(0).line());
    assertTrue(
        e.getMessage().contains("no file matches " + dir.resolve("missing/*.parquet")),
        e.getMessage());
  }

  @Test
  void relativePathsResolveAgainstTheConfigFolderOnObjectStores() {
    assertEquals(
        "gs://b/data/x.parquet", ConfigPaths.resolve("gs://b/cfg/mix.yaml", "../data/x.parquet"));
    assertEquals("gs://b/cfg/x/*.csv", ConfigPaths.resolve("gs://b/cfg/mix.yaml", "./x/*.csv"));
    assertEquals(
        "s3://other/y.json", ConfigPaths.resolve("gs://b/cfg/mix.yaml", "s3://other/y.json"));
    assertEquals("/abs/y.json", ConfigPaths.resolve("gs://b/cfg/mix.yaml", "/abs/y.json"));
  }

  /** dup:N past the cap is refused with the entry's line before anything runs; at the cap it passes. */
  @Test
  void duplicationPastTheCapIsRefusedWithItsLine() throws Exception {
    MixtureConfig config = MixtureConfig.parse("/cfg/mix.yaml", String.join("\n",
        "datasets:",
        "  - name: few",
        "    json_path: a.jsonl",
        "    sampling_strategy: dup:3",
        "  - name: many",
        "    json_path: b.jsonl",
        "    sampling_strategy: dup:1000000000",
        ""));
    MixtureConfigException e = assertThrows(MixtureConfigException.class, () -> config.checkDuplication(1000));
    assertEquals(1, e.problems().size(), e.getMessage());
    String problem = e.problems().get(0).toString();
    assertTrue(problem.contains("/cfg/mix.yaml:5") && problem.contains("many") && problem.contains("1000000000 copies"), problem);
    config.checkDuplication(1_000_000_000L); // exactly at the cap
  }
}
