package org.nimbusmedia.server;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where {@code --hash-password} gets the password: the terminal without echo, or, when there is no
 * terminal (a script piping it in), the first line of standard input.
 */
@FunctionalInterface
interface PasswordPrompt {
  /** The password, or null when none could be read. */
  char[] read();

  static PasswordPrompt fromTerminal(PrintStream prompts) {
    return () -> {
      Console console = System.console();
      if (console != null) {
        char[] first = console.readPassword("Password: ");
        char[] again = console.readPassword("Again: ");
        if (first == null || again == null || !Arrays.equals(first, again)) {
          prompts.println("nimbus: the passwords differ");
          return null;
        }
        return first;
      }
      try {
        String line =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? null : line.toCharArray();
      } catch (IOException e) {
        return null;
      }
    };
  }
}
