package io.omniprep.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.errors.Reason;
import io.omniprep.io.AtomicFiles;
import io.omniprep.io.BoundedInputStream;
import io.omniprep.io.Globs;
import io.omniprep.json.Json;
import io.omniprep.sample.ByteRange;
import io.omniprep.sample.MediaKind;
import io.omniprep.sample.MediaLocation;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.PatchRef;
import io.omniprep.sample.ResolvedMedia;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The one place that turns a media location (a relative path, an absolute path or URI, an Ola
 * patch reference, or a video's frame folder) into byte ranges, through Beam {@code FileSystems}
 * so that local paths, {@code gs://} and {@code s3://} behave the same. It is also where path
 * traversal is refused: a relative path must stay inside its media root, and with an explicit root
 * an absolute path must lie inside it too. On the local filesystem "inside" holds for the real path
 * (symbolic links followed, without opening anything): a link in the root that leads out of it is
 * refused like {@code ../}. Object stores have no links.
 *
 * <p>The media root is {@code --mediaRoot} when given, otherwise the folder of the input file.
 *
 * <p>It is also where hostile sizes are refused before anything is read whole or decoded: a medium
 * over {@link #withMaxMediaBytes} bytes (from its size alone), and an image, image frame or patch
 * image whose header claims more than {@link #withMaxImagePixels} pixels (from the header alone). A
 * location no registered filesystem can read ({@code foo://x.jpg}) is reported as missing media.
 */
public final class MediaResolver implements Serializable {
  /** How a video path is read: as its file, or as the folder of frames extracted beside it. */
  public enum VideoAs {
    FILE,
    /** {@code a/b/v1.mp4} → the sorted image files of {@code a/b/v1/}, fps from {@code a/b/v1.json}. */
    FRAMES
  }

  private static final Set<String> FRAME_EXTENSIONS = Set.of("jpg", "jpeg", "png", "webp", "bmp");
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final int READ_SLICE = 1 << 20;
  /** The most bytes one medium read whole can have: the largest Java array, less a margin. */
  private static final long MAX_IN_MEMORY = Integer.MAX_VALUE - 16;

  /** The default of {@link #withMaxMediaBytes}: 1 GiB. */
  public static final long DEFAULT_MAX_MEDIA_BYTES = 1L << 30;

  private final @Nullable String mediaRoot;
  private final boolean confined;
  private final VideoAs videoAs;
  private final long maxImagePixels;
  private final long maxMediaBytes;
  private final boolean readsHeaders;
  /** Real paths of local media roots, by root spec; filled as roots are met. */
  private transient @Nullable Map<String, Path> realRoots;
  /** Local files looked up with one system call each, their folders' real paths remembered. */
  private transient @Nullable LocalMediaFiles localFiles;
  /** The media root of the source last met, when there is no explicit root. */
  private transient volatile @Nullable SourceRoot lastRoot;

  private MediaResolver(@Nullable String mediaRoot, boolean confined, VideoAs videoAs, long maxImagePixels, long maxMediaBytes,
      boolean readsHeaders) {
    this.mediaRoot = mediaRoot;
    this.confined = confined;
    this.videoAs = videoAs;
    this.maxImagePixels = maxImagePixels;
    this.maxMediaBytes = maxMediaBytes;
    this.readsHeaders = readsHeaders;
  }

  /**
   * Relative paths resolve against each input file's folder; videos are read as files; the limits
   * are {@link Images#DEFAULT_MAX_PIXELS} and {@link #DEFAULT_MAX_MEDIA_BYTES}.
   */
  public static MediaResolver create() {
    return new MediaResolver(null, false, VideoAs.FILE, Images.DEFAULT_MAX_PIXELS, DEFAULT_MAX_MEDIA_BYTES, true);
  }

  /**
   * An explicit media root (a directory spec; local paths should be absolute): relative paths
   * resolve against it and no path, absolute ones included, may leave it. Null keeps the default.
   */
  public MediaResolver withMediaRoot(@Nullable String root) {
    if (root == null || root.isEmpty()) {
      return this;
    }
    return new MediaResolver(MediaPaths.asDirectory(root), true, videoAs, maxImagePixels, maxMediaBytes, readsHeaders);
  }

  /**
   * Where relative paths resolve when records do not come from a file (a mixture's datasets):
   * relative paths must stay inside it, absolute paths and URIs are used as given.
   */
  public MediaResolver withDefaultRoot(String root) {
    return new MediaResolver(MediaPaths.asDirectory(root), false, videoAs, maxImagePixels, maxMediaBytes, readsHeaders);
  }

  public MediaResolver withVideoAs(VideoAs videoAs) {
    return new MediaResolver(mediaRoot, confined, videoAs, maxImagePixels, maxMediaBytes, readsHeaders);
  }

  /**
   * Images (and image frames) whose header claims more pixels than {@code max} (width times height)
   * are refused as {@link Reason#IMAGE_TOO_LARGE}, before anything decodes them.
   */
  public MediaResolver withMaxImagePixels(long max) {
    if (max <= 0) {
      throw new IllegalArgumentException("the image pixel limit must be positive, was " + max);
    }
    return new MediaResolver(mediaRoot, confined, videoAs, max, maxMediaBytes, readsHeaders);
  }

  /**
   * Media of more than {@code max} bytes (a file, a patch range, a frame folder's frames together)
   * are refused as {@link Reason#MEDIA_TOO_LARGE} from their size, before any read. Images and
   * frames, which are read whole into memory, are refused past 2 GiB whatever the limit.
   */
  public MediaResolver withMaxMediaBytes(long max) {
    if (max <= 0) {
      throw new IllegalArgumentException("the media size limit must be positive, was " + max);
    }
    return new MediaResolver(mediaRoot, confined, videoAs, maxImagePixels, max, readsHeaders);
  }

  /**
   * The same resolver leaving the pixel limit to the stage that reads each image whole anyway (the
   * WebDataset writer checks it on the bytes it reads, before any decode): resolving then opens no
   * image, where checking here would open every image twice. Sizes and paths are still checked.
   */
  public MediaResolver withHeadersLeftToReader() {
    return new MediaResolver(mediaRoot, confined, videoAs, maxImagePixels, maxMediaBytes, false);
  }

  /** The media root as a directory spec (ends with {@code /}), null when paths resolve against each input's folder. */
  public @Nullable String mediaRoot() {
    return mediaRoot;
  }

  /** The pixel limit images are held to ({@link #withMaxImagePixels}). */
  public long maxImagePixels() {
    return maxImagePixels;
  }

  public VideoAs videoAs() {
    return videoAs;
  }

  /** The full spec of a path location of a sample read from {@code source}. */
  public String locate(String source, String path) throws MediaException {
    return place(source, path).spec();
  }

  /**
   * A located medium as written ({@code path}) and as a spec; whether it is on the local
   * filesystem; and the real path of the local root it must stay inside (null: none to check).
   */
  private record Placed(String spec, String path, boolean local, @Nullable Path realRoot) {}

  /**
   * Resolves {@code path} against its root (string rules: {@code ..}, absolute paths), checks a
   * filesystem can read it, and for a local path that must stay inside its root, that its real path
   * does. Nothing is opened.
   */
  private Placed place(String source, String path) throws MediaException {
    Placed placed = placeByName(source, path);
    if (placed.realRoot() != null) {
      localFiles().requireInside(placed.realRoot(), placed.spec(), path);
    }
    return placed;
  }

  /** {@link #place} but for the real-path check, left to the caller. */
  private Placed placeByName(String source, String path) throws MediaException {
    String root = rootFor(source);
    String spec = MediaPaths.resolve(root, path, confined);
    boolean local = spec.startsWith("/") || isLocal(spec, path); // resolved local paths are absolute, without a scheme
    boolean bounded = confined || !MediaPaths.isAbsolute(path);
    return new Placed(spec, path, local, bounded && local ? realRoot(root) : null);
  }

  /** Whether {@code spec} is on the local filesystem; a scheme no registered filesystem reads is missing media. */
  private static boolean isLocal(String spec, String path) throws MediaException {
    try {
      return AtomicFiles.isLocal(FileSystems.matchNewResource(spec, false));
    } catch (IllegalArgumentException e) { // Beam: "No filesystem found for scheme foo"
      throw new MediaException(Reason.MEDIA_MISSING, "no filesystem can read media '" + path + "': " + e.getMessage());
    }
  }

  private Path realRoot(String root) throws MediaException {
    Map<String, Path> known = realRoots;
    if (known == null) {
      known = new ConcurrentHashMap<>();
      realRoots = known;
    }
    Path real = known.get(root);
    if (real == null) {
      try {
        real = Paths.get(MediaPaths.stripFileScheme(root)).toRealPath();
      } catch (IOException e) {
        throw new MediaException(Reason.MEDIA_MISSING, "media root " + root + " cannot be read: " + e);
      }
      known.put(root, real);
    }
    return real;
  }

  /**
   * Refuses a local spec whose real path (every symbolic link followed, nothing opened) is outside
   * {@code realRoot}. A path that does not exist is judged by its nearest existing folder; whether
   * it exists is for the caller to find.
   */
  static void requireInside(Path realRoot, String spec, String path) throws MediaException {
    Path real = null;
    for (Path p = Paths.get(MediaPaths.stripFileScheme(spec)).toAbsolutePath(); p != null && real == null; p = p.getParent()) {
      try {
        real = p.toRealPath();
      } catch (NoSuchFileException e) {
        // judge by the folder above
      } catch (IOException e) { // a loop of links, a folder that cannot be listed
        throw new MediaException(Reason.MEDIA_MISSING, "media path '" + path + "' cannot be followed: " + e);
      }
    }
    if (real == null || !real.startsWith(realRoot)) {
      throw new MediaException(
          Reason.PATH_TRAVERSAL,
          "media path '" + path + "' leads (through a symbolic link) to " + real + ", outside the media root " + realRoot);
    }
  }

  private String rootFor(String source) {
    if (mediaRoot != null) {
      return mediaRoot;
    }
    SourceRoot last = lastRoot; // a chunk's records share their source: its folder is found once
    if (last == null || !last.source().equals(source)) {
      ResourceId file = FileSystems.matchNewResource(source, false);
      last = new SourceRoot(source, MediaPaths.asDirectory(file.getCurrentDirectory().toString()));
      lastRoot = last;
    }
    return last.root();
  }

  /** The media root of the records of {@code source}. */
  private record SourceRoot(String source, String root) {}

  /**
   * Resolves every medium of a sample at once (one batched metadata lookup), in order. Throws on
   * the first medium that is refused, missing or out of range.
   */
  public List<ResolvedMedia> resolveAll(String source, List<MediaRef> media) throws MediaException, IOException {
    List<Placed> files = new ArrayList<>();
    for (MediaRef ref : media) {
      if (!readsAsFrameFolder(ref)) {
        MediaLocation loc = ref.location();
        files.add(placeByName(source, loc.isPatch() ? loc.patchRef().patch() : loc.path()));
      }
    }
    List<Long> sizes = sizesOf(files);
    List<ResolvedMedia> out = new ArrayList<>(media.size());
    int next = 0;
    for (MediaRef ref : media) {
      ResolvedMedia resolved;
      if (readsAsFrameFolder(ref)) {
        resolved = frameFolder(place(source, ref.location().path()));
      } else {
        String spec = files.get(next).spec();
        long size = sizes.get(next++);
        MediaLocation loc = ref.location();
        resolved = loc.isPatch() ? patchRanges(spec, size, loc.patchRef()) : ResolvedMedia.single(ByteRange.wholeFile(spec, size));
      }
      requireWithinLimits(ref, resolved);
      out.add(resolved);
    }
    return out;
  }

  /**
   * The size limit, from sizes already known; then, for images and image frames, the pixel limit
   * from each header (a few bytes read, nothing decoded).
   */
  private void requireWithinLimits(MediaRef ref, ResolvedMedia media) throws MediaException, IOException {
    long total = media.totalBytes();
    String what = media.parts().size() == 1 ? describe(media.parts().get(0)) : media.parts().size() + " frames";
    if (total > maxMediaBytes) {
      throw new MediaException(
          Reason.MEDIA_TOO_LARGE,
          ref.kind().label() + " " + what + " is " + total + " bytes, over the limit of " + maxMediaBytes + " (--maxMediaBytes)");
    }
    boolean images = ref.kind() == MediaKind.IMAGE || ref.kind() == MediaKind.IMAGE_GEN
        || (ref.kind() == MediaKind.VIDEO && media.isFrames());
    if (!images) {
      return;
    }
    for (ByteRange part : media.parts()) {
      if (part.length() > MAX_IN_MEMORY) {
        throw new MediaException(
            Reason.MEDIA_TOO_LARGE, "image " + describe(part) + " is " + part.length() + " bytes, more than can be held in memory");
      }
    }
    if (!readsHeaders) {
      return;
    }
    for (ByteRange part : media.parts()) {
      try (InputStream in = new BufferedInputStream(open(part), 4096)) {
        Images.requirePixelsAtMost(in, maxImagePixels, describe(part));
      } catch (FileNotFoundException | NoSuchFileException e) {
        throw new MediaException(Reason.MEDIA_MISSING, "media file not found: " + part.resource());
      }
    }
  }

  private static String describe(ByteRange range) {
    return range.offset() == 0 ? range.resource() : range.resource() + " at byte " + range.offset();
  }

  private boolean readsAsFrameFolder(MediaRef ref) {
    return ref.kind() == MediaKind.VIDEO && videoAs == VideoAs.FRAMES && !ref.location().isPatch();
  }

  private static ResolvedMedia patchRanges(String spec, long fileSize, PatchRef ref) throws MediaException {
    if (ref.start() + ref.totalSize() > fileSize) {
      throw new MediaException(
          Reason.MEDIA_CORRUPT,
          "patch reference " + ref + " reaches past the end of " + spec + " (" + fileSize + " bytes)");
    }
    return ResolvedMedia.inPatch(spec, ref);
  }

  /** The frames of a video's folder; each frame, and the sidecar, must stay inside the root too. */
  private static ResolvedMedia frameFolder(Placed video) throws MediaException, IOException {
    String folder = MediaPaths.withoutExtension(video.spec());
    if (video.realRoot() != null) {
      requireInside(video.realRoot(), folder, folder);
    }
    MatchResult match = FileSystems.match(List.of(folder + "/*")).get(0);
    List<MatchResult.Metadata> files = new ArrayList<>();
    if (match.status() == MatchResult.Status.OK) {
      for (MatchResult.Metadata m : match.metadata()) {
        String name = m.resourceId().getFilename();
        if (!m.resourceId().isDirectory() && name != null && FRAME_EXTENSIONS.contains(MediaPaths.extension(name))) {
          files.add(m);
        }
      }
    }
    if (files.isEmpty()) {
      throw new MediaException(
          Reason.MEDIA_MISSING,
          "no extracted frames in " + folder + "/ (run extract-frames first, or read videos as files)");
    }
    files.sort(Comparator.comparing(m -> m.resourceId().getFilename()));
    List<ByteRange> frames = new ArrayList<>(files.size());
    for (MatchResult.Metadata m : files) {
      String frame = m.resourceId().toString();
      if (video.realRoot() != null) {
        requireInside(video.realRoot(), frame, frame);
      }
      frames.add(ByteRange.wholeFile(frame, m.sizeBytes()));
    }
    if (video.realRoot() != null) {
      requireInside(video.realRoot(), folder + ".json", folder + ".json");
    }
    return ResolvedMedia.frames(frames, sidecarFps(folder + ".json"));
  }

  /** The {@code fps} of a frame folder's sidecar JSON as written (string or number), or null. */
  private static @Nullable String sidecarFps(String spec) throws MediaException {
    byte[] bytes;
    try (InputStream in = Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(spec, false)))) {
      bytes = in.readNBytes(1 << 16);
    } catch (FileNotFoundException | NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      return null;
    }
    try {
      JsonNode fps = JSON.readTree(bytes).get("fps");
      if (fps == null || !(fps.isTextual() || fps.isNumber())) {
        throw new MediaException(Reason.MEDIA_CORRUPT, spec + " has no fps value");
      }
      Double.parseDouble(fps.asText());
      return fps.asText();
    } catch (IOException | NumberFormatException e) {
      throw new MediaException(Reason.MEDIA_CORRUPT, spec + " is not {\"fps\": number}: " + e.getMessage());
    }
  }

  /**
   * Sizes of existing files, in order; a missing one fails with {@link Reason#MEDIA_MISSING}, a
   * local one that leads out of its root with {@link Reason#PATH_TRAVERSAL}. Local files are looked
   * up one system call each ({@link LocalMediaFiles}), others in one batched match.
   */
  private List<Long> sizesOf(List<Placed> files) throws MediaException, IOException {
    List<String> plain = new ArrayList<>();
    for (Placed file : files) {
      if (!file.local() && !Globs.hasWildcard(file.spec())) {
        plain.add(file.spec());
      }
    }
    List<MatchResult> results = plain.isEmpty() ? List.of() : FileSystems.match(plain);
    List<Long> sizes = new ArrayList<>(files.size());
    int next = 0;
    for (Placed file : files) {
      String spec = file.spec();
      if (file.local()) {
        sizes.add(localFiles().size(spec, file.path(), file.realRoot()));
        continue;
      }
      if (Globs.hasWildcard(spec)) { // match would read the name as a glob: open it instead
        sizes.add(sizeByOpening(spec));
        continue;
      }
      MatchResult r = results.get(next++);
      if (r.status() == MatchResult.Status.NOT_FOUND
          || (r.status() == MatchResult.Status.OK && r.metadata().isEmpty())) {
        throw new MediaException(Reason.MEDIA_MISSING, "media file not found: " + spec);
      }
      if (r.status() != MatchResult.Status.OK) {
        throw new IOException("cannot look up " + spec + ": " + r.status());
      }
      MatchResult.Metadata m = r.metadata().get(0);
      if (m.resourceId().isDirectory()) {
        throw new MediaException(Reason.MEDIA_MISSING, "media path is a directory: " + spec);
      }
      sizes.add(m.sizeBytes());
    }
    return sizes;
  }

  private LocalMediaFiles localFiles() {
    LocalMediaFiles files = localFiles;
    if (files == null) {
      files = new LocalMediaFiles();
      localFiles = files;
    }
    return files;
  }

  private static long sizeByOpening(String spec) throws MediaException, IOException {
    try (ReadableByteChannel channel = FileSystems.open(FileSystems.matchNewResource(spec, false))) {
      if (channel instanceof SeekableByteChannel) {
        return ((SeekableByteChannel) channel).size();
      }
      long size = 0;
      InputStream in = Channels.newInputStream(channel);
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        size += n;
      }
      return size;
    } catch (FileNotFoundException | NoSuchFileException e) {
      throw new MediaException(Reason.MEDIA_MISSING, "media file not found: " + spec);
    }
  }

  /** A stream of exactly the bytes of {@code range}; the caller closes it. */
  public static InputStream open(ByteRange range) throws IOException {
    return BoundedInputStream.of(Channels.newInputStream(channelAt(range)), range.length(), range.resource());
  }

  /** The channel of {@code range}'s file, at the range's first byte; the caller closes it. */
  private static ReadableByteChannel channelAt(ByteRange range) throws IOException {
    ReadableByteChannel channel = FileSystems.open(FileSystems.matchNewResource(range.resource(), false));
    try {
      if (channel instanceof SeekableByteChannel seekable) {
        seekable.position(range.offset());
      } else {
        Channels.newInputStream(channel).skipNBytes(range.offset());
      }
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * The bytes of {@code range}, for media small enough to hold (images, frames, short audio). Read
   * from the channel straight into the array, a mebibyte per call at most: a stream over Beam's
   * channel would read 8 KiB per system call.
   */
  public static byte[] read(ByteRange range) throws IOException {
    if (range.length() > MAX_IN_MEMORY) {
      throw new IOException("medium too large to hold in memory: " + range);
    }
    try (ReadableByteChannel channel = channelAt(range)) {
      ByteBuffer bytes = ByteBuffer.allocate((int) range.length());
      while (bytes.position() < bytes.capacity()) {
        bytes.limit(Math.min(bytes.capacity(), bytes.position() + READ_SLICE));
        if (channel.read(bytes) < 0) {
          throw new EOFException(range.resource() + " ended " + (range.length() - bytes.position()) + " bytes early");
        }
      }
      return bytes.array();
    }
  }
}
