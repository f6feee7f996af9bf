package io.omniprep.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.omniprep.json.Json;
import io.omniprep.sample.Sample;
import java.io.Serializable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One written sample as the sample table ({@code samples.parquet}) and the shard stats see it:
 * where it came from, where it went, what its media weigh and measure. Figures that are not known
 * for a sample are null: {@code width}/{@code height} without an image, {@code duration} without a
 * video whose length is known, {@code phash} unless perceptual hashes are computed ({@code --dedup=phash}: the first image's,
 * the signed 64-bit value of its bits), and the token
 * lengths until a stage computes them (issue 19).
 *
 * @param mediaBytes bytes of the sample's media as read (before any conversion)
 * @param tarBytes bytes of the sample's tar members as written (without tar headers)
 * @param sha256 hex SHA-256 of the media bytes, every medium in record order; null without media
 */
public record SampleRow(
    String key,
    @Nullable String id,
    String source,
    long position,
    String shard,
    String split,
    long mediaBytes,
    long tarBytes,
    @Nullable Integer width,
    @Nullable Integer height,
    @Nullable Double duration,
    @Nullable String sha256,
    @Nullable Long phash,
    @Nullable Integer textTokens,
    @Nullable Integer imageTokens,
    @Nullable Integer videoTokens,
    @Nullable Integer totalTokens)
    implements Serializable {

  /** The row of {@code sample} written to {@code shard} ({@code tarBytes} of members), lengths not computed. */
  public static SampleRow of(Sample sample, String shard, String split, long tarBytes, MediaFacts facts) {
    return new SampleRow(sample.key(), idText(sample.idJson()), sample.source(), sample.position(), shard, split,
        sample.resolvedBytes(), tarBytes, facts.width(), facts.height(), facts.duration(), facts.sha256(), null,
        null, null, null, null);
  }

  /**
   * The same row naming its source {@code name}: the input's path under the inputs' common root
   * rather than where it lies, so that the table is the same wherever the data is.
   */
  public SampleRow withSource(String name) {
    return new SampleRow(key, id, name, position, shard, split, mediaBytes, tarBytes, width, height, duration, sha256, phash,
        textTokens, imageTokens, videoTokens, totalTokens);
  }

  /** The same row with the first image's perceptual hash (null: not computed, or no image hashed). */
  public SampleRow withPhash(@Nullable Long hash) {
    return new SampleRow(key, id, source, position, shard, split, mediaBytes, tarBytes, width, height, duration, sha256, hash,
        textTokens, imageTokens, videoTokens, totalTokens);
  }

  /** A record's id as text: a JSON string unquoted, a number or other value as written; null when absent. */
  static @Nullable String idText(@Nullable String idJson) {
    if (idJson == null || !idJson.startsWith("\"")) {
      return idJson;
    }
    if (idJson.indexOf('\\') < 0) {
      return idJson.substring(1, idJson.length() - 1); // nothing escaped: the text between the quotes
    }
    try {
      return Json.MAPPER.readTree(idJson).asText();
    } catch (JsonProcessingException e) {
      return idJson; // the parser accepted it, so this does not happen; keep the raw text if it does
    }
  }
}
