package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.client.ClientSharedObject;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Success;
import org.nimbusmedia.server.testing.ChildServer;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.TestClients;

/**
 * A persistent shared object survives {@code kill -9} of the server: Success is sent only after the
 * change is on disk (fms4.md section 2; storage described in section 1.5).
 */
class SharedObjectCrashIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path work;

  @Test
  void aConfirmedChangeSurvivesKillDashNine() throws Exception {
    Path apps = work.resolve("apps");
    Path storage = work.resolve("so");
    ChildServer child = ChildServer.start(apps, storage);
    EventLoopGroup group = new NioEventLoopGroup(1);
    try {
      int port = child.port();
      RtmpClient client = new RtmpClient(group, RtmpClientConfig.DEFAULTS);
      client
          .connect(URI.create("rtmp://127.0.0.1:" + port + "/so"))
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      ClientSharedObject so = client.sharedObject("crash/test", true);
      so.connect();
      so.awaitConnected(WAIT);
      for (int i = 1; i <= 10; i++) {
        so.setProperty("n", (double) i);
      }
      // The tenth Success carries version 10: every change is on disk by then.
      so.awaitEvent(e -> e instanceof Success && so.version() == 10, WAIT);
      // SIGKILL: no shutdown hook, no flush.
      child.kill();
      client.close();
    } finally {
      child.close();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    try (EmbeddedNimbus nimbus =
            EmbeddedNimbus.startWithStorage(apps, work.resolve("rec"), storage);
        TestClients clients = new TestClients()) {
      ClientSharedObject so =
          clients.persistentSharedObject(
              nimbus.rtmpUri("so"), "crash/test", d -> d.containsKey("n"));
      assertEquals(10.0, so.data().get("n"));
      assertEquals(10, so.version());
    }
  }
}
