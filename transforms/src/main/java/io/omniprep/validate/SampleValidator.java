package io.omniprep.validate;

import static io.omniprep.util.Args.check;

import io.omniprep.errors.FailedRecord;
import io.omniprep.llava.LlavaRecords;
import io.omniprep.media.MediaException;
import io.omniprep.media.Images;
import io.omniprep.media.MediaResolver;
import io.omniprep.sample.ByteRange;
import io.omniprep.sample.MediaKind;
import io.omniprep.sample.MediaLocation;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.ResolvedMedia;
import io.omniprep.sample.Sample;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The validation of one sample, as a plain object that any step can call: the structural rules
 * ({@link SampleChecks}), then, when media are checked, each medium resolved to its byte ranges
 * (path traversal refused, existence checked). {@link ValidateSamples} applies it to a collection;
 * chunk-local writers call it on the samples of the chunk they parsed.
 */
public final class SampleValidator implements Serializable {
  public static final String STAGE = "validate";

  private final MediaResolver resolver;
  private final boolean checkMedia;
  private final UnreadMedia unread;
  private final boolean locateUnread;
  private final boolean checkImages;
  private final VerifyMedia verify;
  /** {@link #resolver} as {@link #verify} reads: without the image headers for {@code exists}. */
  private final MediaResolver reading;

  private SampleValidator(MediaResolver resolver, boolean checkMedia, UnreadMedia unread, boolean locateUnread,
      boolean checkImages, VerifyMedia verify) {
    this.resolver = resolver;
    this.checkMedia = checkMedia;
    this.unread = unread;
    this.locateUnread = locateUnread;
    this.checkImages = checkImages;
    this.verify = verify;
    this.reading = verify == VerifyMedia.EXISTS ? resolver.withHeadersLeftToReader() : resolver;
  }

  /** Validates with media resolved through {@code resolver}. */
  public static SampleValidator withResolver(MediaResolver resolver) {
    check(resolver != null, "resolver can not be null");
    return new SampleValidator(resolver, true, UnreadMedia.NONE, false, false, VerifyMedia.HEADER);
  }

  /** Whether validating looks media up (not so {@link #withoutMediaCheck}). */
  public boolean readsMedia() {
    return checkMedia;
  }

  /** Structure only: media are neither looked up nor resolved (for stages that never read them). */
  public SampleValidator withoutMediaCheck() {
    return new SampleValidator(resolver, false, unread, locateUnread, checkImages, verify);
  }

  /** The same validator with videos resolved as {@code videoAs} says (files, or frame folders). */
  public SampleValidator withVideoAs(MediaResolver.VideoAs videoAs) {
    return new SampleValidator(resolver.withVideoAs(videoAs), checkMedia, unread, locateUnread, checkImages, verify);
  }

  /**
   * The same validator leaving the media {@code unread} names unchecked: they are neither looked up
   * nor resolved (a stage writes them, or another stage will). With {@code locate} their paths
   * become the absolute location they resolve to (path traversal still refused), for stages whose
   * output no longer sits beside the input; without it they are kept as written.
   */
  public SampleValidator withUnread(UnreadMedia unread, boolean locate) {
    check(unread != null, "unread can not be null");
    return new SampleValidator(resolver, checkMedia, unread, locate, checkImages, verify);
  }

  /**
   * The same validator also refusing images as the stages that read them do ({@link
   * Images#check(byte[], byte[], String)}: not a known image format, e.g. HTML saved as
   * {@code .jpg}, or a JPEG or PNG cut short), as {@code media_corrupt}, from each image's first and
   * last few kilobytes. For stages that pass media on without reading them ({@code convert}).
   */
  public SampleValidator withImageCheck() {
    return new SampleValidator(resolver, checkMedia, unread, locateUnread, true, verify);
  }

  /**
   * The same validator looking at each medium as {@code level} says ({@code --verifyMedia}): with
   * {@link VerifyMedia#EXISTS} no medium is opened (neither the pixel limit nor {@link
   * #withImageCheck} is checked here), with {@link VerifyMedia#DECODE} every medium is also decoded
   * ({@link MediaVerification}). {@link VerifyMedia#HEADER} is the default.
   */
  public SampleValidator withVerifyMedia(VerifyMedia level) {
    check(level != null, "level can not be null");
    return new SampleValidator(resolver, checkMedia, unread, locateUnread, checkImages, level);
  }

  public MediaResolver resolver() {
    return resolver;
  }

  /**
   * The sample with its media resolved and its original text dropped (it is kept only to quote in
   * failures).
   *
   * @throws MediaException with the reason the sample is refused
   */
  public Sample validate(Sample sample) throws MediaException, IOException {
    SampleChecks.check(sample);
    return resolveMedia(sample);
  }

  /**
   * The sample, its structure already checked, with its media resolved to byte ranges (when media
   * are checked) and its original text dropped (it is kept only to quote in failures).
   *
   * @throws MediaException with the reason the sample is refused
   */
  Sample resolveMedia(Sample sample) throws MediaException, IOException {
    Sample resolved = sample.withoutOriginalRecord();
    return checkMedia ? resolved.withMedia(resolve(sample)) : resolved;
  }

  /** The failure record of a refused sample, quoting its original text. */
  public static FailedRecord failure(Sample sample, MediaException e) {
    String record = sample.originalRecord() != null ? sample.originalRecord() : LlavaRecords.toJson(sample);
    return FailedRecord.of(sample, STAGE, e.reason(), e.getMessage(), record);
  }

  /** The format and truncation check of one image, from its head and tail bytes. */
  private static void checkImage(ByteRange image) throws MediaException, IOException {
    long length = image.length();
    int headLength = (int) Math.min(length, Images.HEAD_BYTES);
    int tailLength = (int) Math.min(length, Images.TAIL_BYTES);
    byte[] head = MediaResolver.read(new ByteRange(image.resource(), image.offset(), headLength));
    byte[] tail = MediaResolver.read(new ByteRange(image.resource(), image.offset() + length - tailLength, tailLength));
    String what = image.offset() == 0 ? image.resource() : image.resource() + " at byte " + image.offset();
    Images.check(head, tail, what);
  }

  private List<MediaRef> resolve(Sample sample) throws MediaException, IOException {
    Set<Integer> skipped = unread.of(sample);
    List<MediaRef> read = new ArrayList<>(sample.media().size());
    for (int i = 0; i < sample.media().size(); i++) {
      if (!skipped.contains(i)) {
        read.add(sample.media().get(i));
      }
    }
    List<ResolvedMedia> resolved = reading.resolveAll(sample.source(), read);
    List<MediaRef> media = new ArrayList<>(sample.media().size());
    int next = 0;
    for (int i = 0; i < sample.media().size(); i++) {
      MediaRef ref = sample.media().get(i);
      if (!skipped.contains(i)) {
        ResolvedMedia r = resolved.get(next++);
        if (verify == VerifyMedia.DECODE) {
          MediaVerification.decode(ref.kind(), r, resolver.maxImagePixels());
        } else if (checkImages && verify == VerifyMedia.HEADER && ref.kind() == MediaKind.IMAGE && !r.isFrames()) {
          for (ByteRange part : r.parts()) {
            checkImage(part);
          }
        }
        media.add(ref.withResolved(r));
      } else if (locateUnread && !ref.location().isPatch()) {
        media.add(ref.withLocation(MediaLocation.path(resolver.locate(sample.source(), ref.location().path()))));
      } else {
        media.add(ref);
      }
    }
    return media;
  }
}
