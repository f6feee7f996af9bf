package io.omniprep.lengths;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.io.FileSystems;

/**
 * Token counts by a Hugging Face {@code tokenizer.json} (any path Beam's FileSystems reads: local,
 * {@code gs://}, {@code s3://}; never a hub download), through DJL's binding of the Rust tokenizers
 * library, whose native code ships inside its jar (loaded by {@link NativeTokenizers}, once per class
 * loader). A tokenizer is loaded once per worker JVM (class loader) and file, and shared by every
 * thread: loading takes seconds, encoding is thread-safe.
 */
public final class TextTokens implements Serializable {
  /** Tokenizers by path, loaded or being loaded ({@link #preload}). */
  private static final Map<String, CompletableFuture<HuggingFaceTokenizer>> LOADED = new ConcurrentHashMap<>();
  /** Counts of the pieces between markers, by tokenizer path and piece: templates repeat most of them. */
  private static final Map<String, Map<String, Integer>> PIECES = new ConcurrentHashMap<>();
  private static final int MAX_REMEMBERED = 200_000;
  private static final int MAX_REMEMBERED_CHARS = 512;
  /** Whether every one of a template's markers is a single (added) token, by tokenizer path and marker list. */
  private static final Map<List<Object>, Boolean> MARKERS_ARE_TOKENS = new ConcurrentHashMap<>();
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

  /**
   * The number of tokens of {@code text}, special tokens written in it counting one each. Only the
   * ids are fetched from the native encoding, not the tokens, offsets and masks {@code encode()}
   * copies into Java objects.
   */
  public int count(String text) {
    long encoding = TokenizersLibrary.LIB.encode(tokenizer().getHandle(), text, false);
    try {
      return TokenizersLibrary.LIB.getTokenIds(encoding).length;
    } finally {
      TokenizersLibrary.LIB.deleteEncoding(encoding);
    }
  }

  /**
   * The same count, as the sum over the pieces between {@code markers} (plus one a marker): a Hugging
   * Face tokenizer splits its added tokens out before anything else and encodes the text between them
   * apart, so the sum is the count of the whole. Short pieces' counts are remembered (a template's
   * framing and a dataset's prompts repeat), which spares most of the tokenizing. When a marker is not
   * a single token of this tokenizer, the whole text is counted instead.
   */
  public long countBetween(String text, List<String> markers) {
    if (!MARKERS_ARE_TOKENS.computeIfAbsent(List.of(path, markers), k -> markers.stream().allMatch(t -> count(t) == 1))) {
      return count(text);
    }
    Map<String, Integer> remembered = PIECES.computeIfAbsent(path, p -> new ConcurrentHashMap<>());
    long total = 0;
    int from = 0;
    // Where each marker next occurs at or after from (-1: nowhere): the earliest wins, the first listed on a tie.
    int[] next = new int[markers.size()];
    for (int i = 0; i < next.length; i++) {
      next[i] = text.indexOf(markers.get(i));
    }
    while (true) {
      int marker = -1;
      for (int i = 0; i < next.length; i++) {
        if (next[i] >= 0 && (marker < 0 || next[i] < next[marker])) {
          marker = i;
        }
      }
      int end = marker < 0 ? text.length() : next[marker];
      if (end > from) {
        total += remembered(remembered, text.substring(from, end));
      }
      if (marker < 0) {
        return total;
      }
      total++;
      from = end + markers.get(marker).length();
      for (int i = 0; i < next.length; i++) {
        if (next[i] >= 0 && next[i] < from) {
          next[i] = text.indexOf(markers.get(i), from);
        }
      }
    }
  }

  private int remembered(Map<String, Integer> remembered, String piece) {
    Integer known = remembered.get(piece);
    if (known == null) {
      known = count(piece);
      if (piece.length() <= MAX_REMEMBERED_CHARS && remembered.size() < MAX_REMEMBERED) {
        remembered.put(piece, known);
      }
    }
    return known;
  }

  /**
   * Starts loading the tokenizer on a thread of its own unless it is loaded or being loaded: a
   * worker calls it as it starts, so that the seconds a load takes pass while its input is read
   * rather than holding up the first samples' counts.
   */
  public void preload() {
    loading();
  }

  /** The tokenizer, once loaded; a failed load is forgotten, so that the next use tries again (e.g. after a transient read error). */
  private HuggingFaceTokenizer tokenizer() {
    CompletableFuture<HuggingFaceTokenizer> loading = loading();
    try {
      return loading.join();
    } catch (CompletionException e) {
      LOADED.remove(path, loading);
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }

  private CompletableFuture<HuggingFaceTokenizer> loading() {
    return LOADED.computeIfAbsent(path, p -> CompletableFuture.supplyAsync(() -> load(p), task -> {
      Thread thread = new Thread(task, "omniprep-tokenizer-load");
      thread.setDaemon(true);
      thread.start();
    }));
  }

  private static HuggingFaceTokenizer load(String path) {
    NativeTokenizers.ensureLoaded();
    try (InputStream in = Channels.newInputStream(FileSystems.open(FileSystems.matchSingleFileSpec(path).resourceId()))) {
      return HuggingFaceTokenizer.newInstance(in, OPTIONS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the tokenizer " + path, e);
    }
  }
}
