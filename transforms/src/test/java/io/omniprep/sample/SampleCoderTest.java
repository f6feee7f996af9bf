package io.omniprep.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class SampleCoderTest {

  static Sample everyFeature() {
    return Sample.builder()
        .key(SampleKeys.of("gs://b/x.json", 3, 2))
        .source("gs://b/x.json")
        .position(3)
        .ordinal(2)
        .idJson("\"a.b\"")
        .conversationField("messages")
        .addTurn(new Turn("user", "<image>\nq", true, "{\"w\":1}"))
        .addTurn(Turn.of("gpt", "caf\u00e9 \uD83D\uDE00"))
        .addMedia(MediaRef.of(MediaKind.IMAGE, "images", 0, MediaLocation.path("a.jpg"))
            .withResolved(ResolvedMedia.single(ByteRange.wholeFile("/r/a.jpg", 123))))
        .addMedia(MediaRef.of(MediaKind.VIDEO, "video", -1,
                MediaLocation.patch(PatchRef.ofFrames("p0", 10, new long[] {4, 5}).withExtraJson("{\"k\":true}")))
            .withResolved(ResolvedMedia.frames(List.of(new ByteRange("/r/p0", 10, 4), new ByteRange("/r/p0", 14, 5)), "2.0")))
        .addMedia(MediaRef.of(MediaKind.AUDIO_Q, "audio_q", -1, MediaLocation.patch(PatchRef.of("p1", 0, 99))))
        .fieldOrder(List.of("id", "messages", "images", "video", "audio_q", "x"))
        .putExtra("x", "[1,2.50]")
        .originalRecord("{...}")
        .build();
  }

  @Test
  void roundTripsEveryField() throws Exception {
    Sample s = everyFeature();
    CoderProperties.coderDecodeEncodeEqual(SampleCoder.of(), s);
    CoderProperties.coderDecodeEncodeEqual(SampleCoder.of(), Sample.builder().key("k").source("s").build());
    assertEquals(s, CoderUtils.clone(SampleCoder.of(), s));
  }

  @Test
  void encodesDeterministically() throws Exception {
    CoderProperties.coderDeterministic(SampleCoder.of(), everyFeature(), everyFeature());
    assertArrayEquals(
        CoderUtils.encodeToByteArray(SampleCoder.of(), everyFeature()),
        CoderUtils.encodeToByteArray(SampleCoder.of(), CoderUtils.clone(SampleCoder.of(), everyFeature())));
  }

  @Test
  void isFarSmallerThanJavaSerialization() throws Exception {
    int size = CoderUtils.encodeToByteArray(SampleCoder.of(), everyFeature()).length;
    int javaSize = CoderUtils.encodeToByteArray(SerializableCoder.of(Sample.class), everyFeature()).length;
    assertTrue(size * 4 < javaSize, "coder " + size + " bytes vs Java serialization " + javaSize);
  }
}
