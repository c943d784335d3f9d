package org.nimbusmedia.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * The command line: {@code java -jar bench/target/nimbus-bench.jar --url rtmp://...}. Prints a
 * progress line per second, then the summary as a table and as JSON. Exit status 0 after a run, 2
 * on bad options, 1 if the run could not start.
 */
public final class LoadMain {

  private LoadMain() {}

  /** Runs the load generator with the given options. */
  public static void main(String[] args) throws InterruptedException {
    PrintStream out = System.out;
    if (args.length == 0 || List.of(args).contains("--help")) {
      out.println(LoadOptions.USAGE);
      return;
    }
    LoadOptions options;
    try {
      options = LoadOptions.parse(List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println("nimbus-bench: " + e.getMessage());
      System.err.println(LoadOptions.USAGE);
      System.exit(2);
      return;
    }
    try {
      LoadReport report = new LoadGenerator(options, out::println).run();
      out.println();
      out.print(report.toTable());
      String json = report.toJson();
      out.println(json);
      if (options.json() != null) {
        Files.writeString(options.json(), json + "\n", StandardCharsets.UTF_8);
      }
    } catch (IOException | IllegalStateException e) {
      System.err.println("nimbus-bench: " + e.getMessage());
      System.exit(1);
    }
  }
}
