package org.nimbusmedia.bench.slow;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nimbusmedia.bench.load.LatencySummary;
import org.nimbusmedia.bench.load.LoadGenerator;
import org.nimbusmedia.bench.load.LoadOptions;
import org.nimbusmedia.bench.load.LoadReport;

/**
 * Two runs of the load generator with the same options: a baseline, then the same load while {@code
 * --stalled K} more players of the stream stop reading from the start. Prints each run's
 * steady-window latency and missing frames, the ratio of the second to the first, and how many
 * stalled players the server dropped. The server's {@code rtmp.maxWriteStall} (default 10 s) has to
 * fit into {@code --duration} with room to spare, so that the second run covers the time with the
 * stalled players connected and the time after they are dropped.
 *
 * <pre>
 * java -cp bench/target/nimbus-bench.jar org.nimbusmedia.bench.slow.SlowReaderMain \
 *     --url rtmp://127.0.0.1:19351/live/stream --subscribers 100 --duration 40 --stalled 5
 * </pre>
 */
public final class SlowReaderMain {
  private static final int MAX_STALLED = 1000;

  private SlowReaderMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    List<String> rest = new ArrayList<>(List.of(args));
    int stalledCount = 5;
    int at = rest.indexOf("--stalled");
    if (at >= 0) {
      if (at + 1 >= rest.size()) {
        usage("--stalled needs a count");
      }
      stalledCount = Integer.parseInt(rest.get(at + 1));
      rest.subList(at, at + 2).clear();
      if (stalledCount < 1 || stalledCount > MAX_STALLED) {
        usage("--stalled must be 1.." + MAX_STALLED + ", got " + stalledCount);
      }
    }
    LoadOptions options;
    try {
      options = LoadOptions.parse(rest);
    } catch (IllegalArgumentException e) {
      usage(e.getMessage());
      return;
    }

    out.println("== baseline: " + options.subscribers() + " players");
    LoadReport baseline = new LoadGenerator(options, out::println).run();

    out.println("== the same with " + stalledCount + " players that stop reading");
    List<StalledPlayer> stalled = new ArrayList<>();
    LoadReport loaded;
    int dropped = 0;
    try {
      for (int i = 0; i < stalledCount; i++) {
        // They wait for the publisher that the run starts.
        stalled.add(StalledPlayer.play(options.appUrl(), options.streamName(0)));
      }
      loaded = new LoadGenerator(options, out::println).run();
      for (StalledPlayer player : stalled) {
        if (player.droppedByServer(5)) {
          dropped++;
        }
      }
    } finally {
      for (StalledPlayer player : stalled) {
        player.close();
      }
    }

    out.println();
    out.println("| run | steady p50 ms | p90 ms | p99 ms | max ms | frames missing (steady) |");
    out.println("|---|---|---|---|---|---|");
    row(out, "baseline", baseline);
    row(out, "with " + stalledCount + " stalled", loaded);
    out.printf(
        Locale.ROOT,
        "p50 ratio %.3f, p90 ratio %.3f, p99 ratio %.3f; stalled players dropped by the server:"
            + " %d of %d%n",
        ratio(loaded.steadyLatency().p50(), baseline.steadyLatency().p50()),
        ratio(loaded.steadyLatency().p90(), baseline.steadyLatency().p90()),
        ratio(loaded.steadyLatency().p99(), baseline.steadyLatency().p99()),
        dropped,
        stalledCount);
  }

  private static void row(PrintStream out, String name, LoadReport report) {
    LatencySummary latency = report.steadyLatency();
    out.printf(
        Locale.ROOT,
        "| %s | %.2f | %.2f | %.2f | %.2f | %d (%d) |%n",
        name,
        latency.p50(),
        latency.p90(),
        latency.p99(),
        latency.max(),
        report.missing(),
        report.steadyMissing());
  }

  private static double ratio(double value, double baseline) {
    return baseline == 0 ? Double.NaN : value / baseline;
  }

  private static void usage(String problem) throws IOException {
    System.err.println("slow-reader bench: " + problem);
    System.err.println("options: the load generator's, plus --stalled K (1.." + MAX_STALLED + ")");
    System.err.println(LoadOptions.USAGE);
    System.exit(2);
  }
}
