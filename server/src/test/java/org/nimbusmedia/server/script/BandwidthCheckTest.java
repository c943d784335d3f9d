package org.nimbusmedia.server.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.scripting.host.ClientHandle;

/** The native bandwidth check's calls and figures, with a clock the test moves. */
class BandwidthCheckTest {

  /** A client that answers every call at once, the clock advancing {@code answerMillis} each. */
  private static final class AnsweringClient implements ClientHandle {
    final List<String> calls = new ArrayList<>();
    final List<List<Object>> arguments = new ArrayList<>();
    long nowNanos;
    long answerMillis;
    boolean refuse;

    @Override
    public void call(String method, List<Object> args, CallResultListener listener) {
      calls.add(method);
      arguments.add(args);
      nowNanos += answerMillis * 1_000_000;
      if (listener == null) {
        return;
      }
      if (refuse) {
        listener.onStatus(Map.of("code", "NetConnection.Call.Failed"));
      } else {
        listener.onResult(null);
      }
    }

    @Override
    public String id() {
      return "1";
    }

    @Override
    public String ip() {
      return "127.0.0.1";
    }

    @Override
    public String agent() {
      return "";
    }

    @Override
    public String protocol() {
      return "rtmp";
    }

    @Override
    public String referrer() {
      return "";
    }

    @Override
    public String pageUrl() {
      return "";
    }

    @Override
    public String uri() {
      return "";
    }

    @Override
    public boolean ping() {
      return true;
    }

    @Override
    public Map<String, Object> stats() {
      return Map.of();
    }

    @Override
    public long bandwidthLimit(int direction) {
      return 0;
    }

    @Override
    public void setBandwidthLimit(long serverToClient, long clientToServer) {}

    @Override
    public void checkBandwidth() {}

    @Override
    public void disconnect() {}
  }

  @Test
  void aSlowClientIsMeasuredForTheMaximumWaitThenToldTheRate() {
    AnsweringClient client = new AnsweringClient();
    client.answerMillis = 250;

    new BandwidthCheck(client, BandwidthCheck.Names.SCRIPT, () -> client.nowNanos).start();

    // One latency probe, then payloads until 2 s have passed (8 x 250 ms), then onBWDone.
    assertEquals(10, client.calls.size(), client.calls.toString());
    assertEquals(List.of(), client.arguments.get(0));
    for (int i = 1; i <= 8; i++) {
      assertEquals("onBWCheck", client.calls.get(i));
      assertEquals(16384, ((String) client.arguments.get(i).get(0)).length());
    }
    assertEquals("onBWDone", client.calls.get(9));
    // 8 payloads of 16384 bytes = 1048.576 kbit in 2000 ms: 524 kbit/s; round trip 250 ms.
    assertEquals(List.of(524.0, 1048.576, 2000.0, 250.0), client.arguments.get(9));
  }

  @Test
  void aFastClientGetsAtMostSixtyFourPayloads() {
    AnsweringClient client = new AnsweringClient();
    client.answerMillis = 1;

    new BandwidthCheck(client, BandwidthCheck.Names.SCRIPT, () -> client.nowNanos).start();

    assertEquals(1 + 64 + 1, client.calls.size());
    List<Object> done = client.arguments.get(65);
    assertEquals(64 * 16384 * 8 / 1000.0, done.get(1));
    assertTrue((Double) done.get(0) > 0);
  }

  @Test
  void aCheckTheClientAskedForUsesLibrtmpsNames() {
    AnsweringClient client = new AnsweringClient();
    client.answerMillis = 1000;

    new BandwidthCheck(client, BandwidthCheck.Names.CLIENT_REQUESTED, () -> client.nowNanos)
        .start();

    assertEquals(List.of("_onbwcheck", "_onbwcheck", "_onbwcheck", "_onbwdone"), client.calls);
  }

  @Test
  void aClientWithoutOnBwCheckEndsTheCheckQuietly() {
    AnsweringClient client = new AnsweringClient();
    client.refuse = true;

    new BandwidthCheck(client, BandwidthCheck.Names.SCRIPT, () -> client.nowNanos).start();

    assertEquals(List.of("onBWCheck"), client.calls);
  }
}
