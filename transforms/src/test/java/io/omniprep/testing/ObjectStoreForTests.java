package io.omniprep.testing;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystem;
import org.apache.beam.sdk.io.FileSystemRegistrar;
import org.apache.beam.sdk.io.fs.CreateOptions;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * A Beam filesystem for {@code objstore://KEY} that behaves like an object store (no directories,
 * rename = copy + delete, globs over keys) and keeps its objects as files under {@link #root}, so
 * that code paths for {@code gs://} and {@code s3://} run in tests without a network.
 */
public final class ObjectStoreForTests extends FileSystem<ObjectStoreForTests.Key> {
  public static final String SCHEME = "objstore";

  /** Where the objects live; set by a test before it runs a pipeline (same JVM as the runner). */
  public static volatile Path root;

  /** Registered through {@code META-INF/services}. */
  public static final class Registrar implements FileSystemRegistrar {
    @Override
    public Iterable<FileSystem<?>> fromOptions(PipelineOptions options) {
      return List.of(new ObjectStoreForTests());
    }
  }

  /** {@code objstore://a/b/c}, a directory when it ends in {@code /}. */
  public static final class Key implements ResourceId {
    private final String spec;

    Key(String spec) {
      this.spec = spec;
    }

    String key() {
      return spec.substring(SCHEME.length() + 3);
    }

    @Override
    public ResourceId resolve(String other, ResolveOptions options) {
      boolean dir = options == ResolveOptions.StandardResolveOptions.RESOLVE_DIRECTORY;
      return new Key(spec + other + (dir && !other.endsWith("/") ? "/" : ""));
    }

    @Override
    public ResourceId getCurrentDirectory() {
      return isDirectory() ? this : new Key(spec.substring(0, spec.lastIndexOf('/') + 1));
    }

    @Override
    public String getScheme() {
      return SCHEME;
    }

    @Override
    public String getFilename() {
      String s = isDirectory() ? spec.substring(0, spec.length() - 1) : spec;
      return s.substring(s.lastIndexOf('/') + 1);
    }

    @Override
    public boolean isDirectory() {
      return spec.endsWith("/");
    }

    @Override
    public String toString() {
      return spec;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key && spec.equals(((Key) o).spec);
    }

    @Override
    public int hashCode() {
      return Objects.hash(spec);
    }
  }

  private static Path file(Key key) {
    return root.resolve(key.key());
  }

  @Override
  protected List<MatchResult> match(List<String> specs) throws IOException {
    List<MatchResult> results = new ArrayList<>();
    for (String spec : specs) {
      List<MatchResult.Metadata> found = matchOne(matchNewResource(spec, false));
      results.add(found.isEmpty()
          ? MatchResult.create(MatchResult.Status.NOT_FOUND, new NoSuchFileException(spec))
          : MatchResult.create(MatchResult.Status.OK, found));
    }
    return results;
  }

  /**
   * One spec's objects. A plain key is looked up as a store looks up a key; a pattern lists the
   * store, again when a writer's temporary object vanished while it was being listed (the store is
   * a folder other threads write to).
   */
  private static List<MatchResult.Metadata> matchOne(Key pattern) throws IOException {
    if (!pattern.key().contains("*") && !pattern.key().contains("?")) {
      Path f = file(pattern);
      List<MatchResult.Metadata> found = new ArrayList<>();
      if (Files.isRegularFile(f)) {
        found.add(metadata(pattern.key(), Files.size(f)));
      }
      return found;
    }
    Pattern regex = Pattern.compile(pattern.key().replace(".", "\\.").replace("**", "\u0000")
        .replace("*", "[^/]*").replace("?", "[^/]").replace("\u0000", ".*"));
    for (int attempt = 1; ; attempt++) {
      try (Stream<Path> files = Files.walk(root)) {
        List<MatchResult.Metadata> found = new ArrayList<>();
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
          String key = root.relativize(f).toString();
          if (regex.matcher(key).matches()) {
            found.add(metadata(key, Files.size(f)));
          }
        }
        return found;
      } catch (NoSuchFileException | java.io.UncheckedIOException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  private static MatchResult.Metadata metadata(String key, long size) {
    return MatchResult.Metadata.builder().setResourceId(new Key(SCHEME + "://" + key))
        .setSizeBytes(size).setIsReadSeekEfficient(true).setLastModifiedMillis(0).build();
  }

  @Override
  protected WritableByteChannel create(Key key, CreateOptions options) throws IOException {
    Files.createDirectories(file(key).getParent());
    return Files.newByteChannel(file(key), java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE);
  }

  @Override
  protected ReadableByteChannel open(Key key) throws IOException {
    return Files.newByteChannel(file(key));
  }

  @Override
  protected void copy(List<Key> from, List<Key> to) throws IOException {
    for (int i = 0; i < from.size(); i++) {
      Files.createDirectories(file(to.get(i)).getParent());
      Files.copy(file(from.get(i)), file(to.get(i)), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  protected void rename(List<Key> from, List<Key> to, MoveOptions... options) throws IOException {
    copy(from, to);
    delete(from);
  }

  @Override
  protected void delete(Collection<Key> keys) throws IOException {
    for (Key key : keys) {
      Files.deleteIfExists(file(key));
    }
  }

  @Override
  protected Key matchNewResource(String spec, boolean isDirectory) {
    return new Key(isDirectory && !spec.endsWith("/") ? spec + "/" : spec);
  }

  @Override
  protected String getScheme() {
    return SCHEME;
  }
}
