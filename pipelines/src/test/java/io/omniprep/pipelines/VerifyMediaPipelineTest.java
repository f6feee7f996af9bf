package io.omniprep.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.options.ConvertOptions;
import io.omniprep.testing.BrokenMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --verifyMedia} end to end: one record per medium of {@link BrokenMedia}, run through
 * {@code convert} and {@code webdataset} at each level. Which records fail follows from how each
 * medium was broken ({@link BrokenMedia.Medium#refusedFrom()}), and from what each stage reads.
 */
class VerifyMediaPipelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> LEVELS = List.of("exists", "header", "decode");

  @TempDir static Path dir;
  static Path input;

  @BeforeAll
  static void records() throws Exception {
    Path media = Files.createDirectories(dir.resolve("media"));
    BrokenMedia.write(media);
    List<String> records = new ArrayList<>();
    for (BrokenMedia.Medium m : BrokenMedia.ALL) {
      records.add("{\"id\": \"" + m.name() + "\", \"" + m.kind() + "\": \"" + m.name() + "\", \"conversations\": ["
          + "{\"from\": \"human\", \"value\": \"<" + m.kind() + ">\\nWhat is it?\"}, {\"from\": \"gpt\", \"value\": \"A test.\"}]}");
    }
    input = Files.writeString(media.resolve("records.json"), "[" + String.join(",\n", records) + "]");
  }

  /** The media refused at {@code level}: those broken so that this level or a lower one sees it. */
  private static Map<String, String> refusedAt(String level) {
    Map<String, String> reasons = new TreeMap<>();
    for (BrokenMedia.Medium m : BrokenMedia.ALL) {
      if (m.refusedFrom() != null && LEVELS.indexOf(m.refusedFrom()) <= LEVELS.indexOf(level)) {
        reasons.put(m.name(), m.kind().equals("image") ? "media_corrupt" : "cannot_decode");
      }
    }
    return reasons;
  }

  @Test
  void headerIsTheDefault() {
    ConvertOptions options = PipelineOptionsFactory.fromArgs("--input=x.json", "--output=out").as(ConvertOptions.class);
    assertEquals("header", options.getVerifyMedia());
    assertThrows(IllegalArgumentException.class,
        () -> PipelineRuns.run("convert", "--input=" + input, PipelineRuns.out(dir.resolve("bad")), "--verifyMedia=full"));
  }

  /** convert passes media on unread: at each level exactly what that level sees fails. */
  @Test
  void convertRefusesWhatEachLevelSees() throws Exception {
    for (String level : LEVELS) {
      Path out = dir.resolve("convert-" + level);
      RunSummary summary = PipelineRuns.run("convert", "--input=" + input, PipelineRuns.out(out), "--verifyMedia=" + level);
      Map<String, String> expected = refusedAt(level);
      assertEquals(expected, PipelineRuns.reasonsById(out), level);
      assertEquals(BrokenMedia.ALL.size() - expected.size(), summary.written(), level);
      assertEquals(BrokenMedia.ALL.size() - expected.size(), JSON.readTree(out.resolve("llava.json").toFile()).size(), level);
    }
  }

  /**
   * The WebDataset writer reads every image whole to store it, and refuses one that is not an image
   * or is cut short at every level; only {@code decode} refuses the rest.
   */
  @Test
  void webdatasetRefusesWhatEachLevelSeesAndWhatItCannotStore() throws Exception {
    for (String level : LEVELS) {
      Path out = dir.resolve("wds-" + level);
      RunSummary summary = PipelineRuns.run("webdataset", "--input=" + input, PipelineRuns.out(out), "--layout=raw",
          "--split=1,0,0", "--verifyMedia=" + level);
      Map<String, String> expected = refusedAt(level.equals("exists") ? "header" : level);
      assertEquals(expected, PipelineRuns.reasonsById(out), level);
      assertEquals(BrokenMedia.ALL.size() - expected.size(), summary.written(), level);
    }
  }
}
