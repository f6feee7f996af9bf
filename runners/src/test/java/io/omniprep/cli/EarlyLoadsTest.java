package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.options.ConvertOptions;
import io.omniprep.options.MixtureOptions;
import io.omniprep.options.WebDatasetOptions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EarlyLoadsTest {
  private static final String TOKENIZER = "--tokenizer=/data/tokenizer.json";

  @Test
  void aLocalTokenizerOfAJobInThisJvmLoadsEarly() {
    assertEquals(Optional.of("/data/tokenizer.json"),
        EarlyLoads.localTokenizer(List.of("--input=x", TOKENIZER, "--runner=FlinkRunner", "--flinkMaster=[local]")));
    assertEquals(Optional.of("/data/tokenizer.json"), EarlyLoads.localTokenizer(List.of(TOKENIZER, "--runner=DirectRunner")));
    assertEquals(Optional.of("/data/tokenizer.json"), EarlyLoads.localTokenizer(List.of(TOKENIZER, "--runner=flink", "--flinkMaster=[local]")));
  }

  @Test
  void aClusterJobOrARemoteFileOrNoTokenizerLoadsNothingEarly() {
    assertEquals(Optional.empty(), EarlyLoads.localTokenizer(List.of(TOKENIZER, "--runner=FlinkRunner", "--flinkMaster=127.0.0.1:8081")));
    assertEquals(Optional.empty(), EarlyLoads.localTokenizer(List.of(TOKENIZER, "--runner=DataflowRunner")));
    assertEquals(Optional.empty(), EarlyLoads.localTokenizer(List.of(TOKENIZER)));
    assertEquals(Optional.empty(), EarlyLoads.localTokenizer(
        List.of("--tokenizer=gs://bucket/tokenizer.json", "--runner=FlinkRunner", "--flinkMaster=[local]")));
    assertEquals(Optional.empty(), EarlyLoads.localTokenizer(List.of("--tokenizer=", "--runner=DirectRunner")));
    assertEquals(Optional.empty(), EarlyLoads.localTokenizer(List.of("--runner=DirectRunner")));
  }

  @Test
  void sqliteLoadsEarlyOnlyForAJobHereThatWritesEnergonsIndex() {
    List<String> here = List.of("--runner=FlinkRunner", "--flinkMaster=[local]");
    assertTrue(EarlyLoads.sqliteIndexHere(WebDatasetOptions.class, here));
    assertTrue(EarlyLoads.sqliteIndexHere(WebDatasetOptions.class, List.of("--runner=DirectRunner", "--energonIndex=true")));
    assertTrue(EarlyLoads.sqliteIndexHere(MixtureOptions.class, plus(here, "--to=webdataset")));
    assertTrue(EarlyLoads.sqliteIndexHere(MixtureOptions.class, here));
    assertFalse(EarlyLoads.sqliteIndexHere(MixtureOptions.class, plus(here, "--to=llava")));
    assertFalse(EarlyLoads.sqliteIndexHere(WebDatasetOptions.class, plus(here, "--energonIndex=false")));
    assertFalse(EarlyLoads.sqliteIndexHere(ConvertOptions.class, here));
    assertFalse(EarlyLoads.sqliteIndexHere(WebDatasetOptions.class, List.of("--runner=FlinkRunner", "--flinkMaster=127.0.0.1:8081")));
    assertFalse(EarlyLoads.sqliteIndexHere(WebDatasetOptions.class, List.of("--runner=DataflowRunner")));
  }

  private static List<String> plus(List<String> args, String arg) {
    return java.util.stream.Stream.concat(args.stream(), java.util.stream.Stream.of(arg)).toList();
  }
}
