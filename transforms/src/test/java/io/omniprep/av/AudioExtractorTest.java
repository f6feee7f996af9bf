package io.omniprep.av;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.av.testing.TestVideos;
import io.omniprep.av.testing.Wavs;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioExtractorTest {
  /** One AAC frame (1024 source samples) at the output rate, plus resampler rounding. */
  private static long aacFrameAt(int outRate, int sourceRate) {
    return (long) Math.ceil(1024.0 * outRate / sourceRate) + 2;
  }

  @TempDir static Path media;
  static Path tone;
  static Path stereo;
  static final TestVideos.Spec TONE = TestVideos.spec().withDuration(3).withTone(440);
  static final TestVideos.Spec STEREO =
      TestVideos.spec().withDuration(2).withTone(440).withAudioChannels(2).withSampleRate(48_000);

  @BeforeAll
  static void generate() throws Exception {
    tone = TestVideos.write(media.resolve("tone.mp4"), TONE);
    stereo = TestVideos.write(media.resolve("stereo.mkv"), STEREO);
  }

  @Test
  void writesMono16kPcmWavWithConsistentHeader(@TempDir Path out) throws Exception {
    Path wavFile = out.resolve("tone.wav");
    WavInfo info = new AudioExtractor().extractWav(tone, wavFile);

    Wavs.Wav wav = Wavs.read(wavFile);
    assertEquals(Files.size(wavFile) - 8, wav.riffSize());
    assertEquals(16, wav.fmtSize());
    assertEquals(1, wav.formatTag(), "PCM");
    assertEquals(1, wav.channels());
    assertEquals(16_000, wav.sampleRate());
    assertEquals(32_000, wav.byteRate());
    assertEquals(2, wav.blockAlign());
    assertEquals(16, wav.bitsPerSample());
    assertEquals(44, wav.dataOffset());
    assertEquals(Files.size(wavFile) - 44, wav.dataSize());
    assertEquals(info.sampleFrames(), wav.frames());
    assertEquals(new WavInfo(16_000, 1, wav.frames()), info);
  }

  @Test
  void sampleCountIsDurationTimesRateWithinOneAacFrame(@TempDir Path out) throws Exception {
    WavInfo info = new AudioExtractor().extractWav(tone, out.resolve("tone.wav"));
    long expected = Math.round(3.0 * 16_000);
    long slack = aacFrameAt(16_000, TONE.sampleRate());
    assertTrue(Math.abs(info.sampleFrames() - expected) <= slack,
        info.sampleFrames() + " samples, expected " + expected + " +- " + slack);
  }

  @Test
  void keepsTheToneFrequency(@TempDir Path out) throws Exception {
    Path wavFile = out.resolve("tone.wav");
    new AudioExtractor().extractWav(tone, wavFile);
    Wavs.Wav wav = Wavs.read(wavFile);
    double f = Wavs.dominantFrequency(wav.samples(), 16_000, 50, 7_900);
    assertEquals(440.0, f, 2.0);
  }

  @Test
  void keepsSeparateChannelsWhenAskedForTwo(@TempDir Path out) throws Exception {
    Path wavFile = out.resolve("stereo.wav");
    WavInfo info = new AudioExtractor(22_050, 2).extractWav(stereo, wavFile);
    Wavs.Wav wav = Wavs.read(wavFile);
    assertEquals(2, wav.channels());
    assertEquals(22_050, wav.sampleRate());
    assertEquals(22_050 * 4, wav.byteRate());
    assertEquals(4, wav.blockAlign());
    assertEquals(info.sampleFrames(), wav.frames());
    assertTrue(Math.abs(wav.frames() - 2 * 22_050) <= aacFrameAt(22_050, 48_000));
    assertEquals(440.0, Wavs.dominantFrequency(wav.channel(0), 22_050, 50, 5_000), 2.0);
    assertEquals(880.0, Wavs.dominantFrequency(wav.channel(1), 22_050, 50, 5_000), 2.0);
  }

  @Test
  void downmixesStereoToMono(@TempDir Path out) throws Exception {
    Path wavFile = out.resolve("mono.wav");
    new AudioExtractor().extractWav(stereo, wavFile);
    Wavs.Wav wav = Wavs.read(wavFile);
    assertEquals(1, wav.channels());
    short[] s = wav.samples();
    double p440 = Wavs.power(s, 0, s.length, 16_000, 440);
    double p880 = Wavs.power(s, 0, s.length, 16_000, 880);
    double p660 = Wavs.power(s, 0, s.length, 16_000, 660);
    assertTrue(p440 > 100 * p660 && p880 > 100 * p660, "both tones mixed in");
  }

  @Test
  void upmixesToSixChannelsWithExtensibleHeader(@TempDir Path out) throws Exception {
    Path wavFile = out.resolve("six.wav");
    new AudioExtractor(16_000, 6).extractWav(tone, wavFile);
    Wavs.Wav wav = Wavs.read(wavFile);
    assertEquals(0xFFFE, wav.formatTag());
    assertEquals(6, wav.channels());
    assertEquals(12, wav.blockAlign());
    assertEquals(Files.size(wavFile) - wav.dataOffset(), wav.dataSize());
  }

  @Test
  void streamVariantWritesTheSameBytes(@TempDir Path out) throws Exception {
    Path wavFile = out.resolve("tone.wav");
    new AudioExtractor().extractWav(tone, wavFile);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new AudioExtractor().extractWav(tone, bytes);
    assertArrayEquals(Files.readAllBytes(wavFile), bytes.toByteArray());
  }

  @Test
  void videoWithoutAudioIsNoAudioStream(@TempDir Path out) throws Exception {
    Path silent = TestVideos.videoWithoutAudio(out);
    Path wavFile = out.resolve("silent.wav");
    AvException e = assertThrows(AvException.class,
        () -> new AudioExtractor().extractWav(silent, wavFile));
    assertEquals(AvException.Reason.NO_AUDIO_STREAM, e.reason());
    assertEquals("no audio stream", e.getMessage());
    assertFalse(Files.exists(wavFile), "no partial output");
  }

  @Test
  void randomBytesCannotBeDecoded(@TempDir Path out) throws Exception {
    Path bad = TestVideos.randomBytes(out);
    AvException e = assertThrows(AvException.class,
        () -> new AudioExtractor().extractWav(bad, out.resolve("x.wav")));
    assertEquals(AvException.Reason.CANNOT_DECODE, e.reason());
    assertTrue(e.getMessage().startsWith("cannot decode: "), e.getMessage());
    assertFalse(Files.exists(out.resolve("x.wav")));
  }

  /** The index says 4 s, half the data is there: a short WAV would be a silent loss. */
  @Test
  void aFaststartFileCutShortCannotBeDecoded(@TempDir Path out) throws Exception {
    Path cut = TestVideos.truncatedFaststartVideo(out);
    Path wav = out.resolve("cut.wav");
    AvException e = assertThrows(AvException.class, () -> new AudioExtractor().extractWav(cut, wav));
    assertEquals(AvException.Reason.CANNOT_DECODE, e.reason());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertFalse(Files.exists(wav));
  }

  /** The whole faststart file decodes: the check compares with what the container declares. */
  @Test
  void aWholeFaststartFileDecodes(@TempDir Path out) throws Exception {
    Path whole = TestVideos.write(out.resolve("whole.mp4"), TestVideos.spec().withDuration(4), true);
    WavInfo info = new AudioExtractor().extractWav(whole, out.resolve("whole.wav"));
    assertEquals(4.0, info.sampleFrames() / 16_000.0, 0.1);
  }

  @Test
  void truncatedFileCannotBeDecoded(@TempDir Path out) throws Exception {
    Path bad = TestVideos.truncatedVideo(out);
    AvException e = assertThrows(AvException.class,
        () -> new AudioExtractor().extractWav(bad, out.resolve("x.wav")));
    assertEquals(AvException.Reason.CANNOT_DECODE, e.reason());
    assertTrue(e.getMessage().startsWith("cannot decode: "), e.getMessage());
  }

  @Test
  void missingFileIsNotADecodeError(@TempDir Path out) {
    assertThrows(NoSuchFileException.class,
        () -> new AudioExtractor().extractWav(out.resolve("nope.mp4"), out.resolve("x.wav")));
  }

  @Test
  void rejectsUnsupportedFormats() {
    assertThrows(IllegalArgumentException.class, () -> new AudioExtractor(100, 1));
    assertThrows(IllegalArgumentException.class, () -> new AudioExtractor(16_000, 0));
    assertThrows(IllegalArgumentException.class, () -> new AudioExtractor(16_000, 9));
  }
}
