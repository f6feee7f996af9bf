package io.omniprep.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of what the CLI prints. Beam echoes an option's value when it cannot parse
 * it ({@code Unable to parse JSON value {"@type":"StaticCredentialsProvider",...}}), and libraries
 * quote JSON snippets in their errors; so before anything reaches the terminal, the value of every
 * option whose name says it carries credentials is replaced by a placeholder naming the option, and
 * so is the value of every JSON field named like a secret.
 */
final class Secrets {
  private static final Pattern OPTION = Pattern.compile("^--([^=]+)=(.+)$", Pattern.DOTALL);
  private static final Pattern SENSITIVE_NAME =
      Pattern.compile("(?i).*(credential|secret|password|token|ssecustomerkey|proxyconfiguration).*");
  private static final Pattern SECRET_FIELD =
      Pattern.compile("(?i)(\"(?:secretAccessKey|sessionToken|password|secret|key|accessKeyId)\"\\s*:\\s*\")[^\"]*");

  private final List<String[]> values;

  private Secrets(List<String[]> values) {
    this.values = values;
  }

  /** The credential-bearing option values among the command-line arguments ({@code --name=value} or {@code --name value}). */
  static Secrets in(String[] args) {
    List<String[]> values = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      Matcher m = OPTION.matcher(args[i]);
      if (m.matches() && SENSITIVE_NAME.matcher(m.group(1)).matches()) {
        values.add(new String[] {m.group(1), m.group(2)});
      } else if (args[i].startsWith("--") && !args[i].contains("=") && SENSITIVE_NAME.matcher(args[i].substring(2)).matches()
          && i + 1 < args.length && !args[i + 1].isEmpty() && !args[i + 1].startsWith("--")) {
        values.add(new String[] {args[i].substring(2), args[i + 1]});
      }
    }
    return new Secrets(values);
  }

  String redact(String text) {
    String out = text;
    for (String[] v : values) {
      out = out.replace(v[1], "<value of --" + v[0] + " hidden>");
    }
    return SECRET_FIELD.matcher(out).replaceAll("$1<hidden>");
  }
}
