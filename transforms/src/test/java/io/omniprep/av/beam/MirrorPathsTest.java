package io.omniprep.av.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.media.MediaPaths;
import java.util.List;
import org.junit.jupiter.api.Test;

class MirrorPathsTest {
  @Test
  void theDefaultRootIsTheDeepestFolderSharedByTheFixedPartsOfThePatterns() {
    assertEquals("/data/videos/", MirrorPaths.commonRoot(List.of("/data/videos/**")));
    assertEquals("/data/", MirrorPaths.commonRoot(List.of("/data/videos/a/*.mp4", "/data/vids/b.mkv")));
    assertEquals("/data/videos/", MirrorPaths.commonRoot(List.of("/data/videos/clip.mp4")));
    assertEquals("gs://b/v/", MirrorPaths.commonRoot(List.of("gs://b/v/x[0-9].mp4", "gs://b/v/y/*.webm")));
    assertEquals("/data/", MirrorPaths.commonRoot(List.of("file:///data/a/*.mp4", "/data/b/*.mp4")));
  }

  @Test
  void anExplicitRootMustContainEveryPattern() {
    assertEquals("/data/", MirrorPaths.filesRoot(List.of("/data/videos/**"), "/data"));
    assertThrows(IllegalArgumentException.class, () -> MirrorPaths.filesRoot(List.of("/other/**"), "/data"));
  }

  @Test
  void filesMirrorUnderTheRootAndOnlyTheFinalExtensionIsReplaced() {
    String relative = MirrorPaths.underRoot("/data/", "/data/x.mp4y/a.mp4.mp4");
    assertEquals("x.mp4y/a.mp4.mp4", relative);
    assertEquals("x.mp4y/a.mp4", MediaPaths.withoutExtension(relative));
    assertEquals("data/elsewhere/v.mp4", MirrorPaths.underRoot("/root/", "/data/elsewhere/v.mp4"));
    assertEquals("gs/b/v.mp4", MirrorPaths.underRoot("", "gs://b/v.mp4"));
  }

  @Test
  void recordPathsMirrorAsWrittenOrRelativeToTheMediaRoot() {
    assertEquals("clips/a.mp4", MirrorPaths.forRecord(null, "./clips/x/../a.mp4", "/json/clips/a.mp4"));
    assertEquals("clips/a.mp4", MirrorPaths.forRecord("/media", "/media/clips/a.mp4", "/media/clips/a.mp4"));
    assertEquals("clips/a.mp4", MirrorPaths.forRecord("file:///media/", "/media/clips/a.mp4", "/media/clips/a.mp4"));
    assertEquals("other/a.mp4", MirrorPaths.forRecord(null, "/other/a.mp4", "/other/a.mp4"));
    assertEquals("s3/bucket/a.mp4", MirrorPaths.forRecord(null, "s3://bucket/a.mp4", "s3://bucket/a.mp4"));
  }

  @Test
  void videoExtensionsAreMatchedCaseInsensitively() {
    assertTrue(MirrorPaths.isVideo("/a/B.MKV"));
    assertTrue(MirrorPaths.isVideo("/a/c.WebM"));
    assertFalse(MirrorPaths.isVideo("/a/notes.txt"));
    assertFalse(MirrorPaths.isVideo("/a/x.mp4/readme"));
  }
}
