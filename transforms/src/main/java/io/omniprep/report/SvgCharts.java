package io.omniprep.report;

import static io.omniprep.report.Html.escape;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts drawn from numbers alone (no script, no external resource): vertical bars for a
 * histogram, horizontal bars for counts per category, and an empty frame that says there is no data.
 */
final class SvgCharts {
  /** One bar: its label, the longer text of its tooltip, and its count. */
  record Bar(String label, String tooltip, long count) {}

  static final int HIST_WIDTH = 330;
  static final int HIST_HEIGHT = 190;
  private static final int LEFT = 34;
  private static final int TOP = 16;
  private static final int BOTTOM = 46;
  private static final int ROW = 22;
  private static final int ROWS_WIDTH = 520;
  private static final int LABEL_WIDTH = 190;

  private SvgCharts() {}

  /** Vertical bars, one per bin, labelled under each bar, counts above the bars that have any. */
  static String histogram(List<Bar> bins, String color, String ariaLabel) {
    long max = bins.stream().mapToLong(Bar::count).max().orElse(0);
    if (max == 0) {
      return empty(HIST_WIDTH, HIST_HEIGHT, ariaLabel);
    }
    int plotWidth = HIST_WIDTH - LEFT - 6;
    int plotHeight = HIST_HEIGHT - TOP - BOTTOM;
    double slot = (double) plotWidth / bins.size();
    StringBuilder svg = open(HIST_WIDTH, HIST_HEIGHT, ariaLabel);
    int baseline = TOP + plotHeight;
    for (int i = 0; i <= 2; i++) {
      int y = baseline - plotHeight * i / 2;
      svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LEFT, y, HIST_WIDTH - 6, y));
    }
    svg.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", LEFT - 4, TOP + 4, Html.number(max)));
    svg.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>", LEFT - 4, baseline + 3));
    for (int i = 0; i < bins.size(); i++) {
      Bar bin = bins.get(i);
      double x = LEFT + i * slot;
      double h = bin.count() == 0 ? 0 : Math.max(1.5, plotHeight * (double) bin.count() / max);
      svg.append("<g><title>").append(escape(bin.tooltip())).append("</title>");
      svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"1.5\" fill=\"%s\"/>",
          x + 1.5, baseline - h, Math.max(1, slot - 3), h, color));
      if (bin.count() > 0) {
        svg.append(String.format(Locale.ROOT, "<text class=\"value\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>",
            x + slot / 2, baseline - h - 3, Html.number(bin.count())));
      }
      svg.append("</g>");
      double lx = x + slot / 2;
      svg.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%.1f\" y=\"%d\" text-anchor=\"end\" transform=\"rotate(-45 %.1f %d)\">%s</text>",
          lx + 3, baseline + 12, lx + 3, baseline + 12, escape(bin.label())));
    }
    return svg.append("</svg>").toString();
  }

  /** Horizontal bars, one row per category, the count after each bar. */
  static String rows(List<Bar> rows, String color, String ariaLabel) {
    long max = rows.stream().mapToLong(Bar::count).max().orElse(0);
    if (max == 0) {
      return empty(ROWS_WIDTH, 60, ariaLabel);
    }
    int height = rows.size() * ROW + 8;
    int barSpace = ROWS_WIDTH - LABEL_WIDTH - 70;
    StringBuilder svg = open(ROWS_WIDTH, height, ariaLabel);
    for (int i = 0; i < rows.size(); i++) {
      Bar row = rows.get(i);
      int y = 4 + i * ROW;
      double w = row.count() == 0 ? 0 : Math.max(1.5, barSpace * (double) row.count() / max);
      svg.append("<g><title>").append(escape(row.tooltip())).append("</title>");
      svg.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
          LABEL_WIDTH - 8, y + 15, escape(Html.shorten(row.label(), 30))));
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" rx=\"2\" fill=\"%s\"/>",
          LABEL_WIDTH, y + 3, w, ROW - 6, color));
      svg.append(String.format(Locale.ROOT, "<text class=\"value\" x=\"%.1f\" y=\"%d\">%s</text>",
          LABEL_WIDTH + w + 5, y + 15, Html.number(row.count())));
      svg.append("</g>");
    }
    return svg.append("</svg>").toString();
  }

  /** A frame saying there is nothing to draw. */
  static String empty(int width, int height, String ariaLabel) {
    return open(width, height, ariaLabel)
        .append(String.format(Locale.ROOT, "<rect class=\"none\" x=\"1\" y=\"1\" width=\"%d\" height=\"%d\" rx=\"6\"/>", width - 2, height - 2))
        .append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">none</text>", width / 2, height / 2 + 4))
        .append("</svg>")
        .toString();
  }

  private static StringBuilder open(int width, int height, String ariaLabel) {
    return new StringBuilder(2048)
        .append(String.format(Locale.ROOT, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
            width, height, width, height, escape(ariaLabel)));
  }
}
