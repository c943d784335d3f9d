package org.nimbusmedia.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the RTMFP front end reports (RFC 7016): sessions open, round-trip times measured from
 * acknowledgements (section 3.5.2.2) and fragments sent again (section 3.6.2.3). The front end
 * calls these from its own threads; the RTMFP connection meters of {@link ProtocolMeters} ({@code
 * protocol="rtmfp"}) cover its connects and messages like any other protocol's.
 *
 * <p>Prometheus names: {@code nimbus_rtmfp_sessions}, {@code nimbus_rtmfp_rtt_seconds} (summary),
 * {@code nimbus_rtmfp_retransmissions_total}, {@code nimbus_rtmfp_handshakes_total}.
 */
public final class RtmfpMeters {
  private final AtomicInteger sessions = new AtomicInteger();
  private final Timer rtt;
  private final Counter retransmissions;
  private final Counter handshakes;

  RtmfpMeters(MeterRegistry registry) {
    Gauge.builder("nimbus.rtmfp.sessions", sessions, AtomicInteger::get)
        .description("RTMFP sessions open now")
        .register(registry);
    this.rtt =
        Timer.builder("nimbus.rtmfp.rtt")
            .description("RTMFP round-trip times measured from acknowledgements")
            .register(registry);
    this.retransmissions =
        Counter.builder("nimbus.rtmfp.retransmissions")
            .description("RTMFP user data fragments sent again")
            .register(registry);
    this.handshakes =
        Counter.builder("nimbus.rtmfp.handshakes")
            .description("RTMFP handshakes completed (session established)")
            .register(registry);
  }

  public void sessionOpened() {
    sessions.incrementAndGet();
    handshakes.increment();
  }

  public void sessionClosed() {
    sessions.decrementAndGet();
  }

  public void roundTrip(Duration time) {
    rtt.record(time);
  }

  public void retransmitted(int fragments) {
    retransmissions.increment(fragments);
  }
}
