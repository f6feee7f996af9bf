package io.omniprep.av.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.av.testing.TestVideos;
import io.omniprep.av.testing.Wavs;
import io.omniprep.errors.FailedRecord;
import io.omniprep.llava.RecordStyle;
import io.omniprep.llava.write.WriteLlavaJson;
import io.omniprep.media.MediaResolver;
import io.omniprep.metrics.Counters;
import io.omniprep.llava.ParseLlava;
import io.omniprep.sample.Sample;
import io.omniprep.testing.Fixtures;
import io.omniprep.validate.ValidateSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractAudioFromVideoTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TestVideos.Spec TONE = TestVideos.spec().withTone(440);
  private static final TestVideos.Spec MKV_TONE = TestVideos.spec().withTone(880).withSampleRate(48_000);
  private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000L);

  /**
   * {@code tone.mp4}, {@code silent.mp4} (no audio stream), {@code truncated.mp4} (corrupt), {@code
   * x.mp4y/a.mp4.mp4} (only the final extension may change), {@code sub/B.MKV} (upper-case
   * extension, Matroska) and {@code notes.txt} (not a video).
   */
  @TempDir static Path in;

  @BeforeAll
  static void generate() throws Exception {
    TestVideos.write(in.resolve("tone.mp4"), TONE);
    TestVideos.videoWithoutAudio(in);
    TestVideos.truncatedVideo(in);
    Files.createDirectories(in.resolve("x.mp4y"));
    Files.copy(in.resolve("tone.mp4"), in.resolve("x.mp4y/a.mp4.mp4"));
    Files.createDirectories(in.resolve("sub"));
    Files.move(TestVideos.write(in.resolve("sub/b.mkv"), MKV_TONE), in.resolve("sub/B.MKV"));
    Fixtures.write(in.resolve("notes.txt"), "not a video");
  }

  private static ExtractAudioFromVideo.Files allVideos(Path out) {
    return ExtractAudioFromVideo.files().from(in + "/**").withInputRoot(in.toString()).to(out.toString());
  }

  /** Failures as spec → "reason: message". */
  private static Map<String, String> byVideo(Iterable<FailedRecord> failures) {
    Map<String, String> out = new TreeMap<>();
    for (FailedRecord f : failures) {
      assertEquals(f.source(), f.record());
      assertEquals("extract-audio", f.stage());
      out.put(in.relativize(Path.of(f.source())).toString(), f.reason().code() + ": " + f.message());
    }
    return out;
  }

  @Test
  void filesMirrorTheTreeAndFailuresGoToTheFailureOutput(@TempDir Path out) throws Exception {
    ExtractRun run = ExtractRun.run(p -> {
      WithFailures.Result<PCollection<VideoOutcome>, FailedRecord> r = p.apply(allVideos(out));
      PAssert.that(r.failures()).satisfies(failures -> {
        Map<String, String> got = byVideo(failures);
        assertEquals(List.of("silent.mp4", "truncated.mp4"), List.copyOf(got.keySet()));
        assertEquals("no_audio_stream: no audio stream", got.get("silent.mp4"));
        assertTrue(got.get("truncated.mp4").startsWith("cannot_decode: cannot decode: "), got.get("truncated.mp4"));
        return null;
      });
    });
    assertEquals(List.of("sub/B.wav", "tone.wav", "x.mp4y/a.mp4.wav"), Fixtures.listFiles(out));
    assertEquals(5, run.counter(Counters.READ));
    assertEquals(3, run.counter(Counters.WRITTEN));
    assertEquals(3, run.counter(ExtractVideosFn.EXTRACTED));
    assertEquals(2, run.counter(ExtractVideosFn.FAILED));
    assertEquals(1, run.counter(MatchVideos.IGNORED));
  }

  @Test
  void theWavIsMono16kPcmOfTheVideosLengthAndTone(@TempDir Path out) throws Exception {
    ExtractRun.run(p -> p.apply(allVideos(out)));
    Path file = out.resolve("tone.wav");
    Wavs.Wav wav = Wavs.read(file);
    assertEquals(Files.size(file) - 8, wav.riffSize());
    assertEquals(1, wav.formatTag(), "PCM");
    assertEquals(1, wav.channels());
    assertEquals(16_000, wav.sampleRate());
    assertEquals(32_000, wav.byteRate());
    assertEquals(2, wav.blockAlign());
    assertEquals(16, wav.bitsPerSample());
    assertEquals(Files.size(file) - wav.dataOffset(), wav.dataSize());
    // One AAC frame is 1024 source samples: the encoder's padding may add up to that much.
    long expected = Math.round(TONE.sampleCount() * 16_000.0 / TONE.sampleRate());
    long oneFrame = (long) Math.ceil(1024 * 16_000.0 / TONE.sampleRate()) + 2;
    assertTrue(Math.abs(wav.frames() - expected) <= oneFrame, wav.frames() + " samples, expected " + expected);
    assertEquals(440, Wavs.dominantFrequency(wav.samples(), 16_000, 100, 2_000), 1.0);

    Wavs.Wav mkv = Wavs.read(out.resolve("sub/B.wav"));
    assertEquals(880, Wavs.dominantFrequency(mkv.samples(), 16_000, 100, 2_000), 1.0);
  }

  @Test
  void sampleRateAndChannelsAreOptions(@TempDir Path out) throws Exception {
    ExtractRun.run(p -> p.apply(ExtractAudioFromVideo.files().from(in + "/tone.mp4").to(out.toString())
        .withSampleRate(8_000).withChannels(2)));
    Wavs.Wav wav = Wavs.read(out.resolve("tone.wav"));
    assertEquals(2, wav.channels());
    assertEquals(8_000, wav.sampleRate());
    assertEquals(32_000, wav.byteRate());
    assertEquals(440, Wavs.dominantFrequency(wav.channel(1), 8_000, 100, 2_000), 1.0);
  }

  @Test
  void aRerunSkipsCompleteOutputsAndOverwriteRedoesThem(@TempDir Path out) throws Exception {
    ExtractRun.run(p -> p.apply(allVideos(out)));
    Path wav = out.resolve("tone.wav");
    Files.setLastModifiedTime(wav, LONG_AGO);

    ExtractRun again = ExtractRun.run(p -> p.apply(allVideos(out)));
    assertEquals(LONG_AGO, Files.getLastModifiedTime(wav), "not rewritten");
    assertEquals(3, again.counter(ExtractVideosFn.SKIPPED));
    assertEquals(0, again.counter(ExtractVideosFn.EXTRACTED));
    assertEquals(5, again.counter(Counters.READ));
    assertEquals(3, again.counter(Counters.WRITTEN), "skipped outputs count as written");

    ExtractRun redo = ExtractRun.run(p -> p.apply(allVideos(out).withOverwrite(true)));
    assertNotEquals(LONG_AGO, Files.getLastModifiedTime(wav), "rewritten");
    assertEquals(3, redo.counter(ExtractVideosFn.EXTRACTED));
    assertEquals(List.of("sub/B.wav", "tone.wav", "x.mp4y/a.mp4.wav"), Fixtures.listFiles(out), "no temporary files left");
  }

  @Test
  void aRerunRedoesWhatOtherOptionsOrAnEditedVideoWouldMakeDifferently(@TempDir Path dir) throws Exception {
    Path videos = Files.createDirectories(dir.resolve("videos"));
    Path out = dir.resolve("out");
    Files.copy(in.resolve("tone.mp4"), videos.resolve("v.mp4"));
    ExtractRun.run(p -> p.apply(ExtractAudioFromVideo.files().from(videos + "/v.mp4").to(out.toString())));
    assertEquals(16_000, Wavs.read(out.resolve("v.wav")).sampleRate());

    ExtractRun otherRate = ExtractRun.run(p -> p.apply(ExtractAudioFromVideo.files().from(videos + "/v.mp4").to(out.toString())
        .withSampleRate(8_000)));
    assertEquals(8_000, Wavs.read(out.resolve("v.wav")).sampleRate(), "not the WAV of the earlier options");
    assertEquals(1, otherRate.counter(ExtractVideosFn.REDONE));

    ExtractRun same = ExtractRun.run(p -> p.apply(ExtractAudioFromVideo.files().from(videos + "/v.mp4").to(out.toString())
        .withSampleRate(8_000)));
    assertEquals(1, same.counter(ExtractVideosFn.SKIPPED), "same video, same options: resumed");
    assertEquals(0, same.counter(ExtractVideosFn.EXTRACTED));

    Files.copy(in.resolve("sub/B.MKV"), videos.resolve("v.mp4"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(out.resolve("v.wav"), LONG_AGO);
    ExtractRun edited = ExtractRun.run(p -> p.apply(ExtractAudioFromVideo.files().from(videos + "/v.mp4").to(out.toString())
        .withSampleRate(8_000)));
    assertEquals(1, edited.counter(ExtractVideosFn.REDONE), "another video under the same name");
    assertNotEquals(LONG_AGO, Files.getLastModifiedTime(out.resolve("v.wav")), "rewritten");
    assertEquals(List.of("v.wav"), Fixtures.listFiles(out));
  }

  @Test
  void recordsGetAnAudioFieldAndSharedVideosAreExtractedOnce(@TempDir Path dir) throws Exception {
    Path clips = Files.createDirectories(dir.resolve("data/clips"));
    Files.copy(in.resolve("tone.mp4"), clips.resolve("tone.mp4"));
    Files.copy(in.resolve("silent.mp4"), clips.resolve("silent.mp4"));
    String turns = "\"conversations\": [{\"from\": \"human\", \"value\": \"<image>\\nWhat is heard?\"}, {\"from\": \"gpt\", \"value\": \"A tone.\"}]";
    Path records = Fixtures.write(dir.resolve("data/records.json"), "[\n"
        + "{\"id\": \"a\", \"video\": \"clips/tone.mp4\", " + turns + ", \"meta\": {\"k\": 1.50}},\n"
        + "{\"id\": \"b\", \"video\": \"clips/tone.mp4\", " + turns + "},\n"
        + "{\"id\": \"c\", \"video\": \"clips/silent.mp4\", " + turns + "},\n"
        + "{\"id\": \"d\", \"conversations\": [{\"from\": \"human\", \"value\": \"Hi\"}, {\"from\": \"gpt\", \"value\": \"Hello\"}]}\n]");
    Path out = dir.resolve("out");
    String silent = clips.resolve("silent.mp4").toString();
    ExtractRun run = ExtractRun.run(p -> {
      PCollection<Sample> valid = p.apply(ParseLlava.read().from(records.toString())).output()
          .apply(ValidateSamples.withResolver(MediaResolver.create())).output();
      WithFailures.Result<PCollection<Sample>, FailedRecord> r =
          valid.apply(ExtractAudioFromVideo.records().to(out.toString()));
      r.output().apply(WriteLlavaJson.to(out.toString()).withName("dataset").withStyle(RecordStyle.AS_READ));
      PAssert.that(r.failures()).satisfies(failures -> {
        FailedRecord f = failures.iterator().next();
        assertEquals("\"c\"", f.idJson());
        assertEquals("no_audio_stream", f.reason().code());
        assertEquals("no audio stream (" + silent + ")", f.message());
        assertEquals(2, f.position());
        return null;
      });
    });
    assertEquals(1, run.counter(ExtractVideosFn.EXTRACTED), "one extraction for two records");
    assertTrue(Files.exists(out.resolve("clips/tone.wav")));

    JsonNode input = JSON.readTree(records.toFile());
    JsonNode written = JSON.readTree(out.resolve("dataset.json").toFile());
    assertEquals(3, written.size());
    ObjectNode a = input.get(0).deepCopy();
    a.put("audio", "clips/tone.wav");
    assertEquals(a, written.get(0), "audio added last, every other field unchanged");
    List<String> fields = new ArrayList<>();
    written.get(0).fieldNames().forEachRemaining(fields::add);
    assertEquals(List.of("id", "video", "conversations", "meta", "audio"), fields);
    assertEquals("clips/tone.wav", written.get(1).get("audio").asText());
    assertEquals(input.get(3), written.get(2), "a record without video is written unchanged");
    assertTrue(Fixtures.read(out.resolve("dataset.json")).contains("\"k\":1.50"), "raw numbers kept");
  }
}
