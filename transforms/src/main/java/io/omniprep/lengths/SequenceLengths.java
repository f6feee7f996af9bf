package io.omniprep.lengths;

/** One sample's length in tokens: its text as the chat template lays it out, its images', its videos'. */
public record SequenceLengths(long text, long image, long video) {
  public long total() {
    return text + image + video;
  }

  /** {@code {"text": T, "image": I, "video": V, "total": N}}, spaced as Python's json.dumps. */
  public String pythonJson() {
    return "{\"text\": " + text + ", \"image\": " + image + ", \"video\": " + video + ", \"total\": " + total() + "}";
  }

  /** {@code "text":T,"image":I,"video":V,"total":N}: a line of {@code lengths.jsonl} ends with these. */
  public String jsonMembers() {
    return "\"text\":" + text + ",\"image\":" + image + ",\"video\":" + video + ",\"total\":" + total();
  }
}
