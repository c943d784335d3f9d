package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;
import org.nimbusmedia.rtmp.client.StatusEvent;
import org.nimbusmedia.server.testing.ChildServer;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.TestClients;

/**
 * SIGTERM while many clients are connected: each client is told {@code
 * NetConnection.Connect.AppShutdown} (fms4.md section 1.10) and disconnected, a shared object
 * change the script had not committed yet is stored, the access log ends with {@code server-stop},
 * and the process exits with 0. The real {@code Main} runs in a child JVM with 256 MiB of heap. CI
 * connects 200 clients; {@code -Dnimbus.shutdown.clients=1000} runs the full issue 10 figure. The
 * time from SIGTERM to exit is printed (a measurement, not an assertion: the bound below only
 * catches a hang).
 */
class GracefulShutdownIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
  private static final int CLIENTS = Integer.getInteger("nimbus.shutdown.clients", 200);

  @TempDir Path work;

  @Test
  void sigtermTellsEveryClientStoresStateClosesTheAccessLogAndExits() throws Exception {
    Path apps = work.resolve("apps");
    Path storage = work.resolve("so");
    Path logs = work.resolve("logs");
    Files.createDirectories(apps.resolve("shut"));
    Files.writeString(
        apps.resolve("shut").resolve("main.asc"),
        """
        application.onAppStart = function () {
          this.state = SharedObject.get("state", true);
          this.state.autoCommit = false; // stored when the instance stops, not before
        };
        Client.prototype.remember = function (n) {
          application.state.setProperty("n", n);
          return application.state.isDirty;
        };
        """);
    Path conf = writeConfig(apps, storage, logs);

    ChildServer child = ChildServer.startMain(conf, "256m");
    EventLoopGroup group = new NioEventLoopGroup(1);
    try {
      URI uri = URI.create("rtmp://127.0.0.1:" + child.port() + "/shut");
      List<RtmpClient> clients = new ArrayList<>();
      List<CompletableFuture<StatusEvent>> told = new ArrayList<>();
      for (int batch = 0; batch < CLIENTS; batch += 50) {
        List<CompletableFuture<?>> connects = new ArrayList<>();
        for (int i = batch; i < Math.min(CLIENTS, batch + 50); i++) {
          RtmpClient client =
              new RtmpClient(group, RtmpClientConfig.DEFAULTS.withMediaQueueCapacity(0));
          clients.add(client);
          connects.add(client.connect(uri));
        }
        CompletableFuture.allOf(connects.toArray(CompletableFuture[]::new))
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
      for (RtmpClient client : clients) {
        told.add(client.nextStatus("NetConnection.Connect.AppShutdown"));
      }
      assertEquals(
          true,
          clients.get(0).call("remember", 42.0).get(WAIT.toSeconds(), TimeUnit.SECONDS),
          "the change is in memory only, not stored yet");

      long signalled = System.nanoTime();
      int exitCode = child.terminate(SHUTDOWN_TIMEOUT.multipliedBy(6));
      long exitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
      System.out.printf(
          "GracefulShutdownIT: %d clients, SIGTERM to exit %d ms (shutdownTimeout %d ms)%n",
          CLIENTS, exitMillis, SHUTDOWN_TIMEOUT.toMillis());

      assertEquals(0, exitCode, "a clean stop exits with 0");
      int toldCount = 0;
      for (int i = 0; i < clients.size(); i++) {
        StatusEvent status = told.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals("error", status.level());
        toldCount++;
        clients.get(i).closeFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
      assertEquals(CLIENTS, toldCount, "every client is told");
      List<String> access = Files.readAllLines(logs.resolve("access.log"));
      assertTrue(
          access.get(access.size() - 1).contains("server-stop"),
          "the access log ends with server-stop: " + access.get(access.size() - 1));
      clients.forEach(RtmpClient::close);
    } finally {
      child.close();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    try (EmbeddedNimbus nimbus =
            EmbeddedNimbus.startWithStorage(apps, work.resolve("rec"), storage);
        TestClients clients = new TestClients()) {
      Map<String, Object> data =
          clients
              .persistentSharedObject(nimbus.rtmpUri("shut"), "state", d -> d.containsKey("n"))
              .data();
      assertEquals(42.0, data.get("n"), "the uncommitted change was stored at the stop");
    }
  }

  private Path writeConfig(Path apps, Path storage, Path logs) throws Exception {
    Path conf = work.resolve("conf");
    Files.createDirectories(conf);
    Files.copy(Path.of("..", "conf", "logback.xml"), conf.resolve("logback.xml"));
    Path file = conf.resolve("nimbus.yaml");
    Files.writeString(
        file,
        """
        server:
          listeners:
            rtmp: {port: 0}
            rtmpt: {enabled: false}
            rtmfp: {enabled: false}
            admin: {enabled: false}
          shutdownTimeout: %ds
        applications:
          directory: "%s"
        limits:
          maxConnectionsPerIp: 5000
        storage:
          recordings: "%s"
          sharedObjects: "%s"
        logging:
          directory: "%s"
        """
            .formatted(SHUTDOWN_TIMEOUT.toSeconds(), apps, work.resolve("rec"), storage, logs));
    return file;
  }
}
