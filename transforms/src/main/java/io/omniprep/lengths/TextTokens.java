package io.omniprep.lengths;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.io.FileSystems;

/**
 * Token counts by a Hugging Face {@code tokenizer.json} (any path Beam's FileSystems reads: local,
 * {@code gs://}, {@code s3://}; never a hub download), through DJL's binding of the Rust tokenizers
 * library, whose native code ships inside its jar. A tokenizer is loaded once per worker JVM and
 * file, and shared by every thread: loading takes seconds, encoding is thread-safe.
 */
public final class TextTokens implements Serializable {
  private static final Map<String, HuggingFaceTokenizer> LOADED = new ConcurrentHashMap<>();
  /** Counts exactly what is given: no special tokens added, no truncation, no padding. */
  private static final Map<String, String> OPTIONS = Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");

  private final String path;

  private TextTokens(String path) {
    this.path = path;
  }

  public static TextTokens from(String tokenizerJson) {
    if (tokenizerJson == null || tokenizerJson.isEmpty()) {
      throw new IllegalArgumentException("--tokenizer can not be empty");
    }
    return new TextTokens(tokenizerJson);
  }

  public String path() {
    return path;
  }

  /** The number of tokens of {@code text}, special tokens written in it counting one each. */
  public int count(String text) {
    return tokenizer().encode(text, false, false).getIds().length;
  }

  private HuggingFaceTokenizer tokenizer() {
    return LOADED.computeIfAbsent(path, TextTokens::load);
  }

  private static HuggingFaceTokenizer load(String path) {
    try (InputStream in = Channels.newInputStream(FileSystems.open(FileSystems.matchSingleFileSpec(path).resourceId()))) {
      return HuggingFaceTokenizer.newInstance(in, OPTIONS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the tokenizer " + path, e);
    }
  }
}
