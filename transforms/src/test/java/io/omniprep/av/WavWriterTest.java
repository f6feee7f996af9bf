package io.omniprep.av;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omniprep.av.testing.Wavs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {

  @Test
  void writesCanonicalPcmHeaderAndPatchesSizes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("a.wav");
    short[] samples = {0, 1, -1, 32767, -32768, 1234};
    try (WavWriter w = new WavWriter(file, 16000, 2)) {
      ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
      b.asShortBuffer().put(samples);
      w.write(b);
      assertEquals(3, w.sampleFrames());
    }
    assertEquals(44 + 12, Files.size(file));
    Wavs.Wav wav = Wavs.read(file);
    assertEquals(Files.size(file) - 8, wav.riffSize());
    assertEquals(16, wav.fmtSize());
    assertEquals(1, wav.formatTag());
    assertEquals(2, wav.channels());
    assertEquals(16000, wav.sampleRate());
    assertEquals(64000, wav.byteRate());
    assertEquals(4, wav.blockAlign());
    assertEquals(16, wav.bitsPerSample());
    assertEquals(44, wav.dataOffset());
    assertEquals(12, wav.dataSize());
    assertArrayEquals(samples, wav.samples());
  }

  @Test
  void usesExtensibleFormatAboveTwoChannels(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("six.wav");
    try (WavWriter w = new WavWriter(file, 48000, 6, 0x3F)) {
      w.write(ByteBuffer.allocate(6 * 2 * 10));
    }
    Wavs.Wav wav = Wavs.read(file);
    assertEquals(0xFFFE, wav.formatTag());
    assertEquals(40, wav.fmtSize());
    assertEquals(6, wav.channels());
    assertEquals(12, wav.blockAlign());
    assertEquals(68, wav.dataOffset());
    assertEquals(120, wav.dataSize());
    assertEquals(Files.size(file) - 8, wav.riffSize());
  }

  @Test
  void emptyAudioIsAValidFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("empty.wav");
    new WavWriter(file, 16000, 1).close();
    Wavs.Wav wav = Wavs.read(file);
    assertEquals(0, wav.dataSize());
    assertEquals(36, wav.riffSize());
  }
}
