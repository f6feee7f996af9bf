package io.omniprep.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** YAML anchors and aliases are honoured as YAML means them, and never expanded without bound. */
class YamlAliasTest {
  @Test
  void anAliasStandsForItsAnchoredValue() throws Exception {
    MixtureConfig config = MixtureConfig.parse("/cfg/mix.yaml", String.join("\n",
        "datasets:",
        "  - name: a",
        "    json_path: a.jsonl",
        "    sampling_strategy: &strat first:2",
        "    preprocess_fn: &fn image_caption",
        "    process_fn_kwargs: &kw {caption_key: caption}",
        "  - name: b",
        "    json_path: b.jsonl",
        "    sampling_strategy: *strat",
        "    preprocess_fn: *fn",
        "    process_fn_kwargs: *kw",
        ""));
    assertEquals("first:2", config.dataset("b").sampling().toString());
    assertEquals(config.dataset("a").sampling().toString(), config.dataset("b").sampling().toString());
  }

  @Test
  void anUnknownAliasIsAnErrorAtItsLine() {
    MixtureConfigException e = assertThrows(MixtureConfigException.class, () -> MixtureConfig.parse("/cfg/mix.yaml", String.join("\n",
        "datasets:",
        "  - name: a",
        "    json_path: a.jsonl",
        "    sampling_strategy: *nowhere",
        "")));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertTrue(e.problems().get(0).toString().startsWith("/cfg/mix.yaml:4:"), e.getMessage());
    assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
  }

  /** The "billion laughs": 9 levels of 9 aliases each would be 387,420,489 strings. */
  @Test
  void aliasExpansionPastTheLimitIsRefusedInOneProblem() {
    List<String> lines = new ArrayList<>(List.of("datasets: []", "lol0: &l0 [lol]"));
    for (int level = 1; level <= 9; level++) {
      String previous = "*l" + (level - 1);
      lines.add("lol" + level + ": &l" + level + " [" + String.join(", ", java.util.Collections.nCopies(9, previous)) + "]");
    }
    long started = System.nanoTime();
    MixtureConfigException e = assertThrows(MixtureConfigException.class,
        () -> MixtureConfig.parse("/cfg/bomb.yaml", String.join("\n", lines) + "\n"));
    assertTrue((System.nanoTime() - started) / 1e9 < 5, "refused before expanding");
    assertEquals(1, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("alias"), e.getMessage());
    assertTrue(e.problems().get(0).toString().startsWith("/cfg/bomb.yaml:"), e.getMessage());
  }
}
