package io.omniprep.validate;

import io.omniprep.av.AvException;
import io.omniprep.av.DecodeCheck;
import io.omniprep.errors.Reason;
import io.omniprep.media.ImageDecodeCheck;
import io.omniprep.media.ImageFormat;
import io.omniprep.media.LocalMedia;
import io.omniprep.media.MediaException;
import io.omniprep.media.MediaResolver;
import io.omniprep.sample.ByteRange;
import io.omniprep.sample.MediaKind;
import io.omniprep.sample.ResolvedMedia;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * {@link VerifyMedia#DECODE} for one resolved medium: images (and the frames of a video read as
 * frames) decoded whole ({@link ImageDecodeCheck}; WebP, which the JDK cannot decode, through
 * FFmpeg), videos and audio opened, their duration read and their first and last frame decoded
 * ({@link DecodeCheck}). Failures are {@code media_corrupt} for bytes that are not the kind of
 * medium the record says (an image that does not decode, a video without a video stream) and
 * {@code cannot_decode} for a video or audio that does not open or play to its end.
 */
final class MediaVerification {
  private MediaVerification() {}

  static void decode(MediaKind kind, ResolvedMedia media, long maxImagePixels) throws MediaException, IOException {
    boolean image = kind == MediaKind.IMAGE || kind == MediaKind.IMAGE_GEN || media.isFrames();
    for (ByteRange part : media.parts()) {
      String what = part.offset() == 0 ? part.resource() : part.resource() + " at byte " + part.offset();
      try {
        if (image) {
          image(MediaResolver.read(part), maxImagePixels, what);
        } else {
          try (LocalMedia local = LocalMedia.of(part)) {
            DecodeCheck.verify(local.path(), kind == MediaKind.VIDEO ? DecodeCheck.Stream.VIDEO : DecodeCheck.Stream.AUDIO);
          }
        }
      } catch (AvException e) {
        Reason reason = e.reason() == AvException.Reason.CANNOT_DECODE ? Reason.CANNOT_DECODE : Reason.MEDIA_CORRUPT;
        throw new MediaException(reason, kind.label() + " " + what + ": " + e.getMessage());
      } catch (FileNotFoundException | NoSuchFileException e) {
        throw new MediaException(Reason.MEDIA_MISSING, "media file not found: " + part.resource());
      }
    }
  }

  private static void image(byte[] bytes, long maxImagePixels, String what) throws MediaException, IOException {
    ImageFormat format = ImageDecodeCheck.verify(bytes, maxImagePixels, what);
    if (!ImageDecodeCheck.decodesHere(format)) {
      try (LocalMedia copy = LocalMedia.copyOf(new ByteArrayInputStream(bytes), format.extension())) {
        DecodeCheck.verifyStill(copy.path());
      } catch (AvException e) {
        throw new MediaException(Reason.MEDIA_CORRUPT, what + ": cannot decode " + format + ": " + e.getMessage());
      }
    }
  }
}
