package io.omniprep.llava;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyNamesTest {
  @Test
  void oneInputIsKeyedByItsName() {
    assertEquals(Map.of("/data/x/llava.json", "llava.json"), ParseLlava.keyNames(List.of("/data/x/llava.json")));
  }

  @Test
  void severalInputsByTheirPathUnderTheFolderTheyShare() {
    assertEquals(Map.of("/data/a/x.json", "a/x.json", "/data/b/x.json", "b/x.json", "/data/ab/c/y.json", "ab/c/y.json"),
        ParseLlava.keyNames(List.of("/data/a/x.json", "/data/b/x.json", "/data/ab/c/y.json")));
    assertEquals(Map.of("gs://b/p/x.json", "p/x.json", "gs://b/q.json", "q.json"),
        ParseLlava.keyNames(List.of("gs://b/p/x.json", "gs://b/q.json")));
    // one folder a prefix of another's name: cut at the last shared '/'
    assertEquals(Map.of("/d/ab/x.json", "ab/x.json", "/d/abc/x.json", "abc/x.json"),
        ParseLlava.keyNames(List.of("/d/ab/x.json", "/d/abc/x.json")));
  }
}
