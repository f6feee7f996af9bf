package io.omniprep.wds;

import java.util.Locale;

/** The tar member layouts {@code --layout} names. */
public enum Layout {
  VQA(new VqaLayout()),
  CHATML(new ChatMlLayout(false)),
  CHATML_OMNI(new ChatMlLayout(true)),
  RAW(new RawLayout());

  private final SampleLayout layout;

  Layout(SampleLayout layout) {
    this.layout = layout;
  }

  public SampleLayout layout() {
    return layout;
  }

  /** {@code vqa}, {@code chatml}, {@code chatml-omni} or {@code raw}. */
  public static Layout parse(String name) {
    String key = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    try {
      return valueOf(key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown layout '" + name + "' (expected vqa, chatml, chatml-omni or raw)", e);
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
