package io.omniprep.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.omniprep.errors.Reason;
import io.omniprep.testing.BrokenMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecodeCheckTest {
  @Test
  void wholeImagesDecodeAndDamagedOnesAreRefused(@TempDir Path dir) throws Exception {
    BrokenMedia.write(dir);
    for (BrokenMedia.Medium m : BrokenMedia.ALL) {
      if (!m.kind().equals("image")) {
        continue;
      }
      byte[] bytes = Files.readAllBytes(dir.resolve(m.name()));
      if (m.refusedFrom() == null) {
        ImageDecodeCheck.verify(bytes, Images.DEFAULT_MAX_PIXELS, m.name());
      } else {
        MediaException e = assertThrows(MediaException.class, () -> ImageDecodeCheck.verify(bytes, Images.DEFAULT_MAX_PIXELS, m.name()));
        assertEquals(Reason.MEDIA_CORRUPT, e.reason(), m.name());
      }
    }
  }

  /** The ends of the hollow JPEG and the damaged PNG pass the header check: only decoding sees the damage. */
  @Test
  void theHeaderCheckPassesWhatOnlyDecodingRefuses(@TempDir Path dir) throws Exception {
    BrokenMedia.write(dir);
    for (String name : new String[] {"hollow.jpg", "damaged.png"}) {
      byte[] bytes = Files.readAllBytes(dir.resolve(name));
      Images.check(bytes, name);
      assertThrows(MediaException.class, () -> ImageDecodeCheck.verify(bytes, Images.DEFAULT_MAX_PIXELS, name));
    }
  }

  @Test
  void thePixelLimitHoldsBeforeAnyDecode() {
    MediaException e = assertThrows(MediaException.class,
        () -> ImageDecodeCheck.verify(ImageFixtures.jpeg(60000, 60000), Images.DEFAULT_MAX_PIXELS, "bomb"));
    assertEquals(Reason.IMAGE_TOO_LARGE, e.reason());
  }
}
