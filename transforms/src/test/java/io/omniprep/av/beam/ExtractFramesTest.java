package io.omniprep.av.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.av.testing.FramePattern;
import io.omniprep.av.testing.TestVideos;
import io.omniprep.errors.FailedRecord;
import io.omniprep.llava.RecordStyle;
import io.omniprep.llava.write.WriteLlavaJson;
import io.omniprep.media.MediaResolver;
import io.omniprep.metrics.Counters;
import io.omniprep.llava.ParseLlava;
import io.omniprep.sample.Sample;
import io.omniprep.testing.Fixtures;
import io.omniprep.validate.ValidateSamples;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractFramesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000L);

  /** {@code v10.mp4}: 2 s at 10 fps (20 frames); {@code ntsc/v2997.mp4}: 1 s at 30000/1001 (30 frames); a corrupt file. */
  @TempDir static Path in;

  @BeforeAll
  static void generate() throws Exception {
    TestVideos.write(in.resolve("v10.mp4"), TestVideos.spec());
    Files.createDirectories(in.resolve("ntsc"));
    TestVideos.write(in.resolve("ntsc/v2997.mp4"), TestVideos.spec().withDuration(1).withFps(30000, 1001).withoutAudio());
    TestVideos.truncatedVideo(in);
  }

  private static ExtractFrames.Files every(double seconds, Path out) {
    return ExtractFrames.files().from(in + "/**").to(out.toString()).withSampling(FrameSampling.everySeconds(seconds));
  }

  private static List<String> frames(int... indices) {
    List<String> names = new java.util.ArrayList<>();
    for (int i : indices) {
      names.add(String.format("frame_%06d.jpg", i));
    }
    return names;
  }

  @Test
  void intervalModeKeepsEveryIntFpsTimesSecondsFrameNamedBySourceIndex(@TempDir Path out) throws Exception {
    ExtractRun run = ExtractRun.run(p -> {
      WithFailures.Result<PCollection<VideoOutcome>, FailedRecord> r = p.apply(every(0.5, out));
      PAssert.that(r.failures()).satisfies(failures -> {
        FailedRecord f = failures.iterator().next();
        assertEquals(in.resolve("truncated.mp4").toString(), f.source());
        assertEquals("cannot_decode", f.reason().code());
        assertEquals("extract-frames", f.stage());
        assertTrue(f.message().startsWith("cannot decode: "), f.message());
        return null;
      });
    });
    // 10 fps: every 5th frame; 29.97 fps: every int(14.985) = 14th frame.
    assertEquals(frames(0, 5, 10, 15), Fixtures.listFiles(out.resolve("v10")));
    assertEquals("{\"fps\": \"2.0\"}", Fixtures.read(out.resolve("v10.json")));
    assertEquals(frames(0, 14, 28), Fixtures.listFiles(out.resolve("ntsc/v2997")));
    assertEquals("{\"fps\": \"2.140716426430712\"}", Fixtures.read(out.resolve("ntsc/v2997.json")));
    assertEquals(List.of("ntsc/v2997.json", "v10.json"),
        Fixtures.listFiles(out).stream().filter(f -> f.endsWith(".json")).toList(), "no sidecar for the corrupt video");
    assertEquals(3, run.counter(Counters.READ));
    assertEquals(2, run.counter(Counters.WRITTEN));
  }

  @Test
  void aFrameShowsThePatternOfItsTimestamp(@TempDir Path out) throws Exception {
    ExtractRun.run(p -> p.apply(every(0.5, out)));
    for (int index : new int[] {5, 15}) {
      BufferedImage frame = ImageIO.read(out.resolve("v10/" + frames(index).get(0)).toFile());
      assertEquals(64, frame.getWidth());
      assertEquals(index, FramePattern.decode(frame), "frame at " + index / 10.0 + " s");
    }
  }

  @Test
  void uniformModeSpreadsFramesFirstAndLastIncluded(@TempDir Path out) throws Exception {
    ExtractRun.run(p -> p.apply(ExtractFrames.files().from(in + "/v10.mp4").to(out.toString())
        .withSampling(FrameSampling.uniform(5))));
    assertEquals(frames(0, 4, 9, 14, 19), Fixtures.listFiles(out.resolve("v10")));
    // 4 gaps over 19 source frames at 10 fps.
    assertEquals("{\"fps\": \"2.1052631578947367\"}", Fixtures.read(out.resolve("v10.json")));
    assertEquals(19, FramePattern.decode(ImageIO.read(out.resolve("v10/frame_000019.jpg").toFile())));
  }

  @Test
  void aRerunSkipsCompleteVideosRedoesThoseOfOtherOptionsAndOverwriteReplacesEveryFrame(@TempDir Path out) throws Exception {
    ExtractRun.run(p -> p.apply(every(0.5, out)));
    Path sidecar = out.resolve("v10.json");
    Path frame = out.resolve("v10/frame_000005.jpg");
    Files.setLastModifiedTime(sidecar, LONG_AGO);
    Files.setLastModifiedTime(frame, LONG_AGO);

    ExtractRun again = ExtractRun.run(p -> p.apply(every(0.5, out)));
    assertEquals(2, again.counter(ExtractVideosFn.SKIPPED));
    assertEquals(LONG_AGO, Files.getLastModifiedTime(sidecar));
    assertEquals(LONG_AGO, Files.getLastModifiedTime(frame));
    assertEquals(frames(0, 5, 10, 15), Fixtures.listFiles(out.resolve("v10")), "complete videos are left as they are");

    ExtractRun otherInterval = ExtractRun.run(p -> p.apply(every(1.0, out)));
    assertEquals(2, otherInterval.counter(ExtractVideosFn.REDONE), "made with another interval: redone, not served");
    assertEquals(0, otherInterval.counter(ExtractVideosFn.SKIPPED));
    assertEquals(frames(0, 10), Fixtures.listFiles(out.resolve("v10")), "frames of the earlier interval are gone");
    assertEquals("{\"fps\": \"1.0\"}", Fixtures.read(sidecar));

    Files.setLastModifiedTime(sidecar, LONG_AGO);
    ExtractRun.run(p -> p.apply(every(1.0, out).withOverwrite(true)));
    assertNotEquals(LONG_AGO, Files.getLastModifiedTime(sidecar));
    assertEquals(frames(0, 10), Fixtures.listFiles(out.resolve("v10")));
  }

  @Test
  void anIncompleteVideoIsRedoneWithoutItsLeftovers(@TempDir Path out) throws Exception {
    Fixtures.write(out.resolve("v10/frame_000003.jpg"), "left by a crashed run");
    ExtractRun.run(p -> p.apply(ExtractFrames.files().from(in + "/v10.mp4").to(out.toString())));
    assertEquals(frames(0, 10), Fixtures.listFiles(out.resolve("v10")));
  }

  @Test
  void recordsBecomeShareGptRecordsWhoseVideosPointAtTheFrames(@TempDir Path dir) throws Exception {
    Path clips = Files.createDirectories(dir.resolve("data/clips"));
    Files.copy(in.resolve("v10.mp4"), clips.resolve("v10.mp4"));
    Path image = Fixtures.write(dir.resolve("data/img.jpg"), "never read");
    String q = "\"conversations\": [{\"from\": \"human\", \"value\": \"<image>\\nWhat changes?\"}, {\"from\": \"gpt\", \"value\": \"Blocks.\"}]";
    Path records = Fixtures.write(dir.resolve("data/llava-video.json"), "[\n"
        + "{\"id\": \"a\", \"video\": \"clips/v10.mp4\", " + q + "},\n"
        + "{\"id\": \"b\", \"video\": \"./clips/v10.mp4\", " + q + ", \"data_source\": \"x\"},\n"
        + "{\"id\": \"c\", \"image\": \"img.jpg\", " + q + "}\n]");
    Path out = dir.resolve("out");
    ExtractRun run = ExtractRun.run(p -> {
      PCollection<Sample> valid = p.apply(ParseLlava.read().from(records.toString())).output()
          .apply(ValidateSamples.withResolver(MediaResolver.create())).output();
      WithFailures.Result<PCollection<Sample>, FailedRecord> r = valid.apply(ExtractFrames.records().to(out.toString()));
      r.output().apply(WriteLlavaJson.to(out.toString()).withName("dataset").withStyle(RecordStyle.SHAREGPT));
      PAssert.that(r.failures()).empty();
    });
    assertEquals(1, run.counter(ExtractVideosFn.EXTRACTED));
    assertEquals(frames(0, 10), Fixtures.listFiles(out.resolve("clips/v10")));
    assertEquals("{\"fps\": \"1.0\"}", Fixtures.read(out.resolve("clips/v10.json")));

    JsonNode written = JSON.readTree(out.resolve("dataset.json").toFile());
    assertEquals(JSON.readTree("{\"id\": \"a\", \"videos\": [\"clips/v10.mp4\"], \"conversations\": "
        + "[{\"from\": \"human\", \"value\": \"<video>\\nWhat changes?\"}, {\"from\": \"gpt\", \"value\": \"Blocks.\"}]}"), written.get(0));
    assertEquals("clips/v10.mp4", written.get(1).get("videos").get(0).asText(), "paths are normalised");
    assertEquals("x", written.get(1).get("data_source").asText());
    assertEquals(image.toString(), written.get(2).get("images").get(0).asText(), "images keep their file, by absolute path");
    assertEquals("<image>\nWhat changes?", written.get(2).get("conversations").get(0).get("value").asText());
  }
}
