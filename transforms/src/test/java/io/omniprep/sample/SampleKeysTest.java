package io.omniprep.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SampleKeysTest {

  @Test
  void keysAreReadableStableAndSafe() {
    String key = SampleKeys.of("/data/LLaVA-Pretrain/blip_laion_cc_sbu_558k.json", 12, 0);
    assertTrue(key.startsWith("blip_laion_cc_sbu_558k-"), key);
    assertTrue(key.endsWith("-000000012"), key);
    assertEquals(key, SampleKeys.of("/data/LLaVA-Pretrain/blip_laion_cc_sbu_558k.json", 12, 0));
    assertFalse(SampleKeys.of("s3://b/we.ird name.v2.json", 1, 0).contains("."));
    assertFalse(SampleKeys.of("s3://b/we.ird name.v2.json", 1, 0).contains("/"));
  }

  @Test
  void sourcesThatShareAFileNameGetDifferentKeys() {
    assertNotEquals(SampleKeys.of("/a/data.json", 0, 0), SampleKeys.of("/b/data.json", 0, 0));
    assertNotEquals(SampleKeys.of("/a/data.json", 0, 0), SampleKeys.of("/a/data.json", 0, 1));
  }

  @Test
  void keysSortInRecordOrder() {
    assertTrue(SampleKeys.of("/a/d.json", 9, 0).compareTo(SampleKeys.of("/a/d.json", 10, 0)) < 0);
  }

  @Test
  void positionsArePaddedToNineDigitsAndSourcesAlternateCorrectly() {
    // The per-thread prefix memo must never hand one source's prefix to another.
    assertEquals("d-" + SampleKeys.hash8("/a/d.json") + "-000000000", SampleKeys.of("/a/d.json", 0, 0));
    assertEquals("e-" + SampleKeys.hash8("/a/e.json") + "-123456789-2", SampleKeys.of("/a/e.json", 123456789, 2));
    assertEquals("d-" + SampleKeys.hash8("/a/d.json") + "-1234567890", SampleKeys.of("/a/d.json", 1234567890, 0));
    assertEquals("d-" + SampleKeys.hash8("/a/d.json") + "--00000005", SampleKeys.of("/a/d.json", -5, 0));
  }

  @Test
  void unsafeKeysAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> SampleKeys.requireSafe("a.b"));
    assertThrows(IllegalArgumentException.class, () -> SampleKeys.requireSafe("a/b"));
    assertThrows(IllegalArgumentException.class, () -> SampleKeys.requireSafe(""));
  }
}
