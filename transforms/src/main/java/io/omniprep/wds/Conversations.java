package io.omniprep.wds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.json.Json;
import io.omniprep.sample.Sample;
import io.omniprep.sample.Speakers;
import io.omniprep.sample.Turn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Conversation lists as the training readers want them, and the turn-order rules they enforce. */
final class Conversations {
  private static final ObjectMapper JSON = Json.MAPPER;

  private Conversations() {}

  /** {@code [{"from": "human"|"gpt"|"system", "value": ...}, ...]}, turn extras kept. */
  static ArrayNode fromValue(Sample sample, UnaryOperator<String> text) {
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    for (Turn turn : sample.turns()) {
      ObjectNode t = list.addObject();
      t.put("from", Speakers.toFrom(turn.speaker()));
      t.put("value", text.apply(turn.text()));
      addExtras(t, turn);
    }
    return list;
  }

  /** {@code [{"role": "user"|"assistant"|"system", "content": ...}, ...]}, turn extras kept. */
  static ArrayNode roleContent(Sample sample, UnaryOperator<String> text) {
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    for (Turn turn : sample.turns()) {
      ObjectNode t = list.addObject();
      t.put("role", Speakers.toRole(turn.speaker()));
      t.put("content", text.apply(turn.text()));
      addExtras(t, turn);
    }
    return list;
  }

  private static void addExtras(ObjectNode target, Turn turn) {
    if (turn.extraJson() == null) {
      return;
    }
    try {
      JsonNode extra = JSON.readTree(turn.extraJson());
      for (Iterator<Map.Entry<String, JsonNode>> it = extra.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!target.has(e.getKey())) {
          target.set(e.getKey(), e.getValue());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The ChatML readers' rule: an optional leading system turn, then user and assistant turns
   * alternating, starting with the user.
   */
  static Optional<String> alternationProblem(Sample sample) {
    int start = !sample.turns().isEmpty() && sample.turns().get(0).speaker().equals("system") ? 1 : 0;
    for (int i = start; i < sample.turns().size(); i++) {
      String speaker = sample.turns().get(i).speaker();
      boolean userTurn = (i - start) % 2 == 0;
      boolean ok = userTurn ? Speakers.toRole(speaker).equals("user") : Speakers.isAnswer(speaker);
      if (!ok) {
        return Optional.of(
            "turn " + i + " is '" + speaker + "' but ChatML readers need an optional system turn, then user and "
                + "assistant turns alternating");
      }
    }
    if (sample.turns().size() == start) {
      return Optional.of("no user turn");
    }
    return Optional.empty();
  }

  /** The text of the first answer (gpt / assistant turn), or "". */
  static String firstAnswer(Sample sample) {
    for (Turn turn : sample.turns()) {
      if (Speakers.isAnswer(turn.speaker())) {
        return turn.text();
      }
    }
    return "";
  }
}
