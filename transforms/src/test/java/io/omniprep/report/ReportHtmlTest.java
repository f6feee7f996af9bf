package io.omniprep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import io.omniprep.media.ImageFacts;
import io.omniprep.report.SampleProfile.VideoFacts;
import io.omniprep.sample.MediaKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportHtmlTest {
  private static final List<String> SECTIONS = List.of("samples", "media", "images", "videos", "conversations", "errors");

  private static String section(String html, String id) {
    int start = html.indexOf("<section id=\"" + id + "\">");
    assertTrue(start >= 0, "section " + id);
    return html.substring(start, html.indexOf("</section>", start));
  }

  @Test
  void anEmptyReportStillDrawsAFramePerSection() {
    String html = ReportHtml.render(WriteReport.reportJson("nothing", new DatasetFigures(), new ErrorFigures(), null));
    for (String id : SECTIONS) {
      assertTrue(section(html, id).contains("<svg"), id);
    }
    assertTrue(html.contains("No record failed."));
  }

  @Test
  void textFromTheDataIsEscapedAndNothingIsFetched() {
    int[] media = new int[MediaKind.values().length];
    media[MediaKind.IMAGE.ordinal()] = 1;
    media[MediaKind.VIDEO.ordinal()] = 1;
    DatasetFigures figures = new DatasetFigures();
    figures.add(new SampleProfile("<script>alert(1)</script>.json", "train", media, new int[] {12, 40},
        List.of(new ImageFacts("jpeg", 640, 480)), List.of(VideoFacts.ofFrames(8, 2.0))));
    ErrorFigures errors = new ErrorFigures();
    errors.add(FailedRecord.of("https://example.com/a.json", 3, "\"<em>id</em>\"", "parse", Reason.MALFORMED_JSON,
        "bad <img src=x onerror=alert(1)>", "{\"image\": \"<iframe src=//x>\"}"));
    String html = ReportHtml.render(WriteReport.reportJson("<title>", figures, errors, null));

    for (String id : SECTIONS) {
      assertTrue(section(html, id).contains("<svg"), id);
    }
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;.json"));
    for (String markup : List.of("<script", "<img", "<iframe", "<em>")) {
      assertFalse(html.contains(markup), markup);
    }
    assertFalse(java.util.regex.Pattern.compile("<[a-z][^<>]*\\s(src|href)\\s*=").matcher(html).find(), "no tag fetches or links anything");
    assertTrue(html.contains("bad &lt;img src=x onerror=alert(1)&gt;"), "the data's markup is shown as text");
    assertEquals(html.indexOf("https:"), html.lastIndexOf("https:"), "only the error's source, once, as text");
  }
}
