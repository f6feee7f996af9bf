package io.omniprep.pipelines;

import io.omniprep.lengths.ChatTemplate;
import io.omniprep.lengths.MeasureLengths;
import io.omniprep.media.QwenVision;
import io.omniprep.lengths.TextTokens;
import io.omniprep.media.Resize;
import io.omniprep.options.SequenceLengthOptions;
import io.omniprep.llava.JsonChunk;
import io.omniprep.wds.WriteWebDataset;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/** {@code --tokenizer} and its companions, applied to a chunk-plan WebDataset writer. */
final class Lengths {
  private Lengths() {}

  /** {@code write} measuring lengths when {@code --tokenizer} is set (images as {@code resize} stores them); a usage error when an option needs it and it is not. */
  static WriteWebDataset.FromChunks<JsonChunk> apply(WriteWebDataset.FromChunks<JsonChunk> write, SequenceLengthOptions options, Resize resize) {
    String tokenizer = options.getTokenizer();
    if (tokenizer == null || tokenizer.isEmpty()) {
      if (options.getMaxSequenceLength() > 0 || options.getPackTo() > 0) {
        throw new IllegalArgumentException("--maxSequenceLength and --packTo count tokens: they need --tokenizer=PATH/tokenizer.json");
      }
      return write;
    }
    requireFile(tokenizer);
    MeasureLengths measure = MeasureLengths.with(TextTokens.from(tokenizer))
        .withTemplate(ChatTemplate.parse(options.getChatTemplate()))
        .withVision(QwenVision.defaults().withImagePixels(options.getMinPixels(), options.getMaxPixels()))
        .withMaxSequenceLength(options.getMaxSequenceLength())
        .withResize(resize);
    return write.withLengths(measure, options.getPackTo());
  }

  private static void requireFile(String tokenizer) {
    try {
      MatchResult match = FileSystems.match(List.of(tokenizer)).get(0);
      if (match.status() != MatchResult.Status.OK || match.metadata().size() != 1) {
        throw new IllegalArgumentException("--tokenizer: no file '" + tokenizer + "'");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("--tokenizer: cannot read '" + tokenizer + "': " + e.getMessage(), e);
    }
  }
}
