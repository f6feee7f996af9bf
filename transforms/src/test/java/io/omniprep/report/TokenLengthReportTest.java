package io.omniprep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenLengthReportTest {
  @Test
  void percentilesSharesAndHistogramFollowTheSamples() throws Exception {
    Random random = new Random(3);
    int n = 1001;
    long[] totals = new long[n];
    TokenLengthReport.Builder builder = new TokenLengthReport.Builder();
    for (int i = 0; i < n; i++) {
      long text = random.nextInt(3000);
      long image = random.nextInt(40000);
      builder.add(text, image, 0);
      totals[i] = text + image;
    }
    JsonNode report = new ObjectMapper().readTree(builder.toJson(null)).get("total_tokens");
    long[] sorted = totals.clone();
    Arrays.sort(sorted);
    // Nearest rank: the ceil(p * n / 100)-th smallest; 90% of 1001 is 900.9, so the 901st.
    assertEquals(sorted[900], report.get("percentiles").get("p90").asLong());
    assertEquals(sorted[500], report.get("percentiles").get("p50").asLong());
    assertEquals(sorted[999], report.get("percentiles").get("p99.9").asLong()); // 999.999 -> the 1000th
    assertEquals(sorted[1000], report.get("max").asLong());
    for (long limit : new long[] {2048, 4096, 8192, 32768}) {
      long over = Arrays.stream(totals).filter(t -> t > limit).count();
      assertEquals(over / (double) n, report.get("share_over").get(Long.toString(limit)).asDouble(), 1e-6);
    }
    long counted = 0;
    for (var it = report.get("histogram").fields(); it.hasNext(); ) {
      var bucket = it.next();
      String[] range = bucket.getKey().split("-");
      long lo = Long.parseLong(range[0]);
      long hi = Long.parseLong(range[1]);
      assertEquals(Arrays.stream(totals).filter(t -> t >= lo && t <= hi).count(), bucket.getValue().asLong(), bucket.getKey());
      counted += bucket.getValue().asLong();
    }
    assertEquals(n, counted);
  }
}
