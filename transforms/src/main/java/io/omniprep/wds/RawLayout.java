package io.omniprep.wds;

import io.omniprep.llava.LlavaRecords;
import io.omniprep.llava.RecordStyle;
import io.omniprep.media.MediaException;
import io.omniprep.media.MediaPaths;
import io.omniprep.media.MediaResolver;
import io.omniprep.sample.ByteRange;
import io.omniprep.sample.MediaKind;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.ResolvedMedia;
import io.omniprep.sample.Sample;
import io.omniprep.sample.SurrogatePassUtf8;
import io.omniprep.pickle.PickleWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * For generic WebDataset users: each medium as its own member, named by its format ({@code
 * KEY.jpg}, {@code KEY.mp4}, {@code KEY.wav}; {@code KEY.0.jpg}, {@code KEY.1.jpg}, ... when
 * extensions would repeat), stored as it is; {@code KEY.json} with the whole normalized LLaVA
 * record; {@code KEY.txt} with the first answer (a caption, for captioning sets). A video given as
 * frames is {@code KEY.frames.pickle}, a pickled list of its JPEG frames.
 */
final class RawLayout implements SampleLayout {
  @Override
  public MediaResolver.VideoAs videoAs() {
    return MediaResolver.VideoAs.FILE;
  }

  @Override
  public Optional<String> unsuitable(Sample sample) {
    // The .txt member is plain UTF-8, which has no escape: Python's encode raises on one too.
    return SurrogatePassUtf8.loneSurrogate(Conversations.firstAnswer(sample)) >= 0
        ? Optional.of("the first answer holds a lone surrogate (\\ud800-\\udfff), which the UTF-8 .txt member cannot hold")
        : Optional.empty();
  }

  @Override
  public List<TarPart> members(Sample s, MediaReads images) throws MediaException, IOException {
    List<TarPart> media = new ArrayList<>();
    for (MediaRef ref : s.media()) {
      media.add(medium(ref, images));
    }
    Set<String> extensions = new HashSet<>(List.of("json", "txt"));
    boolean unique = true;
    for (TarPart part : media) {
      unique &= extensions.add(part.extension());
    }
    List<TarPart> parts = new ArrayList<>();
    for (int i = 0; i < media.size(); i++) {
      TarPart part = media.get(i);
      parts.add(unique ? part : new TarPart(i + "." + part.extension(), part.size(), part.content()));
    }
    parts.add(TarPart.utf8("json", LlavaRecords.toJson(s, RecordStyle.LLAVA)));
    parts.add(TarPart.utf8("txt", Conversations.firstAnswer(s)));
    parts.sort(Comparator.comparing(TarPart::extension));
    return parts;
  }

  private static TarPart medium(MediaRef ref, MediaReads images) throws MediaException, IOException {
    ResolvedMedia resolved = ref.requireResolved();
    if (resolved.isFrames()) {
      List<byte[]> frames = new ArrayList<>();
      for (ByteRange frame : resolved.parts()) {
        frames.add(images.checkedBytes(frame).bytes());
      }
      return TarPart.of("frames.pickle", PickleWriter.encode(frames));
    }
    ByteRange range = resolved.parts().get(0);
    if (ref.kind() == MediaKind.IMAGE || ref.kind() == MediaKind.IMAGE_GEN) {
      ImagePolicy.CheckedImage image = images.storedImage(range);
      return TarPart.of(image.format().extension(), image.bytes());
    }
    return new TarPart(extensionOf(ref, range), range.length(), out -> copy(range, out));
  }

  private static String extensionOf(MediaRef ref, ByteRange range) {
    String ext = ref.location().isPatch() ? "" : MediaPaths.extension(range.resource());
    if (!ext.isEmpty() && ext.chars().allMatch(Character::isLetterOrDigit)) {
      return ext;
    }
    return ref.kind() == MediaKind.VIDEO ? "mp4" : "wav";
  }

  private static void copy(ByteRange range, OutputStream out) throws IOException {
    try (InputStream in = MediaResolver.open(range)) {
      in.transferTo(out);
    }
  }

  @Override
  public String datasetYaml() {
    // A crude dataset: Energon hands samples over as dicts of raw parts, for a user's own cooker.
    return "__module__: megatron.energon\n__class__: CrudeWebdataset\n";
  }
}
