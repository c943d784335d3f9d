package org.nimbusmedia.server.testing;

import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.nimbusmedia.server.NimbusServer;
import org.nimbusmedia.server.app.AppAddress;
import org.nimbusmedia.server.config.ApplicationsConfig;
import org.nimbusmedia.server.config.ListenerConfig;
import org.nimbusmedia.server.config.ListenersConfig;
import org.nimbusmedia.server.config.LiveQueueConfig;
import org.nimbusmedia.server.config.NimbusConfig;
import org.nimbusmedia.server.config.ServerConfig;
import org.nimbusmedia.server.config.StorageConfig;
import org.nimbusmedia.server.config.TlsListenerConfig;
import org.nimbusmedia.server.stream.LiveStream;

/**
 * An in-process Nimbus on loopback with free ports and its own applications folder, for integration
 * tests. Only the listeners a test asks for are enabled.
 */
public final class EmbeddedNimbus implements AutoCloseable {
  private final Path appsDirectory;
  private final NimbusServer server;

  private EmbeddedNimbus(Path appsDirectory, NimbusConfig config) {
    this.appsDirectory = appsDirectory;
    this.server = new NimbusServer(config);
  }

  /** A started server with an RTMP listener and the applications {@code apps} (empty folders). */
  public static EmbeddedNimbus startRtmp(Path appsDirectory, String... apps) {
    return start(appsDirectory, config -> config, apps);
  }

  public static EmbeddedNimbus start(
      Path appsDirectory, UnaryOperator<NimbusConfig> customize, String... apps) {
    try {
      for (String app : apps) {
        Files.createDirectories(appsDirectory.resolve(app));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ListenerConfig off = new ListenerConfig(false, "127.0.0.1", 0);
    NimbusConfig config =
        NimbusConfig.defaults()
            .withServer(
                new ServerConfig(
                    new ListenersConfig(new ListenerConfig(true, "127.0.0.1", 0), off, off, off),
                    Duration.ofSeconds(2)))
            .withApplications(new ApplicationsConfig(appsDirectory, Duration.ofMinutes(20)));
    EmbeddedNimbus nimbus = new EmbeddedNimbus(appsDirectory, customize.apply(config));
    try {
      nimbus.server.start();
    } catch (Exception e) {
      throw new IllegalStateException("embedded server did not start", e);
    }
    return nimbus;
  }

  /**
   * A started server with an RTMP listener that records into {@code recordings} and keeps
   * persistent shared objects in {@code sharedObjects}: a restart on what an earlier server left.
   */
  public static EmbeddedNimbus startWithStorage(
      Path appsDirectory, Path recordings, Path sharedObjects) {
    return start(
        appsDirectory, config -> config.withStorage(new StorageConfig(recordings, sharedObjects)));
  }

  /** A started server with RTMP and RTMFP listeners and the applications {@code apps}. */
  public static EmbeddedNimbus startRtmpAndRtmfp(
      Path appsDirectory, UnaryOperator<NimbusConfig> customize, String... apps) {
    return start(
        appsDirectory,
        config -> {
          ListenerConfig on = new ListenerConfig(true, "127.0.0.1", 0);
          ListenerConfig off = new ListenerConfig(false, "127.0.0.1", 0);
          return customize.apply(
              config.withServer(
                  new ServerConfig(
                      new ListenersConfig(on, off, on, off), config.server().shutdownTimeout())));
        },
        apps);
  }

  /** The RTMFP front end's UDP address. */
  public InetSocketAddress rtmfpAddress() {
    return new InetSocketAddress("127.0.0.1", port("rtmfp"));
  }

  /** {@code config} with the RTMPT listener on, at a free loopback port. */
  public static NimbusConfig withRtmpt(NimbusConfig config) {
    ServerConfig server = config.server();
    return config.withServer(
        new ServerConfig(
            server.listeners().withRtmpt(new ListenerConfig(true, "127.0.0.1", 0)),
            server.shutdownTimeout()));
  }

  /**
   * {@code config} with a live queue that batches for any audience ({@code
   * live.queue.minSubscribers: 0}): a test's one or two players then get the batches, and their
   * shared encoding, that a large audience gets.
   */
  public static NimbusConfig queueingForAnyAudience(NimbusConfig config) {
    LiveQueueConfig queue = config.live().queue();
    return config.withLive(
        config
            .live()
            .withQueue(
                new LiveQueueConfig(queue.maxDelay(), queue.maxSize(), queue.flushOnData(), 0)));
  }

  /** {@code config} with the admin listener (API, /metrics) on, at a free loopback port. */
  public static NimbusConfig withAdmin(NimbusConfig config) {
    ServerConfig server = config.server();
    return config.withServer(
        new ServerConfig(
            server.listeners().withAdmin(new ListenerConfig(true, "127.0.0.1", 0)),
            server.shutdownTimeout()));
  }

  /** An RTMPS listener at a free loopback port serving {@code certificate} (made by the test). */
  public static TlsListenerConfig rtmpsListener(SelfSignedCertificate certificate) {
    return new TlsListenerConfig(
        true,
        "127.0.0.1",
        0,
        certificate.certificate().toPath(),
        certificate.privateKey().toPath());
  }

  public NimbusServer server() {
    return server;
  }

  public Path appsDirectory() {
    return appsDirectory;
  }

  public int rtmpPort() {
    return server.address("rtmp").map(InetSocketAddress::getPort).orElseThrow();
  }

  /** The port of the front end for {@code protocol} ("rtmp", "rtmpt", "rtmps"). */
  public int port(String protocol) {
    return server.address(protocol).map(InetSocketAddress::getPort).orElseThrow();
  }

  /**
   * Waits (at most 20 s) until the live stream {@code stream} of {@code app}'s default instance has
   * {@code count} subscribers.
   */
  public void awaitSubscribers(String app, String stream, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      int now =
          server
              .applications()
              .instance(new AppAddress(app, AppAddress.DEFAULT_INSTANCE))
              .flatMap(instance -> instance.streams().find(stream))
              .map(LiveStream::subscriberCount)
              .orElse(0);
      if (now == count) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(stream + " never had " + count + " subscribers");
  }

  /** {@code rtmp://127.0.0.1:<port>/<path>}. */
  public URI rtmpUri(String path) {
    return URI.create("rtmp://127.0.0.1:" + rtmpPort() + "/" + path);
  }

  @Override
  public void close() {
    server.stop();
  }
}
