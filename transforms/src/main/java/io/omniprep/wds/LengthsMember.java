package io.omniprep.wds;

import io.omniprep.lengths.SequenceLengths;
import java.io.IOException;
import java.util.List;

/**
 * Adds a sample's lengths to its {@code KEY.json} member as a last field, {@value #FIELD}, where
 * that member is a JSON object ({@link JsonMemberField}: ChatML and raw layouts, never the vqa
 * layout's list). A record that already has such a field keeps its own, and is counted as {@code
 * lengths_field_already_in_record}.
 */
final class LengthsMember {
  public static final String FIELD = "sequence_lengths";

  private LengthsMember() {}

  static List<TarPart> withLengths(List<TarPart> parts, SequenceLengths lengths) throws IOException {
    return JsonMemberField.with(parts, FIELD, lengths.pythonJson(), "lengths_field_already_in_record");
  }
}
