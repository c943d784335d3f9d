package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;
import org.nimbusmedia.rtmp.client.RtmpStatusException;
import org.nimbusmedia.server.testing.EmbeddedNimbus;

/** The bundled {@code apps/live/main.asc}: the allowed-domains checks of FMS's live app. */
class BundledLiveAppIT {
  @TempDir Path work;

  @Test
  void allowedHtmlDomainsDecideWhichPagesMayConnect() throws Exception {
    Path apps = work.resolve("apps");
    Files.createDirectories(apps.resolve("live"));
    Files.copy(Path.of("..", "apps", "live", "main.asc"), apps.resolve("live/main.asc"));
    Files.writeString(
        apps.resolve("live/allowedHTMLdomains.txt"), "# pages allowed\nexample.com\n");
    NioEventLoopGroup group = new NioEventLoopGroup(1);
    try (EmbeddedNimbus nimbus = EmbeddedNimbus.startRtmp(apps);
        RtmpClient allowed =
            new RtmpClient(
                group, RtmpClientConfig.DEFAULTS.withUrls("", "https://www.example.com/player"));
        RtmpClient refused =
            new RtmpClient(
                group, RtmpClientConfig.DEFAULTS.withUrls("", "https://evil.example.net/player"));
        RtmpClient encoder = new RtmpClient(group, RtmpClientConfig.DEFAULTS)) {
      Map<String, Object> ok = allowed.connect(nimbus.rtmpUri("live")).get(20, TimeUnit.SECONDS);
      assertEquals("NetConnection.Connect.Success", ok.get("code"));

      ExecutionException failure =
          assertThrows(
              ExecutionException.class,
              () -> refused.connect(nimbus.rtmpUri("live")).get(20, TimeUnit.SECONDS));
      RtmpStatusException rejected =
          assertInstanceOf(RtmpStatusException.class, failure.getCause());
      assertEquals("NetConnection.Connect.Rejected", rejected.code());

      encoder.connect(nimbus.rtmpUri("live")).get(20, TimeUnit.SECONDS); // no page URL: not checked
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
