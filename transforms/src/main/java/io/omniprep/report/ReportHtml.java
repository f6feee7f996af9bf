package io.omniprep.report;

import static io.omniprep.report.Html.escape;

import com.fasterxml.jackson.databind.JsonNode;
import io.omniprep.io.Folders;
import io.omniprep.report.SvgCharts.Bar;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * report.html from report.json: one self-contained page (inline CSS and SVG, no script, no font or
 * file it would fetch), a section per figure with its charts and a table of the numbers.
 */
final class ReportHtml {
  private static final int CHART_ROWS = 20;
  private static final int TABLE_ROWS = 100;
  private static final String BLUE = "#4e79a7";
  private static final String ORANGE = "#f28e2b";
  private static final String GREEN = "#59a14f";
  private static final String PURPLE = "#b07aa1";
  private static final String TEAL = "#76b7b2";
  private static final String RED = "#e15759";
  private static final String GREY = "#9c9c9c";

  private static final String CSS =
      ":root{--ink:#1f2328;--muted:#5b636d;--line:#d8dee4;--panel:#fff;--bg:#f5f7f9}"
          + "*{box-sizing:border-box}"
          + "body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif}"
          + "main{max-width:1140px;margin:0 auto;padding:24px}"
          + "h1{font-size:24px;margin:0 0 2px}h2{font-size:18px;margin:0 0 12px}h3{font-size:15px;margin:18px 0 6px}"
          + ".sub{color:var(--muted);margin:0 0 18px;word-break:break-all}"
          + ".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(130px,1fr));gap:10px;margin-bottom:18px}"
          + ".card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:10px 14px}"
          + ".card b{display:block;font-size:22px;font-variant-numeric:tabular-nums}.card span{color:var(--muted);font-size:12px}"
          + "section{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:16px 18px;margin-bottom:16px}"
          + ".charts{display:flex;flex-wrap:wrap;gap:18px;margin-bottom:10px}"
          + "figure{margin:0}figcaption{font-weight:600;font-size:13px;margin-bottom:2px}"
          + "svg.chart{max-width:100%;height:auto;font-size:10px}"
          + "svg .grid{stroke:#e6e9ed;stroke-width:1}svg .axis{fill:var(--muted)}svg .label{fill:var(--ink);font-size:11px}"
          + "svg .value{fill:var(--ink);font-size:10px}svg .none{fill:#fafbfc;stroke:var(--line);stroke-dasharray:4 3}"
          + "table{border-collapse:collapse;width:100%;margin:6px 0 4px;font-size:13px}"
          + "th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eceff2;vertical-align:top}"
          + "th{color:var(--muted);font-weight:600;font-size:12px}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
          + "tbody tr:nth-child(even){background:#fafbfc}"
          + "td.path,td code{overflow-wrap:anywhere}code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap}"
          + ".note{color:var(--muted);font-size:12px;margin:4px 0 0}"
          + "table.examples{table-layout:fixed}table.examples th:nth-child(1){width:17%}table.examples th:nth-child(2){width:13%}"
          + "table.examples th:nth-child(3){width:8%}table.examples th:nth-child(4){width:27%}"
          + "footer{color:var(--muted);font-size:12px;text-align:center;padding:8px 0 24px}";

  private ReportHtml() {}

  static String render(JsonNode report) {
    StringBuilder h = new StringBuilder(64 * 1024);
    String title = report.path("title").asText();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>omniprep report: ").append(escape(title)).append("</title>\n")
        .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
        .append("<h1>Dataset report</h1>\n<p class=\"sub\">").append(escape(title)).append("</p>\n");
    cards(h, report);
    samples(h, report.path("samples"));
    media(h, report.path("media"));
    images(h, report.path("images"));
    videos(h, report.path("videos"));
    conversations(h, report.path("conversations"));
    errors(h, report.path("errors"));
    h.append("</main>\n<footer>omniprep · the same figures are in report.json</footer>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void cards(StringBuilder h, JsonNode r) {
    JsonNode media = r.path("media");
    h.append("<div class=\"cards\">");
    card(h, r.path("samples").path("total").asLong(), "samples");
    card(h, r.path("samples").path("bySource").size(), "sources");
    card(h, media.path("image").path("total").asLong() + media.path("image_gen").path("total").asLong(), "images");
    card(h, media.path("video").path("total").asLong(), "videos");
    card(h, media.path("audio").path("total").asLong() + media.path("audio_q").path("total").asLong(), "audio clips");
    card(h, r.path("conversations").path(Metric.TURN_CHARS.jsonName()).path("count").asLong(), "turns");
    card(h, r.path("errors").path("total").asLong(), "failed records");
    h.append("</div>\n");
  }

  private static void card(StringBuilder h, long value, String what) {
    h.append("<div class=\"card\"><b>").append(Html.number(value)).append("</b><span>").append(what).append("</span></div>");
  }

  private static void samples(StringBuilder h, JsonNode s) {
    open(h, "samples", "Samples per source and split");
    long total = s.path("total").asLong();
    h.append("<div class=\"charts\">");
    figure(h, "Samples per source", SvgCharts.rows(topRows(s.path("bySource")), BLUE, "samples per source"));
    if (s.path("bySplit").size() > 0) {
      figure(h, "Samples per split", SvgCharts.rows(topRows(s.path("bySplit")), TEAL, "samples per split"));
    }
    h.append("</div>\n");
    if (s.path("bySplit").size() == 0) {
      h.append("<p class=\"note\">No splits: the input is not divided into train, val and test.</p>\n");
    }
    h.append("<table><thead><tr><th>source</th><th class=\"n\">samples</th><th class=\"n\">share</th></tr></thead><tbody>");
    List<Map.Entry<String, JsonNode>> sources = byCount(s.path("bySource"));
    for (Map.Entry<String, JsonNode> e : sources.subList(0, Math.min(TABLE_ROWS, sources.size()))) {
      long n = e.getValue().asLong();
      h.append("<tr><td class=\"path\">").append(escape(e.getKey())).append("</td><td class=\"n\">").append(Html.number(n))
          .append("</td><td class=\"n\">").append(percent(n, total)).append("</td></tr>");
    }
    h.append("</tbody></table>\n");
    more(h, sources.size());
    close(h);
  }

  private static void media(StringBuilder h, JsonNode media) {
    open(h, "media", "Media per sample");
    h.append("<div class=\"charts\">");
    boolean any = false;
    String[] colors = {BLUE, ORANGE, GREEN, TEAL, PURPLE};
    int k = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = media.fields(); it.hasNext(); k++) {
      Map.Entry<String, JsonNode> kind = it.next();
      if (kind.getValue().path("total").asLong() > 0) {
        any = true;
        figure(h, kind.getKey(),
            SvgCharts.histogram(bins(kind.getValue().path("perSample"), kind.getKey() + " per sample", "samples"), colors[k % colors.length], kind.getKey() + " per sample"));
      }
    }
    if (!any) {
      figure(h, "no media", SvgCharts.empty(SvgCharts.HIST_WIDTH, SvgCharts.HIST_HEIGHT, "no media"));
    }
    h.append("</div>\n<table><thead><tr><th>kind</th><th class=\"n\">media</th><th class=\"n\">samples with any</th>")
        .append("<th class=\"n\">mean per sample</th><th class=\"n\">max per sample</th></tr></thead><tbody>");
    for (Iterator<Map.Entry<String, JsonNode>> it = media.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> kind = it.next();
      JsonNode per = kind.getValue().path("perSample");
      h.append("<tr><td>").append(escape(kind.getKey())).append("</td>")
          .append(cell(kind.getValue().path("total"))).append(cell(kind.getValue().path("samplesWith")))
          .append(cell(per.path("mean"))).append(cell(per.path("max"))).append("</tr>");
    }
    h.append("</tbody></table>\n");
    close(h);
  }

  private static void images(StringBuilder h, JsonNode images) {
    open(h, "images", "Images");
    h.append("<div class=\"charts\">");
    histogramFigure(h, images, Metric.IMAGE_WIDTH, BLUE, "images");
    histogramFigure(h, images, Metric.IMAGE_HEIGHT, BLUE, "images");
    histogramFigure(h, images, Metric.ASPECT_RATIO, PURPLE, "images");
    h.append("</div>\n");
    statsTable(h, images, Metric.IMAGE_WIDTH, Metric.IMAGE_HEIGHT, Metric.ASPECT_RATIO);
    StringBuilder formats = new StringBuilder();
    images.path("formats").fields().forEachRemaining(e -> formats.append(formats.length() == 0 ? "" : ", ")
        .append(escape(e.getKey())).append(' ').append(Html.number(e.getValue().asLong())));
    h.append("<p class=\"note\">Sizes as stored, read from each image's header. Formats: ")
        .append(formats.length() == 0 ? "none" : formats).append(". Unreadable headers: ")
        .append(Html.number(images.path("unreadable").asLong())).append(".</p>\n");
    close(h);
  }

  private static void videos(StringBuilder h, JsonNode videos) {
    open(h, "videos", "Videos");
    h.append("<div class=\"charts\">");
    histogramFigure(h, videos, Metric.VIDEO_SECONDS, ORANGE, "videos");
    histogramFigure(h, videos, Metric.VIDEO_FPS, ORANGE, "videos");
    histogramFigure(h, videos, Metric.VIDEO_FRAMES, ORANGE, "videos");
    h.append("</div>\n");
    statsTable(h, videos, Metric.VIDEO_SECONDS, Metric.VIDEO_FPS, Metric.VIDEO_FRAMES);
    h.append("<p class=\"note\">").append(Html.number(videos.path("measured").asLong())).append(" measured (")
        .append(Html.number(videos.path("frameLists").asLong()))
        .append(" given as frames: duration = frames / sidecar fps), ")
        .append(Html.number(videos.path("unreadable").asLong())).append(" unreadable. Video files: container duration and frame rate, frames as the container counts them.</p>\n");
    close(h);
  }

  private static void conversations(StringBuilder h, JsonNode conversations) {
    open(h, "conversations", "Conversations");
    h.append("<div class=\"charts\">");
    histogramFigure(h, conversations, Metric.TURNS, TEAL, "conversations");
    histogramFigure(h, conversations, Metric.TURN_CHARS, PURPLE, "turns");
    h.append("</div>\n");
    statsTable(h, conversations, Metric.TURNS, Metric.TURN_CHARS);
    close(h);
  }

  private static void errors(StringBuilder h, JsonNode errors) {
    open(h, "errors", "Errors by reason");
    List<Map.Entry<String, JsonNode>> reasons = new ArrayList<>();
    errors.path("byReason").fields().forEachRemaining(reasons::add);
    reasons.sort(Comparator.comparingLong((Map.Entry<String, JsonNode> e) -> -e.getValue().path("count").asLong()).thenComparing(Map.Entry::getKey));
    List<Bar> bars = new ArrayList<>();
    for (Map.Entry<String, JsonNode> r : reasons) {
      long n = r.getValue().path("count").asLong();
      bars.add(new Bar(r.getKey(), r.getKey() + ": " + n + " records", n));
    }
    h.append("<div class=\"charts\">");
    figure(h, "Failed records per reason", SvgCharts.rows(bars, RED, "failed records per reason"));
    h.append("</div>\n");
    if (reasons.isEmpty()) {
      h.append("<p class=\"note\">No record failed.</p>\n");
    }
    for (Map.Entry<String, JsonNode> r : reasons) {
      h.append("<h3>").append(escape(r.getKey())).append(" · ").append(Html.number(r.getValue().path("count").asLong())).append("</h3>\n")
          .append("<table class=\"examples\"><thead><tr><th>where</th><th>id</th><th>stage</th><th>message</th><th>record</th></tr></thead><tbody>");
      for (JsonNode x : r.getValue().path("examples")) {
        String source = x.path("source").asText();
        h.append("<tr><td class=\"path\" title=\"").append(escape(source)).append("\">").append(escape(lastPart(source)))
            .append(" #").append(x.path("position").asLong())
            .append("</td><td>").append(escape(x.path("id").isNull() ? "" : x.path("id").isTextual() ? x.path("id").asText() : x.path("id").toString()))
            .append("</td><td>").append(escape(x.path("stage").asText()))
            .append("</td><td>").append(escape(x.path("message").asText()))
            .append("</td><td><code>").append(escape(x.path("record").asText())).append("</code></td></tr>");
      }
      h.append("</tbody></table>\n");
    }
    close(h);
  }

  private static void histogramFigure(StringBuilder h, JsonNode section, Metric metric, String color, String things) {
    JsonNode d = section.path(metric.jsonName());
    figure(h, metric.caption(), SvgCharts.histogram(bins(d, metric.unit(), things), color, metric.label()));
  }

  /** The histogram of a distribution as bars: labelled by lower edge, the last one open. */
  private static List<Bar> bins(JsonNode distribution, String unit, String things) {
    List<Bar> bars = new ArrayList<>();
    for (JsonNode bin : distribution.path("histogram")) {
      BigDecimal from = bin.path("from").decimalValue();
      long n = bin.path("count").asLong();
      String range;
      String label;
      if (bin.path("to").isNull()) {
        label = Html.number(from) + "+";
        range = Html.number(from) + " or more";
      } else {
        BigDecimal to = bin.path("to").decimalValue();
        boolean single = to.subtract(from).compareTo(BigDecimal.ONE) == 0 && from.scale() <= 0;
        label = Html.number(from);
        range = single ? Html.number(from) : Html.number(from) + "–" + Html.number(to);
      }
      bars.add(new Bar(label, range + " " + unit + ": " + Html.number(n) + " " + things, n));
    }
    return bars;
  }

  private static void statsTable(StringBuilder h, JsonNode section, Metric... metrics) {
    h.append("<table><thead><tr><th></th><th class=\"n\">count</th><th class=\"n\">min</th><th class=\"n\">p10</th>")
        .append("<th class=\"n\">median</th><th class=\"n\">p90</th><th class=\"n\">p99</th><th class=\"n\">max</th><th class=\"n\">mean</th></tr></thead><tbody>");
    for (Metric m : metrics) {
      JsonNode d = section.path(m.jsonName());
      JsonNode p = d.path("percentiles");
      h.append("<tr><td>").append(escape(m.caption())).append("</td>")
          .append(cell(d.path("count"))).append(cell(d.path("min"))).append(cell(p.path("p10"))).append(cell(p.path("p50")))
          .append(cell(p.path("p90"))).append(cell(p.path("p99"))).append(cell(d.path("max"))).append(cell(d.path("mean"))).append("</tr>");
    }
    h.append("</tbody></table>\n");
  }

  private static String cell(JsonNode number) {
    return "<td class=\"n\">" + (number.isNumber() ? Html.number(number.decimalValue()) : "–") + "</td>";
  }

  /** The largest {@value #CHART_ROWS} counts as bars, and the rest together. */
  private static List<Bar> topRows(JsonNode counts) {
    List<Bar> rows = new ArrayList<>();
    List<Map.Entry<String, JsonNode>> sorted = byCount(counts);
    for (Map.Entry<String, JsonNode> e : sorted.subList(0, Math.min(CHART_ROWS, sorted.size()))) {
      rows.add(new Bar(lastPart(e.getKey()), e.getKey() + ": " + Html.number(e.getValue().asLong()), e.getValue().asLong()));
    }
    if (sorted.size() > CHART_ROWS) {
      long rest = sorted.subList(CHART_ROWS, sorted.size()).stream().mapToLong(e -> e.getValue().asLong()).sum();
      rows.add(new Bar((sorted.size() - CHART_ROWS) + " more", "the other " + (sorted.size() - CHART_ROWS) + " together", rest));
    }
    return rows;
  }

  /** Entries by count, largest first, then by name. */
  private static List<Map.Entry<String, JsonNode>> byCount(JsonNode counts) {
    List<Map.Entry<String, JsonNode>> sorted = new ArrayList<>();
    counts.fields().forEachRemaining(sorted::add);
    sorted.sort(Comparator.comparingLong((Map.Entry<String, JsonNode> e) -> -e.getValue().asLong()).thenComparing(Map.Entry::getKey));
    return sorted;
  }

  /** A path's file name, which is what fits a chart label; the full path is in the tooltip and table. */
  private static String lastPart(String path) {
    String trimmed = Folders.withoutTrailingSlash(path);
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  private static String percent(long n, long total) {
    return total == 0 ? "–" : Html.number(BigDecimal.valueOf(n * 1000 / total, 1)) + "%";
  }

  private static void more(StringBuilder h, int size) {
    if (size > TABLE_ROWS) {
      h.append("<p class=\"note\">").append(Html.number(size - TABLE_ROWS)).append(" more in report.json.</p>\n");
    }
  }

  private static void figure(StringBuilder h, String caption, String svg) {
    h.append("<figure><figcaption>").append(escape(caption)).append("</figcaption>").append(svg).append("</figure>");
  }

  private static void open(StringBuilder h, String id, String heading) {
    h.append("<section id=\"").append(id).append("\">\n<h2>").append(escape(heading)).append("</h2>\n");
  }

  private static void close(StringBuilder h) {
    h.append("</section>\n");
  }
}
