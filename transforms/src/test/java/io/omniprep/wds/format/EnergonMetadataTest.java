package io.omniprep.wds.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.testing.Python3;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnergonMetadataTest {
  static final String LONG_SHARD = "very/" + "long".repeat(30) + ".tar";

  static Map<String, Long> counts() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("pretrain-10.tar", 731L);
    m.put("pretrain-0.tar", 10000L);
    m.put("pretrain-1.tar", 10000L);
    return m;
  }

  static Map<String, String> vqaFieldMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("image", "jpg");
    m.put("context", "json[0][value]");
    m.put("answers", "json[1][value]");
    return m;
  }

  static Map<String, String> chatmlFieldMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("videos", "videos");
    m.put("imgs", "jpgs");
    m.put("conversation", "json");
    return m;
  }

  @Test
  void infoYamlSortsShards() {
    assertEquals("shard_counts:\n  pretrain-0.tar: 10000\n  pretrain-1.tar: 10000\n  pretrain-10.tar: 731\n",
        EnergonMetadata.infoYaml(counts()));
    assertEquals("shard_counts: {}\n", EnergonMetadata.infoYaml(Map.of()));
  }

  @Test
  void infoYamlWritesOverlongShardNamesAsComplexKeys() {
    assertEquals("shard_counts:\n  ? " + LONG_SHARD + "\n  : 3\n", EnergonMetadata.infoYaml(Map.of(LONG_SHARD, 3L)));
  }

  @Test
  void infoJsonKeepsTheGivenOrder() {
    assertEquals("{\n  \"energon_version\": \"7.1.0\",\n  \"shard_counts\": {\n"
        + "    \"pretrain-10.tar\": 731,\n    \"pretrain-0.tar\": 10000,\n    \"pretrain-1.tar\": 10000\n  }\n}",
        EnergonMetadata.infoJson("7.1.0", counts()));
    assertEquals("{\n  \"energon_version\": \"x\",\n  \"shard_counts\": {}\n}",
        EnergonMetadata.infoJson("x", Map.of()));
  }

  @Test
  void splitYamlMatchesTheFormatsExample() {
    assertEquals("exclude: []\nsplit_parts:\n  test: []\n  train:\n  - pretrain-7.tar\n  - pretrain-3.tar\n"
        + "  val:\n  - pretrain-1.tar\n",
        EnergonMetadata.splitYaml(List.of("pretrain-7.tar", "pretrain-3.tar"), List.of("pretrain-1.tar"), List.of()));
    assertEquals("exclude:\n- a.tar\n- b.tar/sample1\nsplit_parts:\n  train:\n  - c.tar\n",
        EnergonMetadata.splitYaml(Map.of("train", List.of("c.tar")), List.of("a.tar", "b.tar/sample1")));
  }

  @Test
  void datasetYamlStandardFactory() {
    assertEquals("sample_type:\n  __module__: megatron.energon\n  __class__: VQASample\nfield_map:\n"
        + "  image: jpg\n  context: json[0][value]\n  answers: json[1][value]\n",
        EnergonMetadata.datasetYaml("VQASample", vqaFieldMap()));
  }

  @Test
  void datasetYamlCustomFactoryAsPaiWritesIt() {
    assertEquals("__class__: ChatMLWebdataset\n__module__: megatron_patch.data.multimodal_dataset\nfield_map:\n"
        + "  conversation: json\n  imgs: jpgs\n  videos: videos\n",
        EnergonMetadata.customDatasetYaml("megatron_patch.data.multimodal_dataset", "ChatMLWebdataset",
            chatmlFieldMap()));
  }

  @Test
  void rejectsUnsafeNames() {
    assertThrows(IllegalArgumentException.class, () -> EnergonMetadata.infoYaml(Map.of("a b.tar", 1L)));
    assertThrows(IllegalArgumentException.class, () -> EnergonMetadata.infoYaml(Map.of("é.tar", 1L)));
    assertThrows(IllegalArgumentException.class, () -> EnergonMetadata.infoYaml(Map.of("../a.tar", 1L)));
    assertThrows(IllegalArgumentException.class, () -> EnergonMetadata.infoYaml(Map.of("a.tar", -1L)));
    assertThrows(IllegalArgumentException.class, () -> EnergonMetadata.infoJson("1", Map.of("a:b.tar", 1L)));
    assertThrows(IllegalArgumentException.class,
        () -> EnergonMetadata.splitYaml(List.of("x y.tar"), List.of(), List.of()));
    assertThrows(IllegalArgumentException.class, () -> EnergonMetadata.datasetYaml("VQA.Sample", vqaFieldMap()));
    assertThrows(IllegalArgumentException.class, () -> EnergonMetadata.datasetYaml("VQASample", Map.of("x", "json[0")));
    assertThrows(IllegalArgumentException.class, () -> EnergonMetadata.datasetYaml("VQASample", Map.of("x", "a: b")));
    assertThrows(IllegalArgumentException.class, () -> EnergonMetadata.datasetYaml("VQASample", Map.of("x-y", "jpg")));
    assertThrows(IllegalArgumentException.class,
        () -> EnergonMetadata.customDatasetYaml("bad..module", "C", Map.of()));
  }

  @Test
  void bytesEqualPyYamlAndJsonOutputForTheSameData() throws Exception {
    Python3.assumeModule("yaml");
    Map<String, Long> tricky = new LinkedHashMap<>(counts());
    tricky.put("000123.tar", 5L);
    tricky.put("123", 6L);
    tricky.put("true", 7L);
    tricky.put("shards/2020-01-01", 8L);
    tricky.put(LONG_SHARD, 9L);
    tricky.put("B/a.tar", 10L);
    Map<String, String> fieldMap = new LinkedHashMap<>(vqaFieldMap());
    fieldMap.put("extra", "jpg,png");
    fieldMap.put("numeric", "123");
    Map<String, List<String>> splits = new LinkedHashMap<>();
    splits.put("val", List.of("true", "pretrain-1.tar"));
    splits.put("train", List.of("000123.tar", LONG_SHARD, "123"));
    splits.put("test", List.of());
    List<String> exclude = List.of("B/a.tar", "pretrain-0.tar/00042");

    // Python builds the same objects and dumps them the way energon 4.0.0, energon 7 and Pai do.
    ObjectMapper json = new ObjectMapper();
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("counts", tricky);
    in.put("splits", splits);
    in.put("exclude", exclude);
    in.put("fieldMap", fieldMap);
    String script = String.join("\n",
        "import json, sys, yaml",
        "c = json.loads(sys.stdin.read())",
        "docs = [",
        "  yaml.dump({'shard_counts': c['counts']}),",
        "  json.dumps({'energon_version': '7.2.0', 'shard_counts': c['counts']}, indent=2),",
        "  yaml.dump({'split_parts': c['splits'], 'exclude': c['exclude']}),",
        "  yaml.dump({'sample_type': {'__module__': 'megatron.energon', '__class__': 'VQASample'},",
        "             'field_map': c['fieldMap']}, sort_keys=False),",
        "  yaml.safe_dump({'__module__': 'pkg.mod', '__class__': 'Factory', 'field_map': c['fieldMap']}),",
        "]",
        "print(json.dumps({'docs': docs}))");
    String[] ours = {
        EnergonMetadata.infoYaml(tricky),
        EnergonMetadata.infoJson("7.2.0", tricky),
        EnergonMetadata.splitYaml(splits, exclude),
        EnergonMetadata.datasetYaml("VQASample", fieldMap),
        EnergonMetadata.customDatasetYaml("pkg.mod", "Factory", fieldMap)};
    JsonNode docs = json.readTree(Python3.runText(script, json.writeValueAsString(in))).get("docs");
    for (int i = 0; i < ours.length; i++) {
      assertEquals(docs.get(i).textValue(), ours[i], "document " + i);
    }
  }

  @Test
  void safeLoadGivesBackTheIntendedStructure() throws Exception {
    Python3.assumeModule("yaml");
    Map<String, Long> tricky = new LinkedHashMap<>(counts());
    tricky.put("123", 6L);
    tricky.put(LONG_SHARD, 9L);
    String doc = EnergonMetadata.infoYaml(tricky)
        + "---\n" + EnergonMetadata.splitYaml(List.of("true"), List.of("08", "1.5"), List.of())
        + "---\n" + EnergonMetadata.datasetYaml("VQASample", vqaFieldMap());
    String out = Python3.runText(String.join("\n",
        "import json, sys, yaml",
        "print(json.dumps(list(yaml.safe_load_all(sys.stdin.read())), sort_keys=True))"), doc);
    ObjectMapper json = new ObjectMapper();
    // Through text, so that numbers compare as the same node types as the parsed output.
    JsonNode expected = json.readTree(json.writeValueAsString(List.of(
        Map.of("shard_counts", tricky),
        Map.of("exclude", List.of(), "split_parts",
            Map.of("train", List.of("true"), "val", List.of("08", "1.5"), "test", List.of())),
        Map.of("sample_type", Map.of("__module__", "megatron.energon", "__class__", "VQASample"),
            "field_map", vqaFieldMap()))));
    assertEquals(expected, json.readTree(out));
  }
}
