package io.omniprep.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import java.util.List;
import java.util.stream.DoubleStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ShardStatsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static SampleRow row(long tarBytes, Integer width, Double duration) {
    return new SampleRow("k" + tarBytes, null, "s.json", 0, "shard-000000.tar", "train", tarBytes * 2, tarBytes, width,
        width == null ? null : width / 2, duration, null, null, null, null, null, null);
  }

  private static FailedRecord failure(Reason reason) {
    return FailedRecord.of("s.json", 9, null, "write-webdataset", reason, "bad", "{}");
  }

  @Test
  void figuresAreSummarisedOverTheSamplesThatHaveThem() throws Exception {
    long[] tar = {1000, 250, 4000};
    List<SampleRow> rows = List.of(row(tar[0], 640, null), row(tar[1], null, 2.5), row(tar[2], 33, 0.25));
    JsonNode stats = JSON.readTree(ShardStats.json("shard-000000.tar", "train", 12_800, rows,
        List.of(failure(Reason.MEDIA_CORRUPT), failure(Reason.MEDIA_CORRUPT), failure(Reason.IO_ERROR))));

    assertEquals(3, stats.get("samples").asInt());
    assertEquals(12_800, stats.get("bytes").asLong());
    assertEquals(3, stats.get("failed").asInt());
    assertEquals(2, stats.get("failedByReason").get("media_corrupt").asInt());
    assertEquals(1, stats.get("failedByReason").get("io_error").asInt());

    JsonNode tarBytes = stats.get("figures").get("tar_bytes");
    assertEquals(3, tarBytes.get("count").asInt());
    assertEquals(LongStream.of(tar).min().getAsLong(), tarBytes.get("min").asLong());
    assertTrue(tarBytes.get("min").isIntegralNumber(), "byte counts stay integers");
    assertEquals(LongStream.of(tar).max().getAsLong(), tarBytes.get("max").asLong());
    assertEquals(LongStream.of(tar).average().getAsDouble(), tarBytes.get("mean").asDouble(), 1e-9);
    assertEquals(LongStream.of(tar).map(t -> 2 * t).max().getAsLong(), stats.get("figures").get("media_bytes").get("max").asLong());

    JsonNode width = stats.get("figures").get("width");
    assertEquals(2, width.get("count").asInt(), "a sample without an image has no width");
    assertEquals(33, width.get("min").asInt());
    assertEquals(640, width.get("max").asInt());
    JsonNode duration = stats.get("figures").get("duration");
    assertEquals(0.25, duration.get("min").asDouble());
    assertEquals(DoubleStream.of(2.5, 0.25).average().getAsDouble(), duration.get("mean").asDouble(), 1e-12);
    for (String unknown : List.of("text_tokens", "image_tokens", "video_tokens", "total_tokens")) {
      assertTrue(stats.get("figures").get(unknown).isNull(), unknown);
    }
  }

  @Test
  void theStatsFileLiesBesideItsShard() {
    assertEquals("train/shard-000003_stats.json", ShardStats.pathFor("train/shard-000003.tar"));
    assertEquals("shard-000003_1_stats.json", ShardStats.pathFor("shard-000003_1.tar"));
  }
}
