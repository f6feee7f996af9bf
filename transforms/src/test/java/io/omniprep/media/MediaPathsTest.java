package io.omniprep.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.omniprep.errors.Reason;
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

  @Test
  void extensionsAreTheFinalOneOnly() {
    assertEquals("mp4", MediaPaths.extension("a/x.mp4y/v.b.MP4"));
    assertEquals("a/x.mp4y/v.b", MediaPaths.withoutExtension("a/x.mp4y/v.b.mp4"));
    assertEquals("", MediaPaths.extension("a/b.c/noext"));
  }
}
