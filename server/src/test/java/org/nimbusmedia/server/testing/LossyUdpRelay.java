package org.nimbusmedia.server.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP relay on loopback between one client and a server that drops every {@code n}th datagram the
 * server sends, up to a bound, so that the server has to retransmit. Used where a test needs real
 * loss on the server's side of an RTMFP session.
 */
public final class LossyUdpRelay implements AutoCloseable {
  private final DatagramSocket socket;
  private final InetSocketAddress server;
  private final int dropEvery;
  private final int maxDrops;
  private final AtomicInteger fromServer = new AtomicInteger();
  private final AtomicInteger dropped = new AtomicInteger();
  private final Thread relay;
  private volatile SocketAddress client;

  /**
   * @param server where datagrams from the client go
   * @param dropEvery drop one in this many datagrams from the server
   * @param maxDrops drop no more than this many in all
   */
  public LossyUdpRelay(InetSocketAddress server, int dropEvery, int maxDrops) throws IOException {
    this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    this.server = server;
    this.dropEvery = dropEvery;
    this.maxDrops = maxDrops;
    this.relay = new Thread(this::run, "lossy-udp-relay");
    relay.setDaemon(true);
    relay.start();
  }

  /** The address clients send to instead of the server's. */
  public InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** Datagrams from the server dropped so far. */
  public int dropped() {
    return dropped.get();
  }

  private void run() {
    byte[] buffer = new byte[2048];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        SocketAddress sender = packet.getSocketAddress();
        if (sender.equals(server)) {
          if (client == null || drop()) {
            continue;
          }
          packet.setSocketAddress(client);
        } else {
          client = sender;
          packet.setSocketAddress(server);
        }
        socket.send(packet);
      } catch (IOException closed) {
        return;
      }
    }
  }

  private boolean drop() {
    if (fromServer.incrementAndGet() % dropEvery != 0 || dropped.get() >= maxDrops) {
      return false;
    }
    dropped.incrementAndGet();
    return true;
  }

  @Override
  public void close() {
    socket.close();
  }
}
