package org.nimbusmedia.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.nimbusmedia.rtmfp.session.RtmfpStats;

/**
 * What the RTMFP front end reports (RFC 7016): sessions open, round-trip times measured from
 * acknowledgements (section 3.5.2.2) and fragments sent again (section 3.6.2.3). The front end
 * calls these from its own threads; the RTMFP connection meters of {@link ProtocolMeters} ({@code
 * protocol="rtmfp"}) cover its connects and messages like any other protocol's.
 *
 * <p>Prometheus names: {@code nimbus_rtmfp_sessions}, {@code nimbus_rtmfp_rtt_seconds} (summary),
 * {@code nimbus_rtmfp_retransmissions_total}, {@code nimbus_rtmfp_handshakes_total}, {@code
 * nimbus_rtmfp_received_bytes_total} and {@code nimbus_rtmfp_sent_bytes_total} (UDP payload), and
 * {@code nimbus_rtmfp_handshakes_refused_total} by {@code reason}: {@code amplification} (an IHello
 * left unanswered because the RHello would be larger than the amplification bounds allow), {@code
 * cap} (a session over the total or per-address limit), {@code bad_cookie} (an IIKeying whose
 * cookie this server did not issue to that address, or that expired).
 */
public final class RtmfpMeters {
  private final MeterRegistry registry;
  private final AtomicInteger sessions = new AtomicInteger();
  private final Timer rtt;
  private final Counter retransmissions;
  private final Counter handshakes;

  RtmfpMeters(MeterRegistry registry) {
    this.registry = registry;
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

  /** Reports the endpoint's own counters, read when the registry is scraped. */
  public void watch(RtmfpStats stats) {
    refused(stats, "amplification", RtmfpStats::amplificationRefused);
    refused(stats, "cap", RtmfpStats::refusedByCap);
    refused(stats, "bad_cookie", RtmfpStats::badCookie);
    FunctionCounter.builder("nimbus.rtmfp.received", stats, RtmfpStats::bytesIn)
        .description("UDP payload bytes the RTMFP socket received")
        .baseUnit("bytes")
        .register(registry);
    FunctionCounter.builder("nimbus.rtmfp.sent", stats, RtmfpStats::bytesOut)
        .description("UDP payload bytes the RTMFP socket sent")
        .baseUnit("bytes")
        .register(registry);
  }

  private void refused(RtmfpStats stats, String reason, ToDoubleFunction<RtmfpStats> count) {
    FunctionCounter.builder("nimbus.rtmfp.handshakes.refused", stats, count)
        .description("RTMFP handshake messages left unanswered")
        .tag("reason", reason)
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
