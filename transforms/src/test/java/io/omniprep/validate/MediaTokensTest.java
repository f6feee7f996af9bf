package io.omniprep.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.sample.MediaKind;
import io.omniprep.sample.MediaLocation;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.Sample;
import io.omniprep.sample.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The token rule on written-out cases, and the one-pass count against a regular expression's. */
class MediaTokensTest {
  private static Sample sample(String text, MediaKind... media) {
    Sample.Builder b = Sample.builder().key("k").source("s").addTurn(Turn.of("human", text)).addTurn(Turn.of("gpt", "ok"));
    for (int i = 0; i < media.length; i++) {
      b.addMedia(MediaRef.of(media[i], media[i].llavaField(), i, MediaLocation.path(i + ".bin")));
    }
    return b.build();
  }

  @Test
  void eachRuleOnItsOwnCase() {
    assertEquals(Optional.of("2 <image> tokens but 1 image"), MediaTokens.mismatch(sample("<image><image> x", MediaKind.IMAGE)));
    assertEquals(Optional.empty(), MediaTokens.mismatch(sample("<<image>> x", MediaKind.IMAGE)));
    assertEquals(Optional.empty(), MediaTokens.mismatch(sample("<image_gen> and <image>", MediaKind.IMAGE_GEN, MediaKind.IMAGE)));
    assertEquals(Optional.of("1 <image_gen> token but 0 image_gens"), MediaTokens.mismatch(sample("<image_gen>")));
    assertEquals(Optional.empty(), MediaTokens.mismatch(sample("<image> stands for the video", MediaKind.VIDEO)));
    assertEquals(Optional.of("0 <image> tokens but 1 image or video"), MediaTokens.mismatch(sample("no token", MediaKind.VIDEO)));
    assertEquals(Optional.of("2 <video> tokens but 1 video"), MediaTokens.mismatch(sample("<video><video><image>", MediaKind.VIDEO, MediaKind.IMAGE)));
    assertEquals(Optional.empty(), MediaTokens.mismatch(sample("<speech> then <audio>", MediaKind.AUDIO_Q, MediaKind.AUDIO)));
    assertEquals(Optional.of("1 <speech>/<audio> token but 0 audios"), MediaTokens.mismatch(sample("<audio>")));
  }

  /** Texts of random token fragments: the media made to match a regex's count are accepted, one image more is not. */
  @Test
  void tokensAreCountedAsARegularExpressionFindsThem() {
    String[] pieces = {"<image>", "<video>", "<speech>", "<audio>", "<image_gen>", "<", "<imag", "image>", "<<", ">", " ", "x"};
    Random random = new Random(7);
    for (int round = 0; round < 500; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String t = text.toString();
      int images = found(t, "<image>");
      int videos = found(t, "<video>");
      int audios = found(t, "<speech>") + found(t, "<audio>");
      int gens = found(t, "<image_gen>");
      List<MediaKind> kinds = new ArrayList<>();
      for (int i = 0; i < images; i++) kinds.add(MediaKind.IMAGE);
      for (int i = 0; i < videos; i++) kinds.add(MediaKind.VIDEO);
      for (int i = 0; i < audios; i++) kinds.add(MediaKind.AUDIO);
      for (int i = 0; i < gens; i++) kinds.add(MediaKind.IMAGE_GEN);
      assertEquals(Optional.empty(), MediaTokens.mismatch(sample(t, kinds.toArray(MediaKind[]::new))), t);
      kinds.add(MediaKind.IMAGE);
      assertTrue(MediaTokens.mismatch(sample(t, kinds.toArray(MediaKind[]::new))).isPresent(), t);
    }
  }

  private static int found(String text, String token) {
    Matcher m = Pattern.compile(Pattern.quote(token)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
