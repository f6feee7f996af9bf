package io.omniprep.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.table.BadRowException;
import io.omniprep.table.TableJson;
import org.junit.jupiter.api.Test;

class DatasetFilterTest {
  private static ObjectNode row(String json) throws Exception {
    return (ObjectNode) TableJson.MAPPER.readTree(json);
  }

  @Test
  void aestheticCutoffKeepsOnlyScoresStrictlyAbove() throws Exception {
    DatasetFilter aes = new DatasetFilter(5.0, null, null);
    assertEquals(
        "aes_cutoff",
        aes.rejects(row("{\"fltLaionAesthScore\": 5.0}")),
        "equal to the cutoff is dropped");
    assertNull(aes.rejects(row("{\"fltLaionAesthScore\": 5.000001}")));
    assertEquals("aes_cutoff", aes.rejects(row("{\"fltLaionAesthScore\": 4}")));
    assertEquals("aes_cutoff", aes.rejects(row("{\"fltLaionAesthScore\": NaN}")), "NaN is dropped");
    assertEquals("aes_cutoff", aes.rejects(row("{\"fltLaionAesthScore\": null}")));
    assertNull(
        aes.rejects(row("{\"fltLaionAesthScore\": \"5.5\"}")), "CSV gives numbers as strings");
    assertEquals(
        "aes_cutoff",
        aes.rejects(row("{\"fltLaionAesthScore\": \"\"}")),
        "an empty CSV cell is NaN");
    assertThrows(BadRowException.class, () -> aes.rejects(row("{\"other\": 9}")));
    assertThrows(
        BadRowException.class, () -> aes.rejects(row("{\"fltLaionAesthScore\": \"good\"}")));
  }

  @Test
  void minSizeKeepsBothSidesAtLeastTheSize() throws Exception {
    DatasetFilter size = new DatasetFilter(null, 512, null);
    assertNull(
        size.rejects(row("{\"intHeight\": 512, \"intWidth\": 512}")), "equal to min_size is kept");
    assertEquals("min_size", size.rejects(row("{\"intHeight\": 511, \"intWidth\": 4000}")));
    assertEquals("min_size", size.rejects(row("{\"intHeight\": 4000, \"intWidth\": 511}")));
    assertEquals("min_size", size.rejects(row("{\"intHeight\": null, \"intWidth\": 600}")));
    assertThrows(BadRowException.class, () -> size.rejects(row("{\"intHeight\": 600}")));
  }

  @Test
  void onlyTheFiltersGivenApply() throws Exception {
    DatasetFilter none = new DatasetFilter(null, null, null);
    assertNull(
        none.rejects(row("{\"fltLaionAesthScore\": 1.0, \"intHeight\": 1, \"intWidth\": 1}")),
        "no implicit aes_cutoff 5");
    DatasetFilter both = new DatasetFilter(5.0, 100, new MaxEncImages("image", 2));
    assertEquals(
        "aes_cutoff",
        both.rejects(row("{\"fltLaionAesthScore\": 1, \"intHeight\": 1, \"intWidth\": 1}")),
        "aes first");
    assertEquals(
        "max_enc_images",
        both.rejects(
            row(
                "{\"fltLaionAesthScore\": 6, \"intHeight\": 100, \"intWidth\": 100, \"image\":"
                    + " [1,2,3]}")));
    assertNull(
        both.rejects(
            row(
                "{\"fltLaionAesthScore\": 6, \"intHeight\": 100, \"intWidth\": 100, \"image\":"
                    + " [1,2]}")));
  }
}
