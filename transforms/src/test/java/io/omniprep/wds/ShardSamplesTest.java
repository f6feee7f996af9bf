package io.omniprep.wds;

import io.omniprep.report.MeasureMedia;
import io.omniprep.report.SampleProfile;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omniprep.media.ImageFacts;
import io.omniprep.report.SampleProfile.VideoFacts;
import io.omniprep.sample.MediaKind;
import io.omniprep.pickle.PickleWriter;
import io.omniprep.wds.format.TarWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ShardSamplesTest {
  private static byte[] image(String format, int width, int height) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format, out);
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static int[] media(int images, int videos, int audios) {
    int[] m = new int[MediaKind.values().length];
    m[MediaKind.IMAGE.ordinal()] = images;
    m[MediaKind.VIDEO.ordinal()] = videos;
    m[MediaKind.AUDIO.ordinal()] = audios;
    return m;
  }

  @Test
  void readsEachLayoutsMembersIntoProfiles() throws IOException {
    byte[] frame = image("jpeg", 32, 16);
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    TarWriter w = new TarWriter(tar);
    // chatml-omni: jpgs, role/content json with seconds per frame, mp4s (frame lists), wavs.
    String omni = "a_b-0123abcd-000000004";
    w.writeMember(omni + ".jpgs", PickleWriter.encode(List.of(image("jpeg", 64, 48), image("png", 20, 10))));
    w.writeMember(omni + ".json", utf8("{\"conversations\": [{\"role\": \"user\", \"content\": \"<image>\\n<image>\\n<video>\\n<audio>\\nwhy?\"},"
        + " {\"role\": \"assistant\", \"content\": \"Beca\u00fcse.\"}], \"second_per_grid_ts\": [0.5]}"));
    w.writeMember(omni + ".mp4s", PickleWriter.encodeNested(List.of(List.of(frame, frame, frame, frame))));
    w.writeMember(omni + ".wavs", PickleWriter.encode(List.of(new byte[44])));
    // vqa: jpg and the conversation list.
    String vqa = "a_b-0123abcd-000000005";
    w.writeMember(vqa + ".jpg", image("jpeg", 100, 200));
    w.writeMember(vqa + ".json", utf8("[{\"from\": \"human\", \"value\": \"<image>\\nWhat?\"}, {\"from\": \"gpt\", \"value\": \"A cat.\"}]"));
    // raw: numbered media, frames.pickle, the whole record, txt; from a key that is not omniprep's.
    String raw = "other";
    w.writeMember(raw + ".0.jpg", image("jpeg", 8, 8));
    w.writeMember(raw + ".1.frames.pickle", PickleWriter.encode(List.of(frame, frame, frame)));
    w.writeMember(raw + ".2.wav", new byte[44]);
    w.writeMember(raw + ".json", utf8("{\"id\": 1, \"image\": \"x.jpg\", \"video\": [\"v.mp4\"], \"audio\": \"a.wav\","
        + " \"conversations\": [{\"from\": \"human\", \"value\": \"<image>\"}]}"));
    w.writeMember(raw + ".txt", utf8("ignored"));
    w.finish();

    List<SampleProfile> profiles = new ArrayList<>();
    new ShardSamples(new MeasureMedia()).read(new ByteArrayInputStream(tar.toByteArray()), "/out/shard-000000.tar", "val", profiles::add);

    assertEquals(3, profiles.size());
    SampleProfile p = profiles.get(0);
    assertEquals("a_b-0123abcd", p.source());
    assertEquals("val", p.split());
    assertArrayEquals(media(2, 1, 1), p.mediaPerKind());
    assertArrayEquals(new int[] {36, 8}, p.turnCharacters());
    assertEquals(List.of(new ImageFacts("jpeg", 64, 48), new ImageFacts("png", 20, 10)), p.images());
    assertEquals(List.of(VideoFacts.ofFrames(4, 2.0)), p.videos());
    assertEquals(2_000_000, p.videos().get(0).durationMicros());

    SampleProfile q = profiles.get(1);
    assertEquals("a_b-0123abcd", q.source());
    assertArrayEquals(media(1, 0, 0), q.mediaPerKind());
    assertEquals(List.of(new ImageFacts("jpeg", 100, 200)), q.images());
    assertArrayEquals(new int[] {13, 6}, q.turnCharacters());

    SampleProfile r = profiles.get(2);
    assertEquals("/out/shard-000000.tar", r.source(), "a key without omniprep's position names no source");
    assertArrayEquals(media(1, 1, 1), r.mediaPerKind(), "the record's media fields");
    assertEquals(List.of(new ImageFacts("jpeg", 8, 8)), r.images());
    assertEquals(List.of(VideoFacts.ofFrames(3, Double.NaN)), r.videos());
    assertArrayEquals(new int[] {7}, r.turnCharacters());
  }
}
