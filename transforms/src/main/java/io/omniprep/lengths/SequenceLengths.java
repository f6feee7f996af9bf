package io.omniprep.lengths;

import java.util.Locale;

/** One sample's length in tokens: its text as the chat template lays it out, its images', its videos'. */
public record SequenceLengths(long text, long image, long video) {
  public long total() {
    return text + image + video;
  }

  /** {@code {"text": T, "image": I, "video": V, "total": N}}, spaced as Python's json.dumps. */
  public String pythonJson() {
    return String.format(Locale.ROOT, "{\"text\": %d, \"image\": %d, \"video\": %d, \"total\": %d}", text, image, video, total());
  }

  /** {@code "text":T,"image":I,"video":V,"total":N}: a line of {@code lengths.jsonl} ends with these. */
  public String jsonMembers() {
    return String.format(Locale.ROOT, "\"text\":%d,\"image\":%d,\"video\":%d,\"total\":%d", text, image, video, total());
  }
}
