package io.omniprep.errors;

import java.util.Locale;

/**
 * Why a record failed: a fixed vocabulary, so that {@code failedByReason} in the summary and the
 * {@code reason} field of the errors output can be counted and filtered. The human-readable detail
 * goes in {@link FailedRecord#message()}.
 */
public enum Reason {
  /** The record is not well-formed JSON (or CSV). */
  MALFORMED_JSON,
  /** A field has the wrong JSON type (e.g. a non-string {@code value}, a record that is not an object). */
  WRONG_TYPE,
  /** No {@code conversations} (or {@code messages}) list, or an empty one. */
  MISSING_CONVERSATIONS,
  /** A turn's speaker is not one of human, gpt, system, user, assistant. */
  UNKNOWN_SPEAKER,
  /** The number of {@code <image>}/{@code <video>}/{@code <speech>}/... tokens differs from the media. */
  TOKEN_MEDIA_MISMATCH,
  /** A media file (or frame folder, or patch file) does not exist. */
  MEDIA_MISSING,
  /** A media path leaves its media root ({@code ../}, or an absolute path when a root is set). */
  PATH_TRAVERSAL,
  /** Media bytes are not a decodable image/video/audio of the expected kind. */
  MEDIA_CORRUPT,
  /** A video has no audio stream to extract. */
  NO_AUDIO_STREAM,
  /** A video could not be opened or decoded. */
  CANNOT_DECODE,
  /** Two inputs would write the same output (e.g. {@code a.mp4} and {@code a.mkv} both to {@code a.wav}). */
  OUTPUT_CONFLICT,
  /** A valid sample that the chosen output layout cannot hold (e.g. two images for {@code vqa}). */
  UNSUITABLE_FOR_LAYOUT,
  /** A table row misses a required column or holds a value of the wrong type. */
  BAD_ROW,
  /** A preprocess function refused the row. */
  PREPROCESS_FAILED,
  /** Reading media failed for a reason other than the ones above. */
  IO_ERROR,
  /**
   * An image whose header claims more pixels than the limit ({@code --maxImagePixels}, by default
   * PIL's {@code MAX_IMAGE_PIXELS}): refused before any decode, as a decompression bomb.
   */
  IMAGE_TOO_LARGE,
  /** A medium larger than the limit ({@code --maxMediaBytes}), refused from its size before any read. */
  MEDIA_TOO_LARGE,
  /** One record's text is larger than {@code --maxRecordBytes}: refused unread. */
  RECORD_TOO_LARGE,
  /** A sample longer, in tokens (text plus visual), than {@code --maxSequenceLength}: never truncated. */
  TOO_LONG,
  /**
   * An image or video frame whose sides differ by more than 200 times: Qwen-VL's {@code smart_resize}
   * refuses it, which would crash the processor in training.
   */
  EXTREME_ASPECT_RATIO;
  // New reasons go last: coders write a reason as its ordinal.

  /** The lower-case name used in JSON output, e.g. {@code token_media_mismatch}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
