package io.omniprep.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A lint of the container recipe (no image builder runs here): known instructions only, FROM
 * first, every COPY source a path the release archive holds (the recipe is built from the unpacked
 * archive), the entry point in exec form naming the launcher it installs.
 */
class DockerfileLintTest {
  private static final Path RELEASE = Path.of("src/release");
  private static final Set<String> INSTRUCTIONS =
      Set.of("FROM", "RUN", "COPY", "ENV", "ARG", "USER", "WORKDIR", "ENTRYPOINT", "CMD", "LABEL", "EXPOSE", "VOLUME");

  @Test
  void theRecipeCopiesWhatTheReleaseArchiveHoldsAndRunsTheLauncher() throws Exception {
    List<String[]> instructions = instructions(Files.readAllLines(RELEASE.resolve("Dockerfile")));
    Set<String> archived = archivedPaths();

    assertEquals("FROM", instructions.get(0)[0]);
    for (String[] i : instructions) {
      assertTrue(INSTRUCTIONS.contains(i[0]), "unknown instruction " + i[0]);
      if (i[0].equals("COPY")) {
        String[] words = i[1].trim().split("\\s+");
        assertEquals(2, words.length, "COPY SOURCE TARGET: " + i[1]);
        String source = words[0].replaceAll("/$", "");
        assertTrue(archived.stream().anyMatch(p -> p.equals(source) || p.startsWith(source + "/")),
            source + " is not in the release archive " + archived);
      }
    }
    JsonNode entry = new ObjectMapper().readTree(last(instructions, "ENTRYPOINT"));
    assertTrue(entry.isArray() && entry.get(0).asText().equals("omniprep"), entry.toString());
    assertTrue(instructions.stream().anyMatch(i -> i[0].equals("RUN") && i[1].contains("/opt/omniprep/bin/omniprep /usr/local/bin/omniprep")),
        "the launcher is linked onto PATH");
  }

  /** Instruction and argument text, continuation lines joined, comments left out. */
  private static List<String[]> instructions(List<String> lines) {
    List<String[]> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : lines) {
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      current.append(line.strip());
      if (line.endsWith("\\")) {
        current.setLength(current.length() - 1);
        current.append(' ');
        continue;
      }
      String text = current.toString();
      int space = text.indexOf(' ');
      out.add(new String[] {text.substring(0, space), text.substring(space + 1)});
      current.setLength(0);
    }
    assertEquals(0, current.length(), "a continuation at the end");
    return out;
  }

  private static String last(List<String[]> instructions, String name) {
    String value = null;
    for (String[] i : instructions) {
      if (i[0].equals(name)) {
        value = i[1];
      }
    }
    return value;
  }

  /** The paths release.xml puts in the archive, relative to its top folder. */
  private static Set<String> archivedPaths() throws Exception {
    var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(RELEASE.resolve("release.xml").toFile());
    NodeList files = doc.getElementsByTagName("file");
    Set<String> paths = new HashSet<>();
    for (int n = 0; n < files.getLength(); n++) {
      Element file = (Element) files.item(n);
      String source = text(file, "source");
      String name = text(file, "destName");
      name = name != null ? name : source.substring(source.lastIndexOf('/') + 1);
      String dir = text(file, "outputDirectory");
      paths.add(dir == null || dir.equals(".") ? name : dir + "/" + name);
    }
    return paths;
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
  }
}
