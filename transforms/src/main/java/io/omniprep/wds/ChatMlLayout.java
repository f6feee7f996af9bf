package io.omniprep.wds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.json.PythonJson;
import io.omniprep.media.MediaException;
import io.omniprep.media.MediaResolver;
import io.omniprep.sample.ByteRange;
import io.omniprep.sample.MediaKind;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.ResolvedMedia;
import io.omniprep.sample.Sample;
import io.omniprep.validate.MediaTokens;
import io.omniprep.wds.format.EnergonMetadata;
import io.omniprep.pickle.PickleWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Pai's ChatML layouts for Megatron (docs/FORMATS.md §3.3, §3.6).
 *
 * <ul>
 *   <li>{@code chatml}, the Qwen2/2.5-VL reader ({@code megatron_patch.data.energon.chatml}):
 *       {@code KEY.jpgs} (pickled list of JPEG bytes), {@code KEY.json} ({@code {conversations:
 *       [{from, value}], second_per_grid_ts: [1/fps per video]}}), {@code KEY.videos} (pickled list
 *       of frame lists);
 *   <li>{@code chatml-omni}, the Qwen3-VL/Omni reader ({@code megatron_patch.data.multimodal_dataset}):
 *       {@code KEY.jpgs}, {@code KEY.json} with {@code role}/{@code content} turns, {@code KEY.mp4s}
 *       (frame lists) and {@code KEY.wavs} (pickled list of audio file bytes, always present).
 * </ul>
 *
 * Videos are the frame folders {@code extract-frames} writes (or patch frame lists); each keeps an
 * even number of frames, as the readers require. Images are stored as their own JPEG bytes: unlike
 * Pai's converter, which decodes with OpenCV and re-encodes the BGR array as if it were RGB, colours
 * are not swapped. Records that mark videos with {@code <image>} (LLaVA-Video, Ola) have those
 * tokens written as {@code <video>}, and in the omni layout {@code <speech>} becomes {@code <audio>}.
 */
final class ChatMlLayout implements SampleLayout {
  private static final double DEFAULT_FPS = 2.0;
  private final boolean omni;

  ChatMlLayout(boolean omni) {
    this.omni = omni;
  }

  @Override
  public MediaResolver.VideoAs videoAs() {
    return MediaResolver.VideoAs.FRAMES;
  }

  @Override
  public Optional<String> unsuitable(Sample s) {
    if (!s.media(MediaKind.IMAGE_GEN).isEmpty()) {
      return Optional.of("ChatML layouts have no place for image_gen targets");
    }
    if (!omni && (!s.media(MediaKind.AUDIO).isEmpty() || !s.media(MediaKind.AUDIO_Q).isEmpty())) {
      return Optional.of("the chatml layout (Qwen2/2.5-VL reader) has no audio; use chatml-omni");
    }
    Optional<String> turns = Conversations.alternationProblem(s);
    if (turns.isPresent()) {
      return turns;
    }
    boolean tokensMatch =
        MediaTokens.count(s, "<image>") == s.media(MediaKind.IMAGE).size()
            && MediaTokens.count(s, "<video>") == s.media(MediaKind.VIDEO).size();
    if (!tokensMatch && !MediaTokens.imageTokensStandForVideos(s)) {
      return Optional.of("<image> and <video> tokens do not match the images and videos one for one");
    }
    for (MediaRef video : s.media(MediaKind.VIDEO)) {
      ResolvedMedia frames = video.resolved();
      if (frames != null && frames.parts().size() < 2) {
        return Optional.of("video " + video.location() + " has " + frames.parts().size() + " frame(s); at least 2 are needed");
      }
      if (frames != null && !frames.isFrames()) {
        return Optional.of("video " + video.location() + " is not a list of frames");
      }
    }
    return Optional.empty();
  }

  @Override
  public List<TarPart> members(Sample s, MediaReads images) throws MediaException, IOException {
    List<byte[]> jpgs = new ArrayList<>();
    for (MediaRef image : s.media(MediaKind.IMAGE)) {
      jpgs.add(images.jpegImage(image.requireResolved().parts().get(0)));
    }
    List<List<byte[]>> videos = new ArrayList<>();
    ArrayNode secondsPerGrid = JsonNodeFactory.instance.arrayNode();
    for (MediaRef video : s.media(MediaKind.VIDEO)) {
      ResolvedMedia frames = video.requireResolved();
      List<ByteRange> parts = frames.parts();
      int even = parts.size() - parts.size() % 2;
      List<byte[]> jpegFrames = new ArrayList<>(even);
      for (int i = 0; i < even; i++) {
        jpegFrames.add(images.jpegBytes(parts.get(i)));
      }
      videos.add(jpegFrames);
      secondsPerGrid.add(1.0 / fps(frames));
    }
    List<TarPart> parts = new ArrayList<>();
    parts.add(TarPart.of("jpgs", PickleWriter.encode(jpgs)));
    parts.add(TarPart.utf8("json", PythonJson.dumps(json(s, secondsPerGrid))));
    parts.add(TarPart.of(omni ? "mp4s" : "videos", PickleWriter.encodeNested(videos)));
    if (omni) {
      parts.add(audios(s));
    }
    return parts;
  }

  private ObjectNode json(Sample s, ArrayNode secondsPerGrid) {
    boolean imageMeansVideo = MediaTokens.imageTokensStandForVideos(s);
    UnaryOperator<String> text =
        t -> {
          String out = imageMeansVideo ? t.replace("<image>", "<video>") : t;
          return omni ? out.replace("<speech>", "<audio>") : out;
        };
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.set("conversations", omni ? Conversations.roleContent(s, text) : Conversations.fromValue(s, text));
    root.set("second_per_grid_ts", secondsPerGrid);
    return root;
  }

  /** The audio files' bytes as a pickled list, streamed (audio can be long). */
  private static TarPart audios(Sample s) {
    List<ByteRange> ranges = new ArrayList<>();
    for (MediaRef ref : s.media()) {
      if (ref.kind() == MediaKind.AUDIO || ref.kind() == MediaKind.AUDIO_Q) {
        ranges.add(ref.requireResolved().parts().get(0));
      }
    }
    long[] lengths = ranges.stream().mapToLong(ByteRange::length).toArray();
    return new TarPart(
        "wavs",
        PickleWriter.encodedSize(lengths),
        out -> {
          PickleWriter pickle = new PickleWriter(out);
          pickle.beginList();
          for (ByteRange range : ranges) {
            try (InputStream in = MediaResolver.open(range)) {
              pickle.item(range.length(), in);
            }
          }
          pickle.endList();
        });
  }

  private static double fps(ResolvedMedia frames) throws MediaException {
    if (frames.fps() == null) {
      return DEFAULT_FPS;
    }
    double fps = Double.parseDouble(frames.fps());
    if (!(fps > 0) || Double.isInfinite(fps)) {
      throw new MediaException(io.omniprep.errors.Reason.MEDIA_CORRUPT, "frame rate must be positive, was " + frames.fps());
    }
    return fps;
  }

  @Override
  public String datasetYaml() {
    Map<String, String> fields = new LinkedHashMap<>();
    if (omni) {
      fields.put("audios", "wavs");
      fields.put("conversation", "json");
      fields.put("imgs", "jpgs");
      fields.put("videos", "mp4s");
      return EnergonMetadata.customDatasetYaml("megatron_patch.data.multimodal_dataset", "ChatMLWebdataset", fields);
    }
    fields.put("conversation", "json");
    fields.put("imgs", "jpgs");
    fields.put("videos", "videos");
    return EnergonMetadata.customDatasetYaml("megatron_patch.data.energon.chatml", "ChatMLWebdataset", fields);
  }
}
