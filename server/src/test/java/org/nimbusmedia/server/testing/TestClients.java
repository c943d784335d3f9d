package org.nimbusmedia.server.testing;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.nimbusmedia.rtmp.client.ClientSharedObject;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;

/** Our Java RTMP clients for one test: one event loop group, every client closed at the end. */
public final class TestClients implements AutoCloseable {
  public static final Duration WAIT = Duration.ofSeconds(20);

  private final EventLoopGroup group = new NioEventLoopGroup(2);
  private final List<RtmpClient> clients = new ArrayList<>();

  /** A client not yet connected. */
  public RtmpClient create(RtmpClientConfig config) {
    RtmpClient client = new RtmpClient(group, config);
    clients.add(client);
    return client;
  }

  /** A client connected to {@code uri} with the extra connect arguments {@code args}. */
  public RtmpClient connect(URI uri, Object... args) throws Exception {
    RtmpClient client = create(RtmpClientConfig.DEFAULTS);
    client.connect(uri, args).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return client;
  }

  /**
   * The persistent shared object {@code name} of the application at {@code uri}, as a new client
   * sees it once its data satisfies {@code until} (what a restarted server loaded from disk).
   */
  public ClientSharedObject persistentSharedObject(
      URI uri, String name, Predicate<Map<String, Object>> until) throws Exception {
    ClientSharedObject so = connect(uri).sharedObject(name, true);
    so.connect();
    so.awaitData(until, WAIT);
    return so;
  }

  @Override
  public void close() {
    clients.forEach(RtmpClient::close);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
