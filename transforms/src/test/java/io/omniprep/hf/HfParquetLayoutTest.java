package io.omniprep.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfParquetLayoutTest {
  @TempDir Path dir;

  @Test
  void configsFollowTheHubLayouts() {
    assertEquals(
        Optional.of("ai2d"),
        HfParquetLayout.configOf("ai2d/train-00000-of-00002.parquet", "train"));
    assertEquals(Optional.of("ai2d"), HfParquetLayout.configOf("ai2d/train/0000.parquet", "train"));
    assertEquals(
        Optional.of("default"),
        HfParquetLayout.configOf("data/train-00000-of-00001.parquet", "train"));
    assertEquals(
        Optional.of("default"), HfParquetLayout.configOf("train-00000-of-00001.parquet", "train"));
    assertEquals(Optional.of("default"), HfParquetLayout.configOf("train/0000.parquet", "train"));
    assertEquals(
        Optional.empty(), HfParquetLayout.configOf("ai2d/test-00000-of-00001.parquet", "train"));
    assertEquals(
        Optional.empty(), HfParquetLayout.configOf(".cache/ai2d/train-0.parquet", "train"));
  }

  @Test
  void discoverListsConfigsSortedWithTheirFilesSorted() throws Exception {
    for (String f :
        List.of(
            "b/train-00001-of-00002.parquet",
            "b/train-00000-of-00002.parquet",
            "a/train/0000.parquet",
            "a/test/0000.parquet")) {
      Files.createDirectories(dir.resolve(f).getParent());
      Files.writeString(dir.resolve(f), "");
    }
    Map<String, List<String>> found = HfParquetLayout.discover(dir.toString(), "train", "all");
    assertEquals(
        Map.of(
            "a", List.of(dir.resolve("a/train/0000.parquet").toString()),
            "b",
                List.of(
                    dir.resolve("b/train-00000-of-00002.parquet").toString(),
                    dir.resolve("b/train-00001-of-00002.parquet").toString())),
        found);
    assertEquals(
        List.of("b"), List.copyOf(HfParquetLayout.discover(dir.toString(), "train", "b").keySet()));
    assertThrows(
        IllegalArgumentException.class,
        () -> HfParquetLayout.discover(dir.toString(), "train", "zzz"));
    assertThrows(
        IllegalArgumentException.class,
        () -> HfParquetLayout.discover(dir.toString(), "validation", "all"));
  }
}
