package io.omniprep.report;

import java.math.BigDecimal;

/**
 * A measured quantity of the report: its JSON name, its unit, and how its values are held. Values
 * are whole numbers in a fixed-point unit ({@code scale} decimal digits: an aspect ratio of 1.333333
 * is held as 1333333), so that sums, and therefore means, are exact and independent of the order in
 * which a runner merges partial results. {@code edges} are the fixed histogram bins in that unit:
 * bin {@code i} holds {@code edges[i] <= v < edges[i + 1]}, the last bin is open.
 */
public enum Metric {
  MEDIA_PER_SAMPLE("perSample", "media per sample", "media", 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 16, 32),
  IMAGE_WIDTH("width", "width", "px", 0, 0, 64, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096),
  IMAGE_HEIGHT("height", "height", "px", 0, 0, 64, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096),
  ASPECT_RATIO("aspectRatio", "aspect ratio", "width / height", 6,
      0, 500_000, 600_000, 700_000, 800_000, 900_000, 1_000_000, 1_100_000, 1_250_000, 1_400_000, 1_600_000,
      1_800_000, 2_000_000, 2_500_000, 3_000_000),
  VIDEO_SECONDS("durationSeconds", "duration", "s", 6,
      0, 1_000_000, 2_000_000, 5_000_000, 10_000_000, 20_000_000, 30_000_000, 60_000_000, 120_000_000,
      300_000_000, 600_000_000, 1_800_000_000, 3_600_000_000L),
  VIDEO_FPS("fps", "frame rate", "frames/s", 3, 0, 1_000, 2_000, 5_000, 10_000, 15_000, 20_000, 25_000, 30_000, 40_000, 50_000, 60_000, 120_000),
  VIDEO_FRAMES("frames", "frames per video", "frames", 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096, 16384),
  TURNS("turnsPerConversation", "turns per conversation", "turns", 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16, 20, 32, 64),
  TURN_CHARS("charactersPerTurn", "characters per turn", "characters", 0, 0, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384);

  private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

  private final String jsonName;
  private final String label;
  private final String unit;
  private final int scale;
  private final long[] edges;

  Metric(String jsonName, String label, String unit, int scale, long... edges) {
    this.jsonName = jsonName;
    this.label = label;
    this.unit = unit;
    this.scale = scale;
    this.edges = edges;
  }

  public String jsonName() {
    return jsonName;
  }

  /** What people call it, e.g. {@code frame rate}. */
  public String label() {
    return label;
  }

  /** The label with its unit unless the label names it: {@code Frame rate (frames/s)}, {@code Characters per turn}. */
  public String caption() {
    String capital = Character.toUpperCase(label.charAt(0)) + label.substring(1);
    return label.contains(unit) ? capital : capital + " (" + unit + ")";
  }

  public String unit() {
    return unit;
  }

  /** The number of histogram bins. */
  public int bins() {
    return edges.length;
  }

  /** The lower edge of bin {@code i}, in fixed-point units. */
  public long lowerEdge(int i) {
    return edges[i];
  }

  /** The bin holding {@code value}; values below the first edge go to the first bin. */
  public int binOf(long value) {
    int bin = 0;
    while (bin + 1 < edges.length && value >= edges[bin + 1]) {
      bin++;
    }
    return bin;
  }

  /** A value in natural units (pixels, seconds, ...) as held: rounded to {@code scale} digits. */
  public long fixed(double natural) {
    return Math.round(natural * POWERS_OF_TEN[scale]);
  }

  /** A held value back in natural units, exactly. */
  public BigDecimal natural(long fixed) {
    return plain(BigDecimal.valueOf(fixed, scale));
  }

  /** A sum divided by a count, in natural units, to {@code scale + 6} digits (half-even). */
  public BigDecimal mean(long sum, long count) {
    return plain(BigDecimal.valueOf(sum, scale).divide(BigDecimal.valueOf(count), scale + 6, java.math.RoundingMode.HALF_EVEN));
  }

  private static BigDecimal plain(BigDecimal d) {
    BigDecimal stripped = d.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
