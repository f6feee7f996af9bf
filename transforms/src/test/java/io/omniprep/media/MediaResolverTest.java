package io.omniprep.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.errors.Reason;
import io.omniprep.sample.ByteRange;
import io.omniprep.sample.MediaKind;
import io.omniprep.sample.MediaLocation;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.PatchRef;
import io.omniprep.sample.ResolvedMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaResolverTest {

  private static MediaRef ref(MediaKind kind, MediaLocation location) {
    return MediaRef.of(kind, kind.llavaField(), -1, location);
  }

  @Test
  void resolvesFilesAgainstTheInputFolderWithTheirSizes(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("img"));
    Files.write(dir.resolve("img/a.jpg"), new byte[123]);
    String source = dir.resolve("data.json").toString();
    List<ResolvedMedia> r =
        MediaResolver.create().resolveAll(source, List.of(ref(MediaKind.IMAGE, MediaLocation.path("img/a.jpg"))));
    assertEquals(dir.resolve("img/a.jpg").toString(), r.get(0).parts().get(0).resource());
    assertEquals(123, r.get(0).totalBytes());
  }

  @Test
  void reportsMissingFilesAndTraversal(@TempDir Path dir) {
    String source = dir.resolve("data.json").toString();
    MediaException missing = assertThrows(MediaException.class, () -> MediaResolver.create()
        .resolveAll(source, List.of(ref(MediaKind.IMAGE, MediaLocation.path("nope.jpg")))));
    assertEquals(Reason.MEDIA_MISSING, missing.reason());
    MediaException traversal = assertThrows(MediaException.class, () -> MediaResolver.create()
        .resolveAll(source, List.of(ref(MediaKind.AUDIO, MediaLocation.path("../../../etc/passwd")))));
    assertEquals(Reason.PATH_TRAVERSAL, traversal.reason());
  }

  /** Ranges longer than one read slice (1 MiB) come back whole; a file cut short is an error. */
  @Test
  void readsRangesLargerThanOneSliceWhole(@TempDir Path dir) throws Exception {
    byte[] content = new byte[3 * (1 << 20) + 12345];
    new java.util.Random(7).nextBytes(content);
    Path file = Files.write(dir.resolve("big.bin"), content);

    byte[] read = MediaResolver.read(new ByteRange(file.toString(), 100, content.length - 200));

    assertArrayEquals(java.util.Arrays.copyOfRange(content, 100, content.length - 100), read);
    java.io.EOFException e =
        assertThrows(java.io.EOFException.class, () -> MediaResolver.read(new ByteRange(file.toString(), 10, content.length)));
    assertTrue(e.getMessage().contains("ended 10 bytes early"), e.getMessage());
  }

  @Test
  void readsExactlyThePatchRange(@TempDir Path dir) throws Exception {
    byte[] patch = new byte[100];
    for (int i = 0; i < patch.length; i++) {
      patch[i] = (byte) i;
    }
    Files.write(dir.resolve("patch_000000"), patch);
    String source = dir.resolve("data.json").toString();
    MediaResolver resolver = MediaResolver.create();
    ResolvedMedia image = resolver.resolveAll(source, List.of(ref(MediaKind.IMAGE, MediaLocation.patch(PatchRef.of("patch_000000", 10, 5))))).get(0);
    assertArrayEquals(new byte[] {10, 11, 12, 13, 14}, MediaResolver.read(image.parts().get(0)));
    ResolvedMedia video = resolver.resolveAll(source, List.of(ref(MediaKind.VIDEO,
        MediaLocation.patch(PatchRef.ofFrames("patch_000000", 50, new long[] {2, 3}))))).get(0);
    assertTrue(video.isFrames());
    assertArrayEquals(new byte[] {52, 53, 54}, MediaResolver.read(video.parts().get(1)));
    MediaException past = assertThrows(MediaException.class, () -> resolver.resolveAll(source,
        List.of(ref(MediaKind.IMAGE, MediaLocation.patch(PatchRef.of("patch_000000", 90, 20))))));
    assertEquals(Reason.MEDIA_CORRUPT, past.reason());
  }

  @Test
  void readsAVideoAsItsFrameFolder(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("v/clip"));
    Files.write(dir.resolve("v/clip/frame_000010.jpg"), new byte[] {2});
    Files.write(dir.resolve("v/clip/frame_000000.jpg"), new byte[] {1});
    Files.write(dir.resolve("v/clip/notes.txt"), new byte[] {9});
    Files.writeString(dir.resolve("v/clip.json"), "{\"fps\": \"1.998001998001998\"}");
    ResolvedMedia frames = MediaResolver.create().withVideoAs(MediaResolver.VideoAs.FRAMES)
        .resolveAll(dir.resolve("d.json").toString(), List.of(ref(MediaKind.VIDEO, MediaLocation.path("v/clip.mp4")))).get(0);
    assertEquals(2, frames.parts().size(), "only image files, sorted by name");
    assertArrayEquals(new byte[] {1}, MediaResolver.read(frames.parts().get(0)));
    assertEquals("1.998001998001998", frames.fps());
  }

  @Test
  void namesWithGlobCharactersAreOpenedNotGlobbed(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("a[1].jpg"), new byte[7]);
    ResolvedMedia r = MediaResolver.create().resolveAll(dir.resolve("d.json").toString(),
        List.of(ref(MediaKind.IMAGE, MediaLocation.path("a[1].jpg")))).get(0);
    assertEquals(7, r.totalBytes());
  }
}
