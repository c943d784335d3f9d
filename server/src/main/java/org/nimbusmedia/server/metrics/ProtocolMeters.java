package org.nimbusmedia.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * The meters of one client protocol: open connections, handshakes, connects accepted and rejected,
 * and messages and their bytes by direction and kind. Thread-safe; front ends share one per
 * protocol.
 */
public final class ProtocolMeters {
  private final MeterRegistry registry;
  private final String protocol;
  private final AtomicInteger open;
  private final Counter handshakes;
  private final Counter accepted;
  private final ConcurrentMap<String, Counter> rejected = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, MessageMeters> messages = new ConcurrentHashMap<>();
  // The meters by direction and RTMP message type id (a byte): one lookup table for every
  // connection of the protocol, not one per connection.
  private final AtomicReferenceArray<MessageMeters> byTypeId =
      new AtomicReferenceArray<>(Direction.values().length * 256);

  ProtocolMeters(MeterRegistry registry, String protocol, NimbusMetrics metrics) {
    this.registry = registry;
    this.protocol = protocol;
    this.open = metrics.openConnections(protocol);
    this.handshakes =
        Counter.builder("nimbus.handshakes")
            .description("Completed protocol handshakes")
            .tag("protocol", protocol)
            .register(registry);
    this.accepted = connects("accepted", "none");
  }

  private Counter connects(String result, String reason) {
    return Counter.builder("nimbus.connects")
        .description("Application connects decided, by result and rejection reason")
        .tag("protocol", protocol)
        .tag("result", result)
        .tag("reason", reason)
        .register(registry);
  }

  public String protocol() {
    return protocol;
  }

  public void connectionOpened() {
    open.incrementAndGet();
  }

  public void connectionClosed() {
    open.decrementAndGet();
  }

  public void handshakeCompleted() {
    handshakes.increment();
  }

  public void connectAccepted() {
    accepted.increment();
  }

  /**
   * A connect refused; {@code reason} is one of a few fixed words ({@code app_not_found}, {@code
   * script}, {@code redirect}, {@code error}, {@code limit} for a connection over the connection
   * limits), never client text, to keep the series bounded.
   */
  public void connectRejected(String reason) {
    rejected.computeIfAbsent(reason, key -> connects("rejected", key)).increment();
  }

  /** A connection dropped because its client stopped reading what the server sends. */
  public void slowReaderDropped() {
    Counter.builder("nimbus.connections.dropped")
        .description("Connections dropped by the server, by reason")
        .tag("protocol", protocol)
        .tag("reason", "slow_reader")
        .register(registry)
        .increment();
  }

  /** The counters of messages of {@code kind} going {@code in} or {@code out}. */
  public MessageMeters messages(Direction direction, String kind) {
    return messages.computeIfAbsent(
        direction.tag + "/" + kind, key -> new MessageMeters(registry, protocol, direction, kind));
  }

  /**
   * The counters of RTMP messages with type id {@code typeId} going {@code in} or {@code out},
   * whose kind {@code kindOf} names: {@link #messages(Direction, String)} without building the key.
   */
  public MessageMeters messages(Direction direction, int typeId, IntFunction<String> kindOf) {
    int slot = direction.ordinal() * 256 + (typeId & 0xFF);
    MessageMeters found = byTypeId.get(slot);
    if (found == null) {
      // Two threads may both look it up; messages() gives both the same instance.
      found = messages(direction, kindOf.apply(typeId));
      byTypeId.set(slot, found);
    }
    return found;
  }

  /** Which way a message went, as the {@code direction} tag says it. */
  public enum Direction {
    IN("in"),
    OUT("out");

    private final String tag;

    Direction(String tag) {
      this.tag = tag;
    }
  }

  /** Messages of one kind in one direction: how many and how many payload bytes. */
  public static final class MessageMeters {
    private final Counter count;
    private final Counter bytes;

    MessageMeters(MeterRegistry registry, String protocol, Direction direction, String kind) {
      this.count =
          Counter.builder("nimbus.messages")
              .description("Protocol messages, by direction and kind")
              .tag("protocol", protocol)
              .tag("direction", direction.tag)
              .tag("type", kind)
              .register(registry);
      this.bytes =
          Counter.builder("nimbus.message.bytes")
              .description("Message payload bytes, by direction and kind")
              .baseUnit("bytes")
              .tag("protocol", protocol)
              .tag("direction", direction.tag)
              .tag("type", kind)
              .register(registry);
    }

    /** {@code messages} messages with {@code payloadBytes} payload bytes in all. */
    public void record(long messages, long payloadBytes) {
      count.increment(messages);
      bytes.increment(payloadBytes);
    }
  }
}
