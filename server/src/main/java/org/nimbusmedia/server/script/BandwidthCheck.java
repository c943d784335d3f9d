package org.nimbusmedia.server.script;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.nimbusmedia.scripting.host.ClientHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FMS's native bandwidth check, started by {@code client.checkBandwidth()} (fms4.md section 1.3,
 * {@code Application.xml Client/BandwidthDetection}): the server calls the client's {@code
 * onBWCheck} once without data to measure the round trip, then with {@value #DATA_SIZE}-byte
 * payloads, each sent when the previous one is answered, for at most {@link #MAX_WAIT_MILLIS} ms or
 * {@value #MAX_PAYLOADS} payloads, and ends with {@code onBWDone(kbitDown, deltaDown, deltaTime,
 * latency)}: the measured rate in kbit/s, the kbit sent, the ms they took and the round trip in ms.
 * A client that cannot answer {@code onBWCheck} (an {@code _error}) ends the check without {@code
 * onBWDone}; one that never answers holds nothing but this object until it disconnects.
 *
 * <p>A client may also ask for the check itself by calling {@code _checkbw}, as librtmp does after
 * the server calls its {@code onBWDone}; FMS then runs the same check under the names {@code
 * _onbwcheck} and {@code _onbwdone}, which librtmp answers and understands.
 */
public final class BandwidthCheck {
  private static final Logger log = LoggerFactory.getLogger(BandwidthCheck.class);

  /** {@code BandwidthDetection/DataSize}: bytes of one payload (FMS default). */
  static final int DATA_SIZE = 16384;

  /** {@code BandwidthDetection/MaxWait}: how long the payload phase may last (FMS default 2 s). */
  static final long MAX_WAIT_MILLIS = 2000;

  /** At most this many payloads (1 MiB), so that a fast client is not sent more than it needs. */
  static final int MAX_PAYLOADS = 64;

  /** The names of the two calls: a script's check, or one that the client asked for. */
  enum Names {
    SCRIPT("onBWCheck", "onBWDone"),
    CLIENT_REQUESTED("_onbwcheck", "_onbwdone");

    private final String check;
    private final String done;

    Names(String check, String done) {
      this.check = check;
      this.done = done;
    }
  }

  private final ClientHandle client;
  private final Names names;
  private final LongSupplier nanoTime;
  private final String payload;
  private long startNanos;
  private long latencyMillis;
  private long burstStartNanos;
  private int payloadsSent;

  BandwidthCheck(ClientHandle client, Names names, LongSupplier nanoTime) {
    this.client = client;
    this.names = names;
    this.nanoTime = nanoTime;
    this.payload = randomText(DATA_SIZE);
  }

  /** {@code client.checkBandwidth()}: starts a check of {@code client}; returns at once. */
  public static void start(ClientHandle client) {
    new BandwidthCheck(client, Names.SCRIPT, System::nanoTime).start();
  }

  /** The client called {@code _checkbw}: starts a check of it; returns at once. */
  public static void startRequested(ClientHandle client) {
    new BandwidthCheck(client, Names.CLIENT_REQUESTED, System::nanoTime).start();
  }

  void start() {
    startNanos = nanoTime.getAsLong();
    client.call(names.check, List.of(), answer(this::latencyMeasured));
  }

  private void latencyMeasured() {
    latencyMillis = millisSince(startNanos);
    burstStartNanos = nanoTime.getAsLong();
    sendPayload();
  }

  private void sendPayload() {
    payloadsSent++;
    client.call(names.check, List.of(payload), answer(this::payloadAnswered));
  }

  private void payloadAnswered() {
    if (payloadsSent < MAX_PAYLOADS && millisSince(burstStartNanos) < MAX_WAIT_MILLIS) {
      sendPayload();
      return;
    }
    long deltaTime = Math.max(1, millisSince(burstStartNanos));
    double deltaDown = payloadsSent * (double) DATA_SIZE * 8 / 1000;
    double kbitDown = Math.floor(deltaDown * 1000 / deltaTime);
    client.call(
        names.done, List.of(kbitDown, deltaDown, (double) deltaTime, (double) latencyMillis), null);
  }

  private long millisSince(long nanos) {
    return (nanoTime.getAsLong() - nanos) / 1_000_000;
  }

  private ClientHandle.CallResultListener answer(Runnable next) {
    return new ClientHandle.CallResultListener() {
      @Override
      public void onResult(Object value) {
        next.run();
      }

      @Override
      public void onStatus(Object info) {
        log.debug("{}: bandwidth check ended, {} answered {}", client, names.check, info);
      }
    };
  }

  /** Printable ASCII, so that its AMF string is exactly {@code length} bytes. */
  private static String randomText(int length) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] text = new char[length];
    for (int i = 0; i < length; i++) {
      text[i] = (char) ('!' + random.nextInt(94));
    }
    return new String(text);
  }
}
