package io.omniprep.lengths;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.omniprep.sample.Sample;
import io.omniprep.sample.Turn;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TextTokensTest {
  private static HuggingFaceTokenizer reference;

  @BeforeAll
  static void load() throws Exception {
    reference = HuggingFaceTokenizer.newInstance(TestTokenizer.path(), Map.of("addSpecialTokens", "false", "truncation", "false"));
  }

  @AfterAll
  static void close() {
    reference.close();
  }

  private static int referenceCount(String text) {
    return reference.encode(text, false, false).getIds().length;
  }

  @Test
  void knownStrings() {
    TextTokens tokens = TextTokens.from(TestTokenizer.path().toString());
    // <|im_start|> user \n Hello Ġworld <|im_end|> \n
    assertEquals(7, tokens.count("<|im_start|>user\nHello world<|im_end|>\n"));
    // Each special token is one token, however it is surrounded.
    assertEquals(3, tokens.count("<|vision_start|><|image_pad|><|vision_end|>"));
    assertEquals(0, tokens.count(""));
    String long_ = "word ".repeat(5000);
    assertEquals(referenceCount(long_), tokens.count(long_)); // nothing truncated (DJL cuts at 512 by default)
    assertEquals(5000, tokens.count(long_.strip()));
  }

  @Test
  void conversationsAreCountedAsTheirChatMlText() {
    Sample sample = Sample.builder().key("k").source("s").position(0)
        .addTurn(Turn.of("human", "<image>\nWhat is in the picture?"))
        .addTurn(Turn.of("gpt", "A cat on a mat."))
        .build();
    String expected = "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
        + "<|im_start|>user\n<|vision_start|><|image_pad|><|vision_end|>\nWhat is in the picture?<|im_end|>\n"
        + "<|im_start|>assistant\nA cat on a mat.<|im_end|>\n";
    assertEquals(expected, ChatTemplate.QWEN2_VL.render(sample, false));
    assertEquals(expected.substring(expected.indexOf("<|im_start|>user")), ChatTemplate.CHATML.render(sample, false));
    assertEquals(expected.replace("image_pad", "video_pad"), ChatTemplate.QWEN2_VL.render(sample, true));
  }
}
