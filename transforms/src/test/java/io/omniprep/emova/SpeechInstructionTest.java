package io.omniprep.emova;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.preprocess.PreprocessException;
import io.omniprep.preprocess.PreprocessFn;
import io.omniprep.preprocess.PreprocessFns;
import io.omniprep.preprocess.RowContext;
import io.omniprep.table.TableJson;
import io.omniprep.testing.Fixtures;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class SpeechInstructionTest {
  @Test
  void chatFormatIsByteForByteEmovasRawString() throws Exception {
    // testdata/emova/chat_format.txt holds the r'...' literal of EMOVA's assets/docs/Data.md,
    // extracted verbatim.
    byte[] expected = Files.readAllBytes(Fixtures.testdata("emova/chat_format.txt"));
    assertArrayEquals(
        expected, SpeechInstruction.CHAT_FORMAT.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertFalse(SpeechInstruction.CHAT_FORMAT.contains("\n"), "\\n is backslash-n in a raw string");
    assertEquals(
        2, SpeechInstruction.CHAT_FORMAT.split("\uFF0C", -1).length, "one full-width comma");
  }

  @Test
  void unitsAreCollapsedAndAppended() {
    int[] units = {12, 12, 12, 4051, 7, 7, 0, 12, 12};
    assertEquals(
        SpeechInstruction.CHAT_FORMAT
            + "<|speech_12|><|speech_4051|><|speech_7|><|speech_0|><|speech_12|>",
        SpeechInstruction.forUnits(units));
    assertEquals(
        "Please recognize the texts, emotion and pitch from the user question speech units and"
            + " provide the texts, emotion, pitch and speech units for the assistant response. \\n"
            + "Emotion should be chosen from [\"neutral\", \"happy\", \"sad\", \"angry\","
            + " \"surprised\", \"disgusted\", \"fearful\"]. \\n"
            + "Pitch should be chosen from [\"low\", \"normal\", \"high\"].\\n"
            + "Your output should be in json format.\\n"
            + "An output example is:\\n"
            + "{\"user question text\": \"\", \"user question emotion\": \"\", \"user question"
            + " pitch\": \"\", \"assistant response text\": \"\", \"assistant response emotion\":"
            + " \"\", \"assistant response pitch\": \"\"\uFF0C\"assistant response speech\":"
            + " \"\"}\\n"
            + "\\n"
            + "user question speech:<|speech_1|><|speech_2|><|speech_1|>",
        SpeechInstruction.forUnits(new int[] {1, 1, 2, 1}));
  }

  @Test
  void unitsParseFromStringsAndLists() throws Exception {
    assertArrayEquals(
        new int[] {12, 4051, 7}, SpeechUnits.parse("<|speech_12|><|speech_4051|> <|speech_7|>"));
    assertArrayEquals(
        new int[] {3, 3, 9}, SpeechUnits.parse(TableJson.MAPPER.readTree("[3, 3, 9]")));
    assertArrayEquals(
        new int[] {3, 9},
        SpeechUnits.parse(TableJson.MAPPER.readTree("[\"<|speech_3|>\", \"<|speech_9|>\"]")));
    assertThrows(IllegalArgumentException.class, () -> SpeechUnits.parse("<|speech_4096|>"));
    assertThrows(IllegalArgumentException.class, () -> SpeechUnits.parse("<|speech_1|>oops"));
    assertArrayEquals(new int[] {}, SpeechUnits.collapse(new int[] {}));
  }

  @Test
  void theFunctionRewritesTheFirstHumanTurn() throws Exception {
    PreprocessFn fn = PreprocessFns.create("emova_speech_question", null);
    ObjectNode record =
        (ObjectNode)
            TableJson.MAPPER.readTree(
                "{\"id\":\"e1\",\"image\":\"a.png\",\"conversations\":[{\"from\":\"human\",\"value\":\"<image>\\n"
                    + "What is this?\"},"
                    + "{\"from\":\"gpt\",\"value\":\"{}\"}],\"speech_units\":[5,5,6]}");
    ObjectNode out = fn.apply(record, new RowContext("emova", 0, 0, 0, 42)).get(0);
    assertEquals(
        "<image>\n" + SpeechInstruction.CHAT_FORMAT + "<|speech_5|><|speech_6|>",
        out.get("conversations").get(0).get("value").asText());
    assertFalse(out.has("speech_units"));
    ObjectNode noUnits =
        (ObjectNode)
            TableJson.MAPPER.readTree("{\"conversations\":[{\"from\":\"human\",\"value\":\"q\"}]}");
    assertThrows(
        PreprocessException.class, () -> fn.apply(noUnits, new RowContext("emova", 0, 0, 0, 42)));
  }
}
