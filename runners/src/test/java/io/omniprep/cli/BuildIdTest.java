package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The build id that {@code mvn package} writes, and the comparison the cluster makes with it. */
class BuildIdTest {
  @Test
  void theBuildHasAnIdOfItsVersionAndAHashOfItsClasses() {
    assertTrue(BuildId.current().matches("\\d+\\.\\d+\\.\\d+[^+\\s]*\\+[0-9a-f]{64}"), BuildId.current());
  }

  @Test
  void theSameBuildPasses() {
    assertDoesNotThrow(() -> BuildId.requireSame("0.1.0+ab", "0.1.0+ab"));
  }

  @Test
  void anotherBuildFailsSayingBothIdsAndWhatToDo() {
    for (List<String> ids : List.of(List.of("0.1.0+ab", "0.1.0+cd"), List.of("0.1.0+ab", "unknown"), List.of("0.2.0+ab", "0.1.0+ab"))) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> BuildId.requireSame(ids.get(0), ids.get(1)));
      String message = e.getMessage();
      assertTrue(message.contains("cluster " + ids.get(1)) && message.contains("client " + ids.get(0)), message);
      assertTrue(message.contains("runners/target/omniprep-cluster.jar") && message.contains("lib/ of the JobManager and every TaskManager")
          && message.contains("restart"), message);
      assertTrue(!message.contains("\n"), "one line, as the CLI prints it");
    }
  }
}
