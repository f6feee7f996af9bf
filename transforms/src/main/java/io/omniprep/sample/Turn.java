package io.omniprep.sample;

import java.io.Serializable;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One conversation turn: the speaker as written ({@code human}, {@code gpt}, {@code user}, ...),
 * the text, whether the record used {@code role}/{@code content} keys rather than {@code
 * from}/{@code value}, and any other keys of the turn object as raw JSON.
 */
public final class Turn implements Serializable {
  private final String speaker;
  private final String text;
  private final boolean roleContentKeys;
  private final @Nullable String extraJson;

  public Turn(String speaker, String text, boolean roleContentKeys, @Nullable String extraJson) {
    this.speaker = Objects.requireNonNull(speaker, "speaker");
    this.text = Objects.requireNonNull(text, "text");
    this.roleContentKeys = roleContentKeys;
    this.extraJson = extraJson;
  }

  /** A LLaVA {@code from}/{@code value} turn. */
  public static Turn of(String speaker, String text) {
    return new Turn(speaker, text, false, null);
  }

  public String speaker() {
    return speaker;
  }

  public String text() {
    return text;
  }

  public boolean roleContentKeys() {
    return roleContentKeys;
  }

  public @Nullable String extraJson() {
    return extraJson;
  }

  public Turn withText(String newText) {
    return new Turn(speaker, newText, roleContentKeys, extraJson);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Turn)) {
      return false;
    }
    Turn t = (Turn) o;
    return speaker.equals(t.speaker)
        && text.equals(t.text)
        && roleContentKeys == t.roleContentKeys
        && Objects.equals(extraJson, t.extraJson);
  }

  @Override
  public int hashCode() {
    return Objects.hash(speaker, text, roleContentKeys, extraJson);
  }

  @Override
  public String toString() {
    return speaker + ": " + text;
  }
}
