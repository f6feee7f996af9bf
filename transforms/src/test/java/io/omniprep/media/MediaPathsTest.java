package io.omniprep.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.errors.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaPathsTest {

  private static Reason refused(String root, String path, boolean confine) {
    return assertThrows(MediaException.class, () -> MediaPaths.resolve(root, path, confine)).reason();
  }

  @Test
  void relativePathsResolveInsideTheRoot() throws Exception {
    assertEquals("/data/img/a.jpg", MediaPaths.resolve("/data/", "img/./a.jpg", false));
    assertEquals("/data/b.jpg", MediaPaths.resolve("/data/", "img/../b.jpg", false));
    assertEquals("gs://bucket/root/x/y.png", MediaPaths.resolve("gs://bucket/root/", "x//y.png", false));
    assertEquals("s3://b/r/y.png", MediaPaths.resolve("s3://b/r", "y.png", true));
  }

  @Test
  void traversalIsRefused() {
    assertEquals(Reason.PATH_TRAVERSAL, refused("/data/", "../../etc/passwd", false));
    assertEquals(Reason.PATH_TRAVERSAL, refused("/data/", "img/../../etc/passwd", false));
    assertEquals(Reason.PATH_TRAVERSAL, refused("gs://bucket/root/", "../other/x.jpg", false));
    assertEquals(Reason.PATH_TRAVERSAL, refused("/data/", "a\0b.jpg", false));
    assertEquals(Reason.PATH_TRAVERSAL, refused("/data/", ".", false));
  }

  @Test
  void absolutePathsAreConfinedOnlyWhenARootIsSet() throws Exception {
    assertEquals("/etc/hostname", MediaPaths.resolve("/data/", "/etc/hostname", false));
    assertEquals(Reason.PATH_TRAVERSAL, refused("/data/", "/etc/hostname", true));
    assertEquals(Reason.PATH_TRAVERSAL, refused("/data/", "/data/../etc/hostname", true));
    assertEquals(Reason.PATH_TRAVERSAL, refused("/data/", "/database/x.jpg", true));
    assertEquals(Reason.PATH_TRAVERSAL, refused("s3://b/root/", "s3://b/rootx/a.jpg", true));
    assertEquals("/data/sub/a.jpg", MediaPaths.resolve("/data", "file:///data/sub/a.jpg", true));
    assertEquals("s3://b/root/a.jpg", MediaPaths.resolve("s3://b/root/", "s3://b/root/x/../a.jpg", true));
  }

  /** Paths with nothing to fold take a short way; those with something to fold, and roots too, are folded. */
  @Test
  void pathsAndRootsAreFoldedWhetherOrNotTheyNeedIt() throws Exception {
    assertEquals("/data/a/b.jpg", MediaPaths.resolve("/data/", "a/b.jpg", false));
    assertEquals("/data/a", MediaPaths.resolve("/data/", "a/", false));
    assertEquals("/data/.a/..b/c", MediaPaths.resolve("/data/", "./.a/..b/c", false));
    assertEquals("/data/x.jpg", MediaPaths.resolve("/data/./sub/../", "x.jpg", false));
    assertEquals("/data/x.jpg", MediaPaths.resolve("//data//", "x.jpg", false));
    assertEquals("/x.jpg", MediaPaths.resolve("/", "x.jpg", false));
    assertEquals("gs://b/x.jpg", MediaPaths.resolve("gs://b", "x.jpg", false));
  }

  @Test
  void aSchemeIsALetterThenLettersDigitsPlusDotOrDashThenAColon() {
    for (String uri : List.of("gs://b/x.jpg", "a1+.-:x", "file:/x")) {
      assertTrue(MediaPaths.isAbsolute(uri), uri);
    }
    // a digit or a colon first, a slash before the colon, no colon, a line break after it (a URI is one line)
    for (String path : List.of("1a:x", ":x", "a/b:c", "00000/1.jpg", "a:b\nc")) {
      assertFalse(MediaPaths.isAbsolute(path), path);
    }
  }

  @Test
  void extensionsAreTheFinalOneOnly() {
    assertEquals("mp4", MediaPaths.extension("a/x.mp4y/v.b.MP4"));
    assertEquals("a/x.mp4y/v.b", MediaPaths.withoutExtension("a/x.mp4y/v.b.mp4"));
    assertEquals("", MediaPaths.extension("a/b.c/noext"));
  }
}
