package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EarlyTokenizerLoadTest {
  private static final String TOKENIZER = "--tokenizer=/data/tokenizer.json";

  @Test
  void aLocalTokenizerOfAJobInThisJvmLoadsEarly() {
    assertEquals(Optional.of("/data/tokenizer.json"),
        EarlyTokenizerLoad.localTokenizer(List.of("--input=x", TOKENIZER, "--runner=FlinkRunner", "--flinkMaster=[local]")));
    assertEquals(Optional.of("/data/tokenizer.json"), EarlyTokenizerLoad.localTokenizer(List.of(TOKENIZER, "--runner=DirectRunner")));
    assertEquals(Optional.of("/data/tokenizer.json"), EarlyTokenizerLoad.localTokenizer(List.of(TOKENIZER, "--runner=flink", "--flinkMaster=[local]")));
  }

  @Test
  void aClusterJobOrARemoteFileOrNoTokenizerLoadsNothingEarly() {
    assertEquals(Optional.empty(), EarlyTokenizerLoad.localTokenizer(List.of(TOKENIZER, "--runner=FlinkRunner", "--flinkMaster=127.0.0.1:8081")));
    assertEquals(Optional.empty(), EarlyTokenizerLoad.localTokenizer(List.of(TOKENIZER, "--runner=DataflowRunner")));
    assertEquals(Optional.empty(), EarlyTokenizerLoad.localTokenizer(List.of(TOKENIZER)));
    assertEquals(Optional.empty(), EarlyTokenizerLoad.localTokenizer(
        List.of("--tokenizer=gs://bucket/tokenizer.json", "--runner=FlinkRunner", "--flinkMaster=[local]")));
    assertEquals(Optional.empty(), EarlyTokenizerLoad.localTokenizer(List.of("--tokenizer=", "--runner=DirectRunner")));
    assertEquals(Optional.empty(), EarlyTokenizerLoad.localTokenizer(List.of("--runner=DirectRunner")));
  }
}
