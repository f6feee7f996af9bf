package io.omniprep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omniprep.av.beam.ExtractAudioFromVideo;
import io.omniprep.av.beam.ExtractFrames;
import io.omniprep.av.beam.FrameSampling;
import io.omniprep.emova.AttachSpeechUnits;
import io.omniprep.errors.WriteErrors;
import io.omniprep.hf.ConvertHfParquet;
import io.omniprep.llava.RecordStyle;
import io.omniprep.llava.write.WriteLlavaJson;
import io.omniprep.mixture.MixtureConfig;
import io.omniprep.mixture.ReadMixture;
import io.omniprep.patch.PackPatches;
import io.omniprep.llava.ParseLlava;
import io.omniprep.wds.ReadShardProfiles;
import io.omniprep.report.WriteReport;
import io.omniprep.table.ReadTable;
import io.omniprep.table.TableFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.display.HasDisplayData;
import org.junit.jupiter.api.Test;

/** What the runners' UIs show of each public transform: the configuration it was given. */
class DisplayDataTest {

  /** Key → value as a string, for the items the transform itself declares. */
  private static Map<String, String> items(HasDisplayData transform) {
    Map<String, String> items = new TreeMap<>();
    for (DisplayData.Item item : DisplayData.from(transform).items()) {
      // An AutoValue transform's items are in its declared class's namespace, not the generated one's.
      if (item.getNamespace().isAssignableFrom(transform.getClass())) {
        items.put(item.getKey(), String.valueOf(item.getValue()));
      }
    }
    return items;
  }

  @Test
  void parseLlavaShowsItsInputsAndChunking() {
    Map<String, String> items = items(ParseLlava.chunks().from("a/*.json", "b.jsonl").withMaxRecordsPerChunk(7));
    assertEquals("a/*.json,b.jsonl", items.get("inputs"));
    assertEquals("7", items.get("maxRecordsPerChunk"));
    assertEquals(String.valueOf(ParseLlava.DEFAULT_MAX_RECORD_BYTES), items.get("maxRecordBytes"));
  }

  @Test
  void writeLlavaJsonShowsItsFileAndStyle() {
    Map<String, String> items =
        items(WriteLlavaJson.to("/out/").withName("train").withStyle(RecordStyle.SHAREGPT).withMaxRecordsPerFile(100));
    assertEquals("/out/train.json", items.get("output"));
    assertEquals("SHAREGPT", items.get("style"));
    assertEquals("100", items.get("maxRecordsPerFile"));
  }

  @Test
  void packPatchesShowsItsLimits() {
    Map<String, String> items =
        items(PackPatches.to("/out").withPatchPathPrefix("/data/patches/").withMaxFrames(9).withMaxPatchBytes(1000));
    assertEquals("/out", items.get("output"));
    assertEquals("/data/patches/", items.get("patchPathPrefix"));
    assertEquals("9", items.get("maxFrames"));
    assertEquals("1000", items.get("maxPatchBytes"));
  }

  @Test
  void readTableShowsOnlyWhatIsSet() {
    assertEquals(Map.of("inputs", "t.csv"), items(ReadTable.from("t.csv")));
    Map<String, String> items =
        items(ReadTable.from("t/*.x").withFormat(TableFormat.PARQUET).withColumns(List.of("a", "b")).withDatasetName("laion"));
    assertEquals("PARQUET", items.get("format"));
    assertEquals("a,b", items.get("columns"));
    assertEquals("laion", items.get("dataset"));
  }

  @Test
  void readMixtureShowsItsConfigAndSeed() throws Exception {
    MixtureConfig config = MixtureConfig.parse("/cfg/mix.yaml", String.join("\n",
        "datasets:",
        "  - name: a",
        "    json_path: a.json",
        "  - name: b",
        "    json_path: b.json",
        ""));
    Map<String, String> items = items(ReadMixture.from(config).withSeed(7));
    assertEquals("/cfg/mix.yaml", items.get("config"));
    assertEquals("2", items.get("datasets"));
    assertEquals("7", items.get("seed"));
  }

  @Test
  void extractorsShowTheirOutputAndSettings() {
    Map<String, String> audio =
        items(ExtractAudioFromVideo.files().from("v/**").to("/wav").withSampleRate(8000).withChannels(2));
    assertEquals("v/**", audio.get("inputs"));
    assertEquals("/wav", audio.get("output"));
    assertEquals("8000", audio.get("sampleRate"));
    assertEquals("2", audio.get("channels"));
    assertEquals("/media/", items(ExtractAudioFromVideo.records().withMediaRoot("/media/").to("/wav")).get("mediaRoot"));

    Map<String, String> frames =
        items(ExtractFrames.records().to("/frames").withSampling(FrameSampling.uniform(8)).withJpegQuality(80));
    assertEquals("/frames", frames.get("output"));
    assertEquals("8 uniform frames", frames.get("sampling"));
    assertEquals("80", frames.get("jpegQuality"));
    assertEquals("v/*.mp4", items(ExtractFrames.files().from("v/*.mp4").to("/frames")).get("inputs"));
  }

  @Test
  void theOtherReadersAndWritersShowTheirFiles() {
    assertEquals(Map.of("sidecar", "units/*.jsonl"), items(AttachSpeechUnits.from("units/*.jsonl")));
    assertEquals(Map.of("output", "/out"), items(WriteErrors.to("/out")));
    assertEquals(Map.of("output", "/out", "title", "t"), items(WriteReport.to("/out").withTitle("t")));
    assertEquals(Map.of("inputs", "a/,b/*.tar"), items(ReadShardProfiles.from(List.of("a/", "b/*.tar"))));
    Map<String, String> hf =
        items(ConvertHfParquet.from(Map.of("b", List.of("b.parquet"), "a", List.of("a.parquet"))).to("/hf"));
    assertEquals("a,b", hf.get("configs"));
    assertEquals("/hf", hf.get("output"));
    assertEquals("false", hf.get("keepImageBytes"));
  }
}
