package io.omniprep.wds;

import io.omniprep.json.PythonJson;
import io.omniprep.media.MediaException;
import io.omniprep.media.MediaResolver;
import io.omniprep.sample.MediaKind;
import io.omniprep.sample.Sample;
import io.omniprep.sample.Speakers;
import io.omniprep.wds.format.EnergonMetadata;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pai's LLaVA-Pretrain layout: {@code KEY.jpg} (the image, as JPEG) and {@code KEY.json} (the
 * conversation list as Python's {@code json.dumps} writes it), loaded by Energon's {@code
 * VQASample} with {@code context: json[0][value]} and {@code answers: json[1][value]}.
 */
final class VqaLayout implements SampleLayout {
  @Override
  public MediaResolver.VideoAs videoAs() {
    return MediaResolver.VideoAs.FILE;
  }

  @Override
  public Optional<String> unsuitable(Sample s) {
    if (s.media().size() != 1 || s.media().get(0).kind() != MediaKind.IMAGE) {
      return Optional.of("the vqa layout holds exactly one image per sample; this sample has " + s.media().size()
          + " media (" + s.media() + ")");
    }
    if (s.turns().size() < 2
        || !Speakers.toRole(s.turns().get(0).speaker()).equals("user")
        || !Speakers.isAnswer(s.turns().get(1).speaker())) {
      return Optional.of("the vqa layout needs a question turn then an answer turn (context json[0], answers json[1])");
    }
    return Optional.empty();
  }

  @Override
  public List<TarPart> members(Sample s, MediaReads images) throws MediaException, IOException {
    byte[] jpg = images.jpegImage(s.media().get(0).requireResolved().parts().get(0));
    return List.of(TarPart.of("jpg", jpg), TarPart.utf8("json", PythonJson.dumps(Conversations.fromValue(s, t -> t))));
  }

  @Override
  public String datasetYaml() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("image", "jpg");
    fields.put("context", "json[0][value]");
    fields.put("answers", "json[1][value]");
    return EnergonMetadata.datasetYaml("VQASample", fields);
  }
}
