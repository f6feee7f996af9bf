package io.omniprep.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SamplingStrategyTest {
  @Test
  void valuesWithoutAColonKeepEverything() {
    assertEquals(SamplingStrategy.Kind.ALL, SamplingStrategy.parse(null).kind());
    assertEquals(SamplingStrategy.Kind.ALL, SamplingStrategy.parse("all").kind());
    assertEquals(SamplingStrategy.Kind.ALL, SamplingStrategy.parse("full").kind());
  }

  @Test
  void countsAndPercentages() {
    assertEquals(SamplingStrategy.Kind.FIRST, SamplingStrategy.parse("first:100").kind());
    assertEquals(100, SamplingStrategy.parse("first:100").amount(5));
    assertEquals(SamplingStrategy.Kind.DUP, SamplingStrategy.parse("dup:3").kind());
    // ceil(P * len / 100)
    assertEquals(1, SamplingStrategy.parse("random:10%").amount(1));
    assertEquals(10, SamplingStrategy.parse("random:10%").amount(100));
    assertEquals(11, SamplingStrategy.parse("end:10%").amount(101));
    assertEquals(0, SamplingStrategy.parse("end:0%").amount(101));
    assertEquals("random:10%", SamplingStrategy.parse("random:10%").toString());
  }

  @Test
  void mistakesAreErrorsNotNoOps() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> SamplingStrategy.parse("sample:10"))
            .getMessage()
            .contains("unknown sampling_strategy 'sample'"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> SamplingStrategy.parse("first:1:2"))
            .getMessage()
            .contains("more than one ':'"));
    assertThrows(IllegalArgumentException.class, () -> SamplingStrategy.parse("first:-3"));
    assertThrows(IllegalArgumentException.class, () -> SamplingStrategy.parse("first:1.5"));
    assertThrows(IllegalArgumentException.class, () -> SamplingStrategy.parse("random:12.5%"));
    assertThrows(IllegalArgumentException.class, () -> SamplingStrategy.parse("random:"));
  }
}
