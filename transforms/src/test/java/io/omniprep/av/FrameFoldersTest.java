package io.omniprep.av;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrameFoldersTest {

  @Test
  void namesFramesBySourceIndex() {
    assertEquals("frame_000000.jpg", FrameFolders.frameFileName(0));
    assertEquals("frame_000015.jpg", FrameFolders.frameFileName(15));
    assertEquals("frame_1234567.jpg", FrameFolders.frameFileName(1_234_567));
  }

  @Test
  void sidecarIsPythonJsonDump() {
    assertEquals("{\"fps\": \"2.0\"}", FrameFolders.fpsJson("2.0"));
    assertEquals("{\"fps\": \"1.998001998001998\"}",
        FrameFolders.fpsJson(FrameSelection.effectiveFps(30000.0 / 1001, 15)));
  }
}
