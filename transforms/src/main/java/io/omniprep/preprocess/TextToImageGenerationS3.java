package io.omniprep.preprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.table.TableJson;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * LaViDa-O's {@code preproces_text_to_image_generation_s3} (also accepted with the spelling {@code
 * preprocess_...}): an image path and its caption become a text-to-image generation record.
 *
 * <pre>{@code
 * {"id": <unique id>,
 *  "image_gen": <s3_path>,
 *  "conversations": [
 *    {"from": "human", "value": "Generate an image with the caption: <caption> [[micro_conds_texts]]"},
 *    {"from": "gpt", "value": "Sure <image_gen>"}],
 *  "gen_score": [<fltLaionAesthScore>],   only if the row has that column
 *  "hpsv2": [<hpsv2>]}                    only if the row has that column
 * }</pre>
 *
 * <p>The caption: with probability 0.2, if it is longer than 150 characters and truncation is
 * allowed, it is cut to its first k sentences ({@link Captions#firstSentences}); then it is capped
 * at {@code max_cap_length} characters. Keyword arguments: {@code random_truncate} (true), {@code
 * caption_key} ("caption"), {@code no_drop_keys} (if given, truncation is allowed exactly when the
 * caption key is not in it, whatever {@code random_truncate} says), {@code random_caption_keys} (if
 * given, the caption column is drawn uniformly from it for every row), {@code max_cap_length}
 * (800).
 *
 * <p>Differences from the reference: the {@code id} is unique per record (the reference writes
 * "000951660" for all); the random draws come from the row's seeded generator, so reruns agree;
 * {@code max_cap_length} is a keyword argument instead of the {@code MAX_CAP_LENGTH} environment
 * variable; numeric strings (CSV) in {@code gen_score}/{@code hpsv2} become numbers.
 */
public final class TextToImageGenerationS3 implements PreprocessFn {
  public static final List<String> NAMES =
      List.of("preproces_text_to_image_generation_s3", "preprocess_text_to_image_generation_s3");

  /** Replaced by the micro-conditions (size, crop, scores) when the trainer loads the sample. */
  public static final String MICRO_CONDITIONS = "[[micro_conds_texts]]";

  static final double TRUNCATE_PROBABILITY = 0.2;
  static final int TRUNCATE_ABOVE = 150;

  private final boolean randomTruncate;
  private final String captionKey;
  private final @Nullable List<String> noDropKeys;
  private final @Nullable List<String> randomCaptionKeys;
  private final int maxCapLength;

  private TextToImageGenerationS3(Kwargs kwargs) {
    this.randomTruncate = kwargs.bool("random_truncate", true);
    this.captionKey = kwargs.string("caption_key", "caption");
    this.noDropKeys = kwargs.stringList("no_drop_keys");
    this.randomCaptionKeys = kwargs.stringList("random_caption_keys");
    this.maxCapLength = kwargs.integer("max_cap_length", 800);
    if (maxCapLength < 0) {
      throw new IllegalArgumentException(NAMES.get(0) + ": max_cap_length can not be negative");
    }
    kwargs.checkAllUsed();
  }

  /** Registers the function under both spellings. */
  public static final class Factory implements PreprocessFnFactory {
    @Override
    public List<String> names() {
      return NAMES;
    }

    @Override
    public PreprocessFn create(Kwargs kwargs) {
      return new TextToImageGenerationS3(kwargs);
    }
  }

  @Override
  public List<ObjectNode> apply(ObjectNode row, RowContext context) throws PreprocessException {
    String imagePath = RowFields.string(row, "s3_path");
    DeterministicRandom random = context.random();
    String key =
        randomCaptionKeys == null
            ? captionKey
            : randomCaptionKeys.get(random.nextInt(randomCaptionKeys.size()));
    if (!row.has(key)) {
      throw PreprocessException.badRow("caption column '" + key + "' not found");
    }
    String caption = RowFields.string(row, key);
    boolean mayTruncate = noDropKeys != null ? !noDropKeys.contains(key) : randomTruncate;
    // Drawn for every row, before the length check, in the order of the reference's condition.
    boolean coin = random.nextDouble() < TRUNCATE_PROBABILITY;
    if (coin && Captions.length(caption) > TRUNCATE_ABOVE && mayTruncate) {
      caption = Captions.firstSentences(caption, random);
    }
    caption = Captions.cut(caption, maxCapLength);

    ObjectNode record = TableJson.newObject();
    record.put("id", context.recordId(0));
    record.put("image_gen", imagePath);
    ArrayNode turns = record.putArray("conversations");
    turns
        .addObject()
        .put("from", "human")
        .put("value", "Generate an image with the caption: " + caption + " " + MICRO_CONDITIONS);
    turns.addObject().put("from", "gpt").put("value", "Sure <image_gen>");
    copyAsList(row, "fltLaionAesthScore", record, "gen_score");
    copyAsList(row, "hpsv2", record, "hpsv2");
    return List.of(record);
  }

  private static void copyAsList(ObjectNode row, String column, ObjectNode record, String field) {
    JsonNode value = row.get(column);
    if (value != null) {
      record.putArray(field).add(RowFields.numeric(value));
    }
  }
}
