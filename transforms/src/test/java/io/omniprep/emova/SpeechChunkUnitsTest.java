package io.omniprep.emova;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import io.omniprep.table.TableJson;
import io.omniprep.table.TableRow;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The chunk plan's join of one file's rows with the units of their ids, as {@link AttachSpeechUnitsTest} expects of the sample path. */
class SpeechChunkUnitsTest {
  @Test
  void rowsGetTheirIdsUnitsAndMisfitsAreReported() throws Exception {
    // What SpeechUnitsByFile hands this file: id 1 and b with one units value each, c with two.
    ChunkUnits units = ChunkUnits.merge(List.of(
        ChunkUnits.of("1", new TreeSet<>(List.of("\"<|speech_4|><|speech_4|>\""))),
        ChunkUnits.of("b", new TreeSet<>(List.of("[1,2]"))),
        ChunkUnits.of("c", new TreeSet<>(List.of("[1]", "[2]")))));
    List<String> joined = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<TableRow> rows = List.of(row(0, "{\"id\":\"1\",\"q\":\"x\"}"), row(1, "{\"id\":\"b\"}"), row(2, "{\"id\":\"c\"}"),
        row(3, "{\"id\":\"zz\"}"), row(4, "{\"q\":\"no id\"}"));
    for (TableRow row : rows) {
      TableRow out = units.attach(row, f -> failed.add(f.position() + " " + f.message() + " " + f.reason().code() + " " + f.stage()));
      if (out != null) {
        joined.add(out.text());
      }
    }
    assertEquals(List.of(
        "{\"id\":\"1\",\"q\":\"x\",\"speech_units\":\"<|speech_4|><|speech_4|>\"}",
        "{\"id\":\"b\",\"speech_units\":[1,2]}"), joined);
    assertEquals(List.of(
        "2 2 different speech units for id c bad_row speech_units",
        "3 no speech units for id zz bad_row speech_units",
        "4 no 'id' to look its speech units up by bad_row speech_units"), failed);
  }

  @Test
  void aFileWithoutUnitsFailsEveryRowAndCarriesTheSidecarsBadRecordsInOrder() throws Exception {
    FailedRecord late = FailedRecord.of("units.jsonl", 9, null, "read", Reason.MALFORMED_JSON, "bad", "{x");
    FailedRecord early = FailedRecord.of("units.jsonl", 2, "\"s7\"", AttachSpeechUnits.STAGE, Reason.BAD_ROW, "no units", "{}");
    ChunkUnits units = ChunkUnits.merge(List.of(ChunkUnits.ofFailure(late), ChunkUnits.ofFailure(early)));
    assertEquals(List.of(early, late), units.sidecarFailures());
    List<String> failed = new ArrayList<>();
    assertEquals(null, ChunkUnits.merge(List.of()).attach(row(0, "{\"id\":\"a\"}"), f -> failed.add(f.message())));
    assertEquals(List.of("no speech units for id a"), failed);
  }

  private static TableRow row(long position, String json) throws Exception {
    return TableRow.inFile("rows.json", position, position, (ObjectNode) TableJson.MAPPER.readTree(json));
  }
}
