package io.omniprep.wds;

import io.omniprep.media.ImageHeaders;
import io.omniprep.report.MeasureMedia;
import io.omniprep.report.SampleProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.json.Json;
import io.omniprep.pickle.PickleReader;
import io.omniprep.media.ImageFacts;
import io.omniprep.report.SampleProfile.VideoFacts;
import io.omniprep.sample.MediaKind;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The samples of one WebDataset shard omniprep wrote, as profiles, read in one pass: members are
 * grouped by key as WebDataset readers group them, images measured from their first bytes (also
 * inside pickled {@code jpgs} lists), frame lists counted ({@code videos}, {@code mp4s}, {@code
 * frames.pickle}), video files probed through a temporary copy. The {@code json} member gives the
 * turns: the vqa conversation list, the chatml {@code {conversations, second_per_grid_ts}} (whose
 * seconds per frame give the frame rates) or the raw layout's whole record (which also gives the
 * media per kind). A sample's source is its key without the position ({@code <file stem>-<hash>}).
 */
final class ShardSamples implements java.io.Serializable {
  private static final Pattern MEMBER = Pattern.compile("^((?:.*/)?[^./]+)\\.([^/]+)$");
  private static final Pattern KEY_SOURCE = Pattern.compile("^(?:.*/)?(.+)-\\d{9}(?:-\\d+)?$");
  private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "webp", "bmp");
  private static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "mp3", "flac", "ogg", "m4a", "aac", "opus");
  private static final ObjectMapper JSON = Json.MAPPER;

  private final MeasureMedia measure;

  ShardSamples(MeasureMedia measure) {
    this.measure = measure;
  }

  /** Profiles every sample of the tar {@code in} (not closed), of split {@code split} ("" if none). */
  void read(InputStream in, String shard, String split, Consumer<SampleProfile> out) throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(in);
    Members sample = null;
    for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
      Matcher m = MEMBER.matcher(entry.getName());
      if (!entry.isFile() || !m.matches()) {
        continue;
      }
      if (sample == null || !sample.key.equals(m.group(1))) {
        if (sample != null) {
          out.accept(sample.profile(shard, split));
        }
        sample = new Members(m.group(1));
      }
      sample.add(m.group(2), new Unclosed(tar));
    }
    if (sample != null) {
      out.accept(sample.profile(shard, split));
    }
  }

  /** The members of one sample as they are read. */
  private final class Members {
    final String key;
    JsonNode json;
    final List<ImageFacts> images = new ArrayList<>();
    final List<Long> frameLists = new ArrayList<>();
    final List<VideoFacts> videoFiles = new ArrayList<>();
    int audios;

    Members(String key) {
      this.key = key;
    }

    void add(String extension, InputStream content) throws IOException {
      String last = extension.substring(extension.lastIndexOf('.') + 1);
      switch (extension) {
        case "json" -> json = JSON.readTree(content);
        case "txt" -> {}
        case "jpgs" -> PickleReader.read(content, new PickleReader.Visitor() {
          @Override
          public void bytes(int depth, long length, InputStream item) throws IOException {
            images.add(ImageHeaders.read(item));
          }
        });
        case "videos", "mp4s" -> PickleReader.read(content, new PickleReader.Visitor() {
          @Override
          public void listEnd(int depth, long items) {
            if (depth == 2) {
              frameLists.add(items);
            }
          }
        });
        case "wavs" -> PickleReader.read(content, new PickleReader.Visitor() {
          @Override
          public void bytes(int depth, long length, InputStream item) {
            audios++;
          }
        });
        default -> {
          if (extension.endsWith("frames.pickle")) {
            long[] frames = {0};
            PickleReader.read(content, new PickleReader.Visitor() {
              @Override
              public void bytes(int depth, long length, InputStream item) {
                frames[0]++;
              }
            });
            frameLists.add(frames[0]);
          } else if (IMAGE_EXTENSIONS.contains(last)) {
            images.add(ImageHeaders.read(content));
          } else if (AUDIO_EXTENSIONS.contains(last)) {
            audios++;
          } else {
            videoFiles.add(measure.probeCopy(() -> content, last));
          }
        }
      }
    }

    SampleProfile profile(String shard, String split) {
      JsonNode conversation = json;
      JsonNode secondsPerFrame = null;
      boolean record = false;
      if (json != null && json.isObject()) {
        secondsPerFrame = json.get("second_per_grid_ts");
        record = secondsPerFrame == null;
        conversation = json.has("conversations") ? json.get("conversations") : json.get("messages");
      }
      List<VideoFacts> videos = new ArrayList<>();
      for (int i = 0; i < frameLists.size(); i++) {
        JsonNode seconds = secondsPerFrame != null ? secondsPerFrame.get(i) : null;
        double fps = seconds != null && seconds.isNumber() && seconds.asDouble() > 0 ? 1 / seconds.asDouble() : Double.NaN;
        videos.add(VideoFacts.ofFrames(frameLists.get(i), fps));
      }
      videos.addAll(videoFiles);
      int[] media = record ? mediaOfRecord(json) : new int[MediaKind.values().length];
      if (!record) {
        media[MediaKind.IMAGE.ordinal()] = images.size();
        media[MediaKind.VIDEO.ordinal()] = videos.size();
        media[MediaKind.AUDIO.ordinal()] = audios;
      }
      Matcher source = KEY_SOURCE.matcher(key);
      return new SampleProfile(source.matches() ? source.group(1) : shard, split, media, turnLengths(conversation), images, videos);
    }
  }

  /** Media per kind as the raw layout's record lists them (a path, a list, or a patch reference each). */
  private static int[] mediaOfRecord(JsonNode record) {
    int[] media = new int[MediaKind.values().length];
    for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      MediaKind.ofField(field.getKey()).ifPresent(kind -> {
        JsonNode v = field.getValue();
        media[kind.ordinal()] += v.isArray() ? v.size() : v.isNull() ? 0 : 1;
      });
    }
    return media;
  }

  private static int[] turnLengths(JsonNode conversation) {
    if (conversation == null || !conversation.isArray()) {
      return new int[0];
    }
    int[] lengths = new int[conversation.size()];
    for (int i = 0; i < lengths.length; i++) {
      JsonNode turn = conversation.get(i);
      JsonNode text = turn.has("value") ? turn.get("value") : turn.get("content");
      String s = text == null ? "" : text.isTextual() ? text.asText() : text.toString();
      lengths[i] = s.codePointCount(0, s.length());
    }
    return lengths;
  }

  /** A tar member's stream that readers may close without closing the tar. */
  private static final class Unclosed extends FilterInputStream {
    Unclosed(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }
}
