package io.omniprep.preprocess;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.table.TableJson;
import java.util.List;

/**
 * {@code image_caption}: an image column and a caption column become a LLaVA captioning record.
 *
 * <pre>{@code
 * {"id": <unique id>,
 *  "image": <image column>,
 *  "conversations": [
 *    {"from": "human", "value": "<image>\n<instruction>"},
 *    {"from": "gpt", "value": <caption column>}]}
 * }</pre>
 *
 * <p>The instruction is drawn uniformly (from the row's seeded generator) from {@code
 * instructions}, by default the one instruction {@value #DEFAULT_INSTRUCTION}. Keyword arguments:
 * {@code image_key} ("image"), {@code caption_key} ("caption"), {@code instructions}.
 */
public final class ImageCaption implements PreprocessFn {
  public static final String NAME = "image_caption";
  public static final String DEFAULT_INSTRUCTION = "Describe the image concisely.";

  private final String imageKey;
  private final String captionKey;
  private final List<String> instructions;

  private ImageCaption(Kwargs kwargs) {
    this.imageKey = kwargs.string("image_key", "image");
    this.captionKey = kwargs.string("caption_key", "caption");
    List<String> given = kwargs.stringList("instructions");
    this.instructions = given == null ? List.of(DEFAULT_INSTRUCTION) : List.copyOf(given);
    kwargs.checkAllUsed();
  }

  /** Registers {@value #NAME}. */
  public static final class Factory implements PreprocessFnFactory {
    @Override
    public List<String> names() {
      return List.of(NAME);
    }

    @Override
    public PreprocessFn create(Kwargs kwargs) {
      return new ImageCaption(kwargs);
    }
  }

  @Override
  public List<ObjectNode> apply(ObjectNode row, RowContext context) throws PreprocessException {
    String image = RowFields.string(row, imageKey);
    String caption = RowFields.string(row, captionKey);
    String instruction =
        instructions.size() == 1
            ? instructions.get(0)
            : instructions.get(context.random().nextInt(instructions.size()));
    ObjectNode record = TableJson.newObject();
    record.put("id", context.recordId(0));
    record.put("image", image);
    ArrayNode turns = record.putArray("conversations");
    turns.addObject().put("from", "human").put("value", "<image>\n" + instruction);
    turns.addObject().put("from", "gpt").put("value", caption);
    return List.of(record);
  }
}
