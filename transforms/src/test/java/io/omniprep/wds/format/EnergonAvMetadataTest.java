package io.omniprep.wds.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.av.AvMetadata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The {@code av} rows' JSON, and the capture that spools a member for the probe. */
class EnergonAvMetadataTest {
  @Test
  void jsonKeepsTheDataclassOrderLeavesOutUnsetFieldsAndPrintsFloatsAsPython() {
    // Python: json.dumps({...}, separators=(",", ":")) of floats 1.9000000000000001, 30000/1001, 0.125
    assertEquals("{\"video_duration\":1.9000000000000001,\"video_num_frames\":57,\"video_fps\":29.97002997002997,"
            + "\"video_width\":64,\"video_height\":48,\"audio_duration\":0.125,\"audio_channels\":2,"
            + "\"audio_sample_rate\":8000,\"audio_num_samples\":1000}",
        EnergonAvMetadata.of(new AvMetadata(1.9000000000000001, 57L, 30000 / 1001.0, 64, 48, 0.125, 2, 8000, 1000L)).json());
    assertEquals("{\"audio_channels\":1,\"audio_sample_rate\":16000,\"audio_num_samples\":0}",
        EnergonAvMetadata.of(new AvMetadata(null, null, null, null, null, null, 1, 16000, 0L)).json());
    assertEquals("{\"video_duration\":2.0}", EnergonAvMetadata.of(new AvMetadata(2.0, null, null, null, null, null, null, null, null)).json());
    assertEquals("av", EnergonAvMetadata.of(new AvMetadata(2.0, null, null, null, null, null, null, null, null)).type());
  }

  @Test
  void theCapturePassesBytesOnProbesThemAndLeavesNoFile() throws IOException {
    byte[] wav = io.omniprep.av.testing.Wavs.silence(16_000, 1, 3200);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    EnergonIndexRows.Media media;
    Path spooled;
    try (EnergonMediaMetadata.Capture c = EnergonMediaMetadata.capture(sink, "k.WAV", wav.length)) {
      for (int at = 0; at < wav.length; at += 1000) {
        c.write(wav, at, Math.min(1000, wav.length - at));
      }
      media = c.metadata();
      spooled = ((EnergonAvMetadata.SpoolCapture) c).file();
      assertTrue(Files.exists(spooled));
    }
    assertFalse(Files.exists(spooled), "the spool file is deleted on close");
    assertArrayEquals(wav, sink.toByteArray());
    assertEquals("{\"audio_duration\":0.2,\"audio_channels\":1,\"audio_sample_rate\":16000,\"audio_num_samples\":3200}", media.json());
    // Bytes FFmpeg cannot read: no row, as Energon stores none.
    byte[] noise = new byte[4096];
    new Random(7).nextBytes(noise);
    try (EnergonMediaMetadata.Capture c = EnergonMediaMetadata.capture(new ByteArrayOutputStream(), "k.mp4", noise.length)) {
      c.write(noise);
      assertNull(c.metadata());
    }
  }

  @Test
  void membersAreTakenByTheirLastSuffixAsEnergonTakesThem() {
    for (String name : new String[] {"k.mp4", "k.0.WAV", "a/b.c.webm", "k.flac", "k.gif", "k.BMP", "k.jpeg"}) {
      assertTrue(EnergonMediaMetadata.considered(name), name);
    }
    for (String name : new String[] {"k.mp4s", "k.wavs", "k.json", "k.frames.pickle", "dir.mp4/k", ".mp4", "k.tiff"}) {
      assertFalse(EnergonMediaMetadata.considered(name), name);
    }
  }
}
