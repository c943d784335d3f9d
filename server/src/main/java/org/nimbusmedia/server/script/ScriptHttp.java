package org.nimbusmedia.server.script;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.nimbusmedia.scripting.host.HttpHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP requests of one instance's script, on the shared client of {@link ScriptNetwork}: only
 * {@code http} and {@code https} URLs, each bounded by {@code scripting.httpTimeout} from sending
 * to the last byte and by {@code scripting.httpMaxResponseSize}, and counted against the instance's
 * {@link OutgoingBudget}.
 */
final class ScriptHttp implements HttpHost {
  private static final Logger log = LoggerFactory.getLogger(ScriptHttp.class);

  private final ScriptNetwork network;
  private final OutgoingBudget budget;
  private final String userAgent;

  ScriptHttp(ScriptNetwork network, OutgoingBudget budget, String userAgent) {
    this.network = network;
    this.budget = budget;
    this.userAgent = userAgent;
  }

  @Override
  public void send(Request request, Listener listener) {
    HttpRequest http;
    try {
      http = build(request);
    } catch (IllegalArgumentException e) {
      listener.onFailure(e.getMessage());
      return;
    }
    if (!budget.tryTake()) {
      listener.onFailure(budget.exhausted());
      return;
    }
    int maxBytes = network.settings().httpMaxResponseSize();
    CompletableFuture<HttpResponse<byte[]>> exchange;
    try {
      exchange = network.http().sendAsync(http, info -> new LimitedBody(maxBytes));
    } catch (IllegalStateException e) {
      budget.give();
      listener.onFailure(e.getMessage());
      return;
    }
    long timeoutMillis = network.settings().httpTimeout().toMillis();
    exchange
        .copy()
        .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .whenComplete(
            (response, failure) -> {
              budget.give();
              if (failure == null) {
                listener.onResponse(response.statusCode(), response.body());
                return;
              }
              // Stops the download as well when it is the deadline that fired.
              exchange.cancel(true);
              String reason = reason(failure, timeoutMillis);
              log.debug("{} {} failed: {}", request.method(), request.url(), reason);
              listener.onFailure(reason);
            });
  }

  private HttpRequest build(Request request) {
    URI uri;
    try {
      uri = URI.create(request.url());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a URL: " + request.url());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException("not an http or https URL: " + request.url());
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(network.settings().httpTimeout())
            .header("User-Agent", userAgent);
    if (request.method().equalsIgnoreCase("POST")) {
      builder.POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
      if (!request.contentType().isEmpty()) {
        builder.header("Content-Type", request.contentType());
      }
    } else {
      builder.GET();
    }
    return builder.build();
  }

  private static String reason(Throwable failure, long timeoutMillis) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
      return "no complete answer within " + timeoutMillis + " ms (scripting.httpTimeout)";
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof LimitedBody.TooLarge tooLarge) {
        return tooLarge.getMessage();
      }
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
