package io.omniprep.llava.write;

import io.omniprep.errors.FailedRecord;
import io.omniprep.media.MediaException;
import io.omniprep.media.MediaPaths;
import io.omniprep.media.MediaResolver;
import io.omniprep.sample.MediaLocation;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.ResolvedMedia;
import io.omniprep.sample.Sample;
import io.omniprep.validate.SampleValidator;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Rewrites every media path (and patch file path) of records that are written somewhere else than
 * they were read from, so that they still name the same files: relative to the folder the records
 * are written to ({@code ../data/images/a.jpg}), or, with {@link #absolute()}, as the absolute
 * location. A path that cannot be expressed relative to the output (another filesystem, another
 * bucket) is written absolute. A path whose location the media resolver refuses (it leaves its
 * media root) fails its record with that reason.
 */
public final class RelocateMedia
    extends PTransform<PCollection<Sample>, WithFailures.Result<PCollection<Sample>, FailedRecord>> {
  private final MediaResolver resolver;
  private final String outputDir;
  private final boolean absolute;
  /** The local output folder, absolute and normalised, made once: every record's paths are expressed from it. */
  private transient @Nullable Path localOutput;
  /** The folder of the local target last expressed, and that folder relative to the output: records share folders. */
  private transient @Nullable Relative lastFolder;

  private record Relative(String folder, String relative) {}

  private RelocateMedia(MediaResolver resolver, String outputDir, boolean absolute) {
    this.resolver = resolver;
    this.outputDir = outputDir;
    this.absolute = absolute;
  }

  /** Paths relative to {@code outputDir}, located as {@code resolver} locates them. */
  public static RelocateMedia relativeTo(String outputDir, MediaResolver resolver) {
    return new RelocateMedia(resolver, outputDir, false);
  }

  /** Absolute locations instead. */
  public RelocateMedia absolute(boolean absolute) {
    return new RelocateMedia(resolver, outputDir, absolute);
  }

  @Override
  public WithFailures.Result<PCollection<Sample>, FailedRecord> expand(PCollection<Sample> samples) {
    TupleTag<Sample> moved = new TupleTag<Sample>() {};
    TupleTag<FailedRecord> failures = new TupleTag<FailedRecord>() {};
    PCollectionTuple out = samples.apply("Relocate media paths",
        ParDo.of(new RelocateFn(this, moved, failures)).withOutputTags(moved, TupleTagList.of(failures)));
    return WithFailures.Result.of(out.get(moved), out.get(failures));
  }

  /** The sample with every media location rewritten. */
  Sample relocate(Sample s) throws MediaException {
    List<MediaRef> media = new ArrayList<>(s.media().size());
    for (MediaRef ref : s.media()) {
      MediaLocation loc = ref.location();
      if (loc.isPatch()) {
        String spec = resolver.locate(s.source(), loc.patchRef().patch());
        media.add(ref.withLocation(MediaLocation.patch(loc.patchRef().withPatch(express(spec)))));
      } else {
        ResolvedMedia r = ref.resolved();
        String spec = r != null && !r.isFrames() && r.parts().size() == 1
            ? r.parts().get(0).resource()
            : resolver.locate(s.source(), loc.path());
        media.add(ref.withLocation(MediaLocation.path(express(spec))));
      }
    }
    return s.withMedia(media);
  }

  /** A located spec as written into the output: relative to the output folder when it can be. */
  String express(String spec) {
    if (absolute) {
      return spec;
    }
    String target = MediaPaths.stripFileScheme(spec);
    String dir = MediaPaths.stripFileScheme(outputDir);
    boolean localTarget = target.startsWith("/");
    boolean localDir = !MediaPaths.isAbsolute(dir) || dir.startsWith("/");
    if (localTarget && localDir) {
      Path from = localOutput;
      if (from == null) {
        from = Paths.get(dir).toAbsolutePath().normalize();
        localOutput = from;
      }
      return relativeFile(from, target);
    }
    int authorityEnd = authorityEnd(target);
    if (authorityEnd < 0 || authorityEnd != authorityEnd(dir) || !target.regionMatches(0, dir, 0, authorityEnd)) {
      return spec; // another filesystem, bucket or host
    }
    Path from = Paths.get("/" + dir.substring(authorityEnd)).normalize();
    return from.relativize(Paths.get("/" + target.substring(authorityEnd)).normalize()).toString();
  }

  /**
   * {@code target} (a local file, its path folded) relative to {@code from}: its folder's relative
   * path, remembered from the record before, and its name. A target that is the output folder or
   * above it is relativized whole.
   */
  private String relativeFile(Path from, String target) {
    int slash = target.lastIndexOf('/');
    String name = target.substring(slash + 1);
    String output = from.toString();
    boolean aboveOutput = output.startsWith(target) && (output.length() == target.length() || output.charAt(target.length()) == '/');
    if (slash <= 0 || name.isEmpty() || name.equals(".") || name.equals("..") || aboveOutput) {
      return from.relativize(Paths.get(target).normalize()).toString();
    }
    String folder = target.substring(0, slash);
    Relative last = lastFolder;
    if (last == null || !last.folder().equals(folder)) {
      last = new Relative(folder, from.relativize(Paths.get(folder).normalize()).toString());
      lastFolder = last;
    }
    return last.relative().isEmpty() ? name : last.relative() + "/" + name;
  }

  /** The end of {@code scheme://authority/} in a URI, or -1 for anything else. */
  private static int authorityEnd(String spec) {
    int scheme = spec.indexOf("://");
    if (scheme < 0) {
      return -1;
    }
    int slash = spec.indexOf('/', scheme + 3);
    return slash < 0 ? spec.length() : slash + 1;
  }

  private static final class RelocateFn extends DoFn<Sample, Sample> {
    private final RelocateMedia relocate;
    private final TupleTag<Sample> moved;
    private final TupleTag<FailedRecord> failures;

    RelocateFn(RelocateMedia relocate, TupleTag<Sample> moved, TupleTag<FailedRecord> failures) {
      this.relocate = relocate;
      this.moved = moved;
      this.failures = failures;
    }

    @ProcessElement
    public void process(@Element Sample s, MultiOutputReceiver out) {
      try {
        out.get(moved).output(relocate.relocate(s));
      } catch (MediaException e) {
        out.get(failures).output(SampleValidator.failure(s, e));
      }
    }
  }
}
