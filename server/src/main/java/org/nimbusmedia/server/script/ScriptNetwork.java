package org.nimbusmedia.server.script;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.nimbusmedia.server.config.ScriptingSettings;

/**
 * What every instance's outgoing traffic shares: one event loop for server-side {@code
 * NetConnection}s to other RTMP servers, and one HTTP client for {@code XML}, {@code LoadVars} and
 * AMF gateways. Both are made on first use, so that a server whose scripts never leave it starts no
 * thread for them.
 */
public final class ScriptNetwork implements AutoCloseable {
  private final ScriptingSettings settings;
  private EventLoopGroup loop;
  private ExecutorService httpExecutor;
  private HttpClient httpClient;
  private boolean closed;

  public ScriptNetwork(ScriptingSettings settings) {
    this.settings = settings;
  }

  ScriptingSettings settings() {
    return settings;
  }

  /** The event loop of outgoing RTMP connections. */
  synchronized EventLoopGroup loop() {
    if (closed) {
      throw new IllegalStateException("the server is stopping");
    }
    if (loop == null) {
      loop = new NioEventLoopGroup(1, new DefaultThreadFactory("nimbus-script-rtmp", true));
    }
    return loop;
  }

  /** The HTTP client of scripts; redirects are followed, except from https to http. */
  synchronized HttpClient http() {
    if (closed) {
      throw new IllegalStateException("the server is stopping");
    }
    if (httpClient == null) {
      httpExecutor =
          Executors.newCachedThreadPool(new DefaultThreadFactory("nimbus-script-http", true));
      httpClient =
          HttpClient.newBuilder()
              .executor(httpExecutor)
              .connectTimeout(settings.httpTimeout())
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
    }
    return httpClient;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (loop != null) {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
    if (httpExecutor != null) {
      httpExecutor.shutdownNow();
    }
  }
}
