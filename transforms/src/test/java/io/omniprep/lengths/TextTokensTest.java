package io.omniprep.lengths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.omniprep.sample.Sample;
import io.omniprep.sample.Turn;
import java.io.File;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void countingBetweenMarkersEqualsCountingTheWhole() {
    TextTokens tokens = TextTokens.from(TestTokenizer.path().toString());
    List<String> texts = List.of(
        "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n<|vision_start|><|image_pad|><|vision_end|>\nWhat?<|im_end|>\n",
        "<|im_start|>user\n  spaced   out \n\n<|im_end|>\n\n", "no markers at all", "<|image_pad|><|image_pad|>x", "x<|im_end|>", "",
        "<|im_start|>user\n日本語のテキスト<|im_end|>\n", "<|im_end<|im_end|>|><|<|im_start|><|im_start|>", "<|vision_end|>");
    for (int round = 0; round < 2; round++) { // the second round from remembered pieces
      for (String text : texts) {
        assertEquals(referenceCount(text), tokens.countBetween(text, ChatTemplate.MARKERS), text);
      }
    }
    // A marker that is not one token of this tokenizer: the whole text is counted.
    assertEquals(referenceCount("a word<nope>b"), tokens.countBetween("a word<nope>b", List.of("<nope>")));
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

  /**
   * Each class loader of a JVM counts, as each job does on a Flink TaskManager (a class loader a job)
   * although a native library file loads in one class loader only: this JVM's loader has DJL's
   * library already (the reference above), and each isolated loader, left open, keeps its own.
   */
  @Test
  void everyClassLoaderOfTheJvmCounts() throws Exception {
    String text = "<|im_start|>user\nHello world<|im_end|>\n";
    List<URLClassLoader> jobs = new ArrayList<>();
    try {
      for (int job = 0; job < 2; job++) {
        URLClassLoader loader = new URLClassLoader(classPath(), ClassLoader.getPlatformClassLoader());
        jobs.add(loader);
        Class<?> isolated = Class.forName(TextTokens.class.getName(), true, loader);
        assertNotSame(TextTokens.class, isolated);
        Object tokens = isolated.getMethod("from", String.class).invoke(null, TestTokenizer.path().toString());
        assertEquals(referenceCount(text), (int) isolated.getMethod("count", String.class).invoke(tokens, text), "loader " + job);
      }
    } finally {
      for (URLClassLoader loader : jobs) {
        loader.close();
      }
    }
    assertNull(System.getProperty(NativeTokenizers.HELPER), "DJL's helper property is restored");
  }

  /** A load that failed (here: no file yet) is not kept: the next use loads again, also after a preload. */
  @Test
  void aFailedLoadIsTriedAgain(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tokenizer.json");
    TextTokens tokens = TextTokens.from(file.toString());
    tokens.preload();
    for (int attempt = 0; attempt < 2; attempt++) {
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> tokens.count("a"));
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
    Files.copy(TestTokenizer.path(), file);
    assertEquals(referenceCount("Hello world"), tokens.count("Hello world"));
  }

  private static URL[] classPath() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(Paths.get(entry).toUri().toURL());
    }
    return urls.toArray(new URL[0]);
  }
}
