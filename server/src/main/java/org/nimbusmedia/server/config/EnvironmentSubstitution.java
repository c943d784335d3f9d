package org.nimbusmedia.server.config;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in a config file's text with values from the
 * environment, before the YAML is parsed. Lines that are whole comments are left alone, so the
 * documentation in the bundled file may show the syntax. A variable that is unset and has no
 * default is an error: starting with an empty value in its place would hide the mistake.
 */
final class EnvironmentSubstitution {
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private EnvironmentSubstitution() {}

  static String apply(String source, String text, Function<String, String> environment)
      throws ConfigException {
    StringBuilder out = new StringBuilder(text.length());
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        out.append('\n');
      }
      String line = lines[i];
      if (line.stripLeading().startsWith("#")) {
        out.append(line);
        continue;
      }
      Matcher matcher = REFERENCE.matcher(line);
      int last = 0;
      while (matcher.find()) {
        String name = matcher.group(1);
        String value = environment.apply(name);
        if (value == null) {
          value = matcher.group(2);
        }
        if (value == null) {
          throw new ConfigException(
              source + " line " + (i + 1),
              "",
              "environment variable "
                  + name
                  + " is not set: expected it to be set, or a default written as ${"
                  + name
                  + ":-value}");
        }
        out.append(line, last, matcher.start()).append(value);
        last = matcher.end();
      }
      out.append(line, last, line.length());
    }
    return out.toString();
  }
}
