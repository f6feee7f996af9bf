package io.omniprep.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.errors.Reason;
import io.omniprep.sample.MediaKind;
import io.omniprep.sample.MediaLocation;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.PatchRef;
import io.omniprep.sample.ResolvedMedia;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17: symbolic links out of the media root, image bombs, huge files and unknown schemes. */
class MediaResolverHostileInputTest {
  private static MediaRef ref(MediaKind kind, MediaLocation location) {
    return MediaRef.of(kind, kind.llavaField(), -1, location);
  }

  private static MediaRef image(String path) {
    return ref(MediaKind.IMAGE, MediaLocation.path(path));
  }

  private static Reason refusal(MediaResolver resolver, String source, MediaRef media) {
    return assertThrows(MediaException.class, () -> resolver.resolveAll(source, List.of(media))).reason();
  }

  /** {@code dir/root/} (holding {@code data.json}'s media) and {@code dir/elsewhere/secret.jpg} beside it. */
  private static Path layout(Path dir) throws Exception {
    Path root = Files.createDirectories(dir.resolve("root"));
    Files.createDirectories(dir.resolve("elsewhere"));
    Files.write(dir.resolve("elsewhere/secret.jpg"), ImageFixtures.jpeg(4, 4));
    Files.write(root.resolve("inside.jpg"), ImageFixtures.jpeg(4, 4));
    return root;
  }

  @Test
  void aFileLinkOutOfAnExplicitRootIsTraversal(@TempDir Path dir) throws Exception {
    Path root = layout(dir);
    Files.createSymbolicLink(root.resolve("link.jpg"), Path.of("../elsewhere/secret.jpg"));
    MediaResolver resolver = MediaResolver.create().withMediaRoot(root.toString());
    String source = dir.resolve("records/data.json").toString();

    assertEquals(Reason.PATH_TRAVERSAL, refusal(resolver, source, image("link.jpg")));
    assertEquals(Reason.PATH_TRAVERSAL, refusal(resolver, source, image(root.resolve("link.jpg").toString())));
    assertEquals(Reason.PATH_TRAVERSAL, refusal(resolver, source, ref(MediaKind.AUDIO, MediaLocation.path("link.jpg"))));
  }

  @Test
  void aDirectoryLinkOutOfTheRootIsTraversal(@TempDir Path dir) throws Exception {
    Path root = layout(dir);
    Files.createSymbolicLink(root.resolve("sub"), dir.resolve("elsewhere"));
    MediaResolver resolver = MediaResolver.create().withMediaRoot(root.toString());

    assertEquals(Reason.PATH_TRAVERSAL, refusal(resolver, dir.resolve("d.json").toString(), image("sub/secret.jpg")));
  }

  /** Without --mediaRoot the input file's folder is the root, and the same rule holds. */
  @Test
  void theInputFolderIsTheRootWhenNoneIsGiven(@TempDir Path dir) throws Exception {
    Path root = layout(dir);
    Files.createSymbolicLink(root.resolve("link.jpg"), Path.of("../elsewhere/secret.jpg"));
    Files.createSymbolicLink(root.resolve("sub"), dir.resolve("elsewhere"));
    String source = root.resolve("data.json").toString();

    assertEquals(Reason.PATH_TRAVERSAL, refusal(MediaResolver.create(), source, image("link.jpg")));
    assertEquals(Reason.PATH_TRAVERSAL, refusal(MediaResolver.create(), source, image("sub/secret.jpg")));
    MediaResolver mixture = MediaResolver.create().withDefaultRoot(root.toString());
    assertEquals(Reason.PATH_TRAVERSAL, refusal(mixture, "unused", image("link.jpg")));
  }

  /** Links that stay inside, and a root that is itself reached through a link, are fine. */
  @Test
  void linksInsideTheRootAndALinkedRootAreFollowed(@TempDir Path dir) throws Exception {
    Path root = layout(dir);
    Files.createDirectories(root.resolve("a"));
    Files.createSymbolicLink(root.resolve("a/alias.jpg"), Path.of("../inside.jpg"));
    Path linkedRoot = Files.createSymbolicLink(dir.resolve("root-link"), root);
    long size = Files.size(root.resolve("inside.jpg"));

    for (MediaResolver resolver : List.of(MediaResolver.create().withMediaRoot(linkedRoot.toString()),
        MediaResolver.create().withMediaRoot(root.toString()))) {
      ResolvedMedia r = resolver.resolveAll(dir.resolve("d.json").toString(), List.of(image("a/alias.jpg"))).get(0);
      assertEquals(size, r.totalBytes());
    }
    ResolvedMedia viaSource = MediaResolver.create()
        .resolveAll(linkedRoot.resolve("data.json").toString(), List.of(image("a/alias.jpg"))).get(0);
    assertEquals(size, viaSource.totalBytes());
  }

  /**
   * The refused target is never opened: a named pipe blocks whoever opens it for reading, so a
   * resolver that opened it would hang here until the timeout fails the test.
   */
  /**
   * {@code locate} (the paths {@code convert} writes, media unchecked) judges links as resolving
   * does, asked again about the same folders (whose real paths it remembers): a missing file by its
   * nearest existing folder, a link that leads nowhere as missing.
   */
  @Test
  void locatingJudgesLinksAndMissingFilesAsResolvingDoes(@TempDir Path dir) throws Exception {
    Path root = layout(dir);
    Files.createSymbolicLink(root.resolve("link.jpg"), Path.of("../elsewhere/secret.jpg"));
    Files.createSymbolicLink(root.resolve("sub"), dir.resolve("elsewhere"));
    Files.createDirectories(root.resolve("a"));
    Files.createSymbolicLink(root.resolve("a/alias.jpg"), Path.of("../inside.jpg"));
    Files.createSymbolicLink(root.resolve("a/nowhere.jpg"), Path.of("../gone.jpg"));
    String source = root.resolve("data.json").toString();
    MediaResolver resolver = MediaResolver.create();

    for (int pass = 0; pass < 2; pass++) {
      for (String out : List.of("link.jpg", "sub/secret.jpg", "sub/missing.jpg", "sub/no/such/folder.jpg")) {
        assertEquals(Reason.PATH_TRAVERSAL, assertThrows(MediaException.class, () -> resolver.locate(source, out)).reason(), out);
      }
      for (String in : List.of("inside.jpg", "a/alias.jpg", "a/nowhere.jpg", "a/missing.jpg", "no/such/folder.jpg")) {
        assertEquals(root.resolve(in).toString(), resolver.locate(source, in), in);
      }
    }
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void theTargetOfARefusedLinkIsNotOpened(@TempDir Path dir) throws Exception {
    Path root = layout(dir);
    Path fifo = dir.resolve("elsewhere/pipe.jpg");
    int status;
    try {
      status = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
    } catch (java.io.IOException e) {
      status = -1;
    }
    Assumptions.assumeTrue(status == 0, "mkfifo is available");
    Files.createSymbolicLink(root.resolve("pipe.jpg"), fifo);

    assertEquals(Reason.PATH_TRAVERSAL, refusal(MediaResolver.create(), root.resolve("d.json").toString(), image("pipe.jpg")));
  }

  @Test
  void linksOutOfTheRootAreRefusedForFrameFoldersAndPatchFiles(@TempDir Path dir) throws Exception {
    Path root = layout(dir);
    Files.createDirectories(dir.resolve("elsewhere/clip"));
    Files.write(dir.resolve("elsewhere/clip/frame_0.jpg"), ImageFixtures.jpeg(2, 2));
    Files.write(dir.resolve("elsewhere/patch_000000"), new byte[100]);
    Files.createSymbolicLink(root.resolve("clip"), dir.resolve("elsewhere/clip"));
    Files.createDirectories(root.resolve("own"));
    Files.createSymbolicLink(root.resolve("own/frame_0.jpg"), dir.resolve("elsewhere/clip/frame_0.jpg"));
    Files.createSymbolicLink(root.resolve("patch_000000"), dir.resolve("elsewhere/patch_000000"));
    String source = root.resolve("d.json").toString();
    MediaResolver frames = MediaResolver.create().withVideoAs(MediaResolver.VideoAs.FRAMES);

    assertEquals(Reason.PATH_TRAVERSAL, refusal(frames, source, ref(MediaKind.VIDEO, MediaLocation.path("clip.mp4"))));
    assertEquals(Reason.PATH_TRAVERSAL, refusal(frames, source, ref(MediaKind.VIDEO, MediaLocation.path("own.mp4"))));
    assertEquals(Reason.PATH_TRAVERSAL,
        refusal(MediaResolver.create(), source, ref(MediaKind.AUDIO, MediaLocation.patch(PatchRef.of("patch_000000", 0, 10)))));
  }

  @Test
  void imagesOverThePixelLimitAreRefusedAtResolveTime(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("bomb.jpg"), ImageFixtures.jpeg(60000, 60000));
    Files.write(dir.resolve("bomb.png"), ImageFixtures.png(20000, 20000));
    Files.write(dir.resolve("small.png"), ImageFixtures.png(30, 20));
    String source = dir.resolve("d.json").toString();
    MediaResolver resolver = MediaResolver.create();

    assertEquals(Reason.IMAGE_TOO_LARGE, refusal(resolver, source, image("bomb.jpg")));
    assertEquals(Reason.IMAGE_TOO_LARGE, refusal(resolver, source, image("bomb.png")));
    assertEquals(Reason.IMAGE_TOO_LARGE, refusal(resolver, source, ref(MediaKind.IMAGE_GEN, MediaLocation.path("bomb.png"))));
    resolver.resolveAll(source, List.of(image("small.png")));
    // configurable: 30x20 = 600 pixels
    resolver.withMaxImagePixels(600).resolveAll(source, List.of(image("small.png")));
    assertEquals(Reason.IMAGE_TOO_LARGE, refusal(resolver.withMaxImagePixels(599), source, image("small.png")));
    // raised: the bomb passes
    resolver.withMaxImagePixels(60000L * 60000L).resolveAll(source, List.of(image("bomb.jpg")));
    // not an image: the header is not looked at
    resolver.resolveAll(source, List.of(ref(MediaKind.AUDIO, MediaLocation.path("bomb.png"))));
  }

  @Test
  void framesAndPatchImagesOverThePixelLimitAreRefused(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("v/clip"));
    Files.write(dir.resolve("v/clip/frame_000000.jpg"), ImageFixtures.jpeg(8, 8));
    Files.write(dir.resolve("v/clip/frame_000001.jpg"), ImageFixtures.jpeg(60000, 60000));
    byte[] small = ImageFixtures.png(4, 4);
    byte[] bomb = ImageFixtures.png(20000, 20000);
    byte[] patch = new byte[small.length + bomb.length];
    System.arraycopy(small, 0, patch, 0, small.length);
    System.arraycopy(bomb, 0, patch, small.length, bomb.length);
    Files.write(dir.resolve("patch_000000"), patch);
    String source = dir.resolve("d.json").toString();

    MediaResolver frames = MediaResolver.create().withVideoAs(MediaResolver.VideoAs.FRAMES);
    assertEquals(Reason.IMAGE_TOO_LARGE, refusal(frames, source, ref(MediaKind.VIDEO, MediaLocation.path("v/clip.mp4"))));
    MediaResolver resolver = MediaResolver.create();
    resolver.resolveAll(source, List.of(ref(MediaKind.IMAGE, MediaLocation.patch(PatchRef.of("patch_000000", 0, small.length)))));
    assertEquals(Reason.IMAGE_TOO_LARGE, refusal(resolver, source,
        ref(MediaKind.IMAGE, MediaLocation.patch(PatchRef.of("patch_000000", small.length, bomb.length)))));
    assertEquals(Reason.IMAGE_TOO_LARGE, refusal(resolver, source, ref(MediaKind.VIDEO,
        MediaLocation.patch(PatchRef.ofFrames("patch_000000", 0, new long[] {small.length, bomb.length})))));
  }

  /** A 2 GiB file (sparse: it takes no disk) is refused from its size alone, before any read. */
  @Test
  void mediaOverTheByteLimitAreRefusedFromTheirSize(@TempDir Path dir) throws Exception {
    long twoGiB = 2L << 30;
    for (String name : List.of("huge.mp4", "huge.jpg")) {
      try (RandomAccessFile f = new RandomAccessFile(dir.resolve(name).toFile(), "rw")) {
        f.setLength(twoGiB);
      }
    }
    String source = dir.resolve("d.json").toString();
    MediaRef video = ref(MediaKind.VIDEO, MediaLocation.path("huge.mp4"));
    MediaResolver resolver = MediaResolver.create();

    assertEquals(1L << 30, MediaResolver.DEFAULT_MAX_MEDIA_BYTES);
    assertEquals(Reason.MEDIA_TOO_LARGE, refusal(resolver, source, video));
    assertEquals(Reason.MEDIA_TOO_LARGE, refusal(resolver, source, image("huge.jpg")));
    // raised, a video (streamed, never held whole) passes; an image, read into one array, still cannot
    MediaResolver raised = resolver.withMaxMediaBytes(3L << 30);
    assertEquals(twoGiB, raised.resolveAll(source, List.of(video)).get(0).totalBytes());
    assertEquals(Reason.MEDIA_TOO_LARGE, refusal(raised, source, image("huge.jpg")));
  }

  @Test
  void theByteLimitIsInclusiveAndCoversPatchRangesAndFrameFolders(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("a.wav"), new byte[100]);
    Files.write(dir.resolve("patch_000000"), new byte[1000]);
    Files.createDirectories(dir.resolve("v/clip"));
    Files.write(dir.resolve("v/clip/frame_000000.jpg"), ImageFixtures.jpeg(2, 2));
    Files.write(dir.resolve("v/clip/frame_000001.jpg"), ImageFixtures.jpeg(2, 2));
    long frameBytes = 2L * ImageFixtures.jpeg(2, 2).length;
    String source = dir.resolve("d.json").toString();
    MediaRef audio = ref(MediaKind.AUDIO, MediaLocation.path("a.wav"));
    MediaRef inPatch = ref(MediaKind.AUDIO, MediaLocation.patch(PatchRef.of("patch_000000", 10, 300)));
    MediaRef clip = ref(MediaKind.VIDEO, MediaLocation.path("v/clip.mp4"));
    MediaResolver frames = MediaResolver.create().withVideoAs(MediaResolver.VideoAs.FRAMES);

    MediaResolver.create().withMaxMediaBytes(100).resolveAll(source, List.of(audio));
    assertEquals(Reason.MEDIA_TOO_LARGE, refusal(MediaResolver.create().withMaxMediaBytes(99), source, audio));
    MediaResolver.create().withMaxMediaBytes(300).resolveAll(source, List.of(inPatch));
    assertEquals(Reason.MEDIA_TOO_LARGE, refusal(MediaResolver.create().withMaxMediaBytes(299), source, inPatch));
    frames.withMaxMediaBytes(frameBytes).resolveAll(source, List.of(clip));
    assertEquals(Reason.MEDIA_TOO_LARGE, refusal(frames.withMaxMediaBytes(frameBytes - 1), source, clip));
  }

  /** Beam throws for a scheme no filesystem is registered for; the resolver reports the record. */
  @Test
  void unknownSchemesAreMissingMediaNotAJobFailure(@TempDir Path dir) {
    String source = dir.resolve("d.json").toString();
    for (String uri : List.of("foo://x.jpg", "http://example.com/x.jpg", "s4://bucket/a/b.png")) {
      MediaException e = assertThrows(MediaException.class, () -> MediaResolver.create().resolveAll(source, List.of(image(uri))));
      assertEquals(Reason.MEDIA_MISSING, e.reason(), uri);
      assertTrue(e.getMessage().contains(uri), e.getMessage());
    }
    // with a root, a URI elsewhere was already traversal
    assertEquals(Reason.PATH_TRAVERSAL,
        refusal(MediaResolver.create().withMediaRoot(dir.toString()), source, image("foo://x.jpg")));
  }

  @Test
  void theNewReasonsAreWrittenInSnakeCase() {
    assertEquals("image_too_large", Reason.IMAGE_TOO_LARGE.code());
    assertEquals("media_too_large", Reason.MEDIA_TOO_LARGE.code());
  }

  @Test
  void limitsMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> MediaResolver.create().withMaxImagePixels(0));
    assertThrows(IllegalArgumentException.class, () -> MediaResolver.create().withMaxMediaBytes(-1));
  }
}
