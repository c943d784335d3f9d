package org.nimbusmedia.server.log;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.nimbusmedia.server.app.AppAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FMS-style access log: one tab-delimited line per session, stream, application and server
 * event, with FMS's event names and {@code x-status} codes ({@code reference/fms4.md} section 5.3).
 * Lines go to the logger {@value #LOGGER}; {@code conf/logback.xml} gives it its own rolling file
 * with {@link AccessLayout}, which writes the {@code #Fields:} header. Times are UTC.
 *
 * <p>Thread-safe: events come from every connection's thread.
 */
public final class AccessLog {
  /** The logger the lines go to. */
  public static final String LOGGER = "nimbus.access";

  /** {@code x-status} codes of fms4.md section 5.3. */
  public static final int PENDING = 100;

  public static final int OK = 200;
  public static final int REDIRECTED = 302;
  public static final int REJECTED_BY_SCRIPT = 401;
  public static final int NOT_FOUND = 404;

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  // FMS 4's only vhost; logs and the admin API name it the same way.
  private static final String VHOST = "_defaultVHost_";

  private final Logger sink;
  private final Clock clock;
  private final String serverIp;
  private final String pid = Long.toString(ProcessHandle.current().pid());
  // When each open publication or play started, for its end event's x-duration.
  private final ConcurrentMap<String, Long> streamStarts = new ConcurrentHashMap<>();

  public AccessLog(Logger sink, Clock clock, String serverIp) {
    this.sink = sink;
    this.clock = clock;
    this.serverIp = serverIp;
  }

  /** The access log of a running server, to the {@value #LOGGER} logger. */
  public static AccessLog toLogback(String serverIp) {
    return new AccessLog(LoggerFactory.getLogger(LOGGER), Clock.systemUTC(), serverIp);
  }

  // ---- server and application events

  public void serverStart(String version) {
    write(line("server-start", "server", OK).with(AccessField.X_CTX, version));
  }

  public void serverStop(String version) {
    write(line("server-stop", "server", OK).with(AccessField.X_CTX, version));
  }

  public void appStart(AppAddress instance) {
    write(line("app-start", "application", OK).instance(instance));
  }

  /** An instance unloaded; {@code reason} such as {@code Application.GC}. */
  public void appStop(AppAddress instance, String reason) {
    write(
        line("app-stop", "application", OK).instance(instance).with(AccessField.X_COMMENT, reason));
  }

  // ---- session events

  /** A connect arrived and the application has not decided yet. */
  public void connectPending(LoggedClient client) {
    write(session("connect-pending", client, PENDING));
  }

  /** The application decided: {@link #OK}, {@link #REJECTED_BY_SCRIPT}, {@link #NOT_FOUND}... */
  public void connect(LoggedClient client, int status) {
    write(session("connect", client, status));
  }

  public void disconnect(LoggedClient client) {
    streamStarts.keySet().removeIf(key -> key.startsWith(client.id() + "/"));
    write(
        session("disconnect", client, OK)
            .with(AccessField.X_DURATION, seconds(clock.millis() - client.connectedAtMillis())));
  }

  // ---- stream events

  public void publish(LoggedClient client, int streamId, String streamName) {
    startStream(client, streamId);
    write(stream("publish", client, streamId, streamName, OK));
  }

  public void unpublish(LoggedClient client, int streamId, String streamName) {
    write(ended(stream("unpublish", client, streamId, streamName, OK), client, streamId));
  }

  /**
   * A play started ({@link #OK}) or was refused ({@link #NOT_FOUND}, {@link #REJECTED_BY_SCRIPT}).
   */
  public void play(LoggedClient client, int streamId, String streamName, int status) {
    if (status == OK) {
      startStream(client, streamId);
    }
    write(stream("play", client, streamId, streamName, status));
  }

  public void stop(LoggedClient client, int streamId, String streamName) {
    write(ended(stream("stop", client, streamId, streamName, OK), client, streamId));
  }

  /** A recording started into {@code file} (for the recording front end to call). */
  public void record(LoggedClient client, int streamId, String streamName, String file) {
    write(stream("record", client, streamId, streamName, OK).with(AccessField.X_FILE_NAME, file));
  }

  /** A recording into {@code file} ended. */
  public void recordStop(
      LoggedClient client, int streamId, String streamName, String file, long durationMillis) {
    write(
        stream("recordstop", client, streamId, streamName, OK)
            .with(AccessField.X_FILE_NAME, file)
            .with(AccessField.X_DURATION, seconds(durationMillis)));
  }

  private void startStream(LoggedClient client, int streamId) {
    streamStarts.put(client.id() + "/" + streamId, clock.millis());
  }

  private Line ended(Line line, LoggedClient client, int streamId) {
    Long started = streamStarts.remove(client.id() + "/" + streamId);
    return started == null
        ? line
        : line.with(AccessField.X_DURATION, seconds(clock.millis() - started));
  }

  // ---- lines

  private Line session(String event, LoggedClient client, int status) {
    Line line =
        line(event, "session", status)
            .instance(client.instance())
            .with(AccessField.C_IP, client.ip())
            .with(AccessField.C_PROTO, client.protocol())
            .with(AccessField.S_URI, client.uri())
            .with(AccessField.CS_URI_STEM, stem(client.uri()))
            .with(AccessField.CS_URI_QUERY, query(client.uri()))
            .with(AccessField.C_REFERRER, client.referrer())
            .with(AccessField.C_USER_AGENT, client.userAgent())
            .with(AccessField.C_CLIENT_ID, client.id())
            .with(AccessField.CS_BYTES, Long.toString(client.bytesIn()))
            .with(AccessField.SC_BYTES, Long.toString(client.bytesOut()));
    return line.with(AccessField.X_CTX, client.uri());
  }

  private Line stream(String event, LoggedClient client, int streamId, String name, int status) {
    Line line = session(event, client, status);
    line.fields.put(AccessField.X_CATEGORY, "stream");
    return line.with(AccessField.X_CTX, name)
        .with(AccessField.X_SNAME, name)
        .with(AccessField.X_SID, Integer.toString(streamId));
  }

  private Line line(String event, String category, int status) {
    Instant now = clock.instant();
    return new Line()
        .with(AccessField.X_EVENT, event)
        .with(AccessField.X_CATEGORY, category)
        .with(AccessField.DATE, DATE.format(now))
        .with(AccessField.TIME, TIME.format(now))
        .with(AccessField.TZ, "UTC")
        .with(AccessField.S_IP, serverIp)
        .with(AccessField.X_PID, pid)
        .with(AccessField.X_VHOST, VHOST)
        .with(AccessField.X_STATUS, Integer.toString(status));
  }

  private void write(Line line) {
    sink.info("{}", line.render());
  }

  private static String seconds(long millis) {
    return Long.toString(Math.max(0, millis) / 1000);
  }

  private static String stem(String uri) {
    int query = uri.indexOf('?');
    return query < 0 ? uri : uri.substring(0, query);
  }

  private static String query(String uri) {
    int query = uri.indexOf('?');
    return query < 0 ? "" : uri.substring(query + 1);
  }

  /**
   * Percent-encodes what would break the line or the W3C format: the delimiter, spaces, controls,
   * {@code %} and the other RFC 1738 unsafe characters, and every non-ASCII byte (FMS {@code
   * EscapeFields}). An empty value is written {@code -}.
   */
  static String escape(String value) {
    if (value == null || value.isEmpty()) {
      return "-";
    }
    StringBuilder out = new StringBuilder(value.length());
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (c <= 0x20 || c >= 0x7F || "%\"<>#{}|\\^~[]`".indexOf(c) >= 0) {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }

  /** One line being filled; fields never set are written {@code -}. */
  private static final class Line {
    private final Map<AccessField, String> fields = new EnumMap<>(AccessField.class);

    Line with(AccessField field, String value) {
      fields.put(field, value);
      return this;
    }

    Line instance(AppAddress instance) {
      if (instance != null) {
        fields.put(AccessField.X_APP, instance.application());
        fields.put(AccessField.X_APPINST, instance.instance());
        fields.putIfAbsent(AccessField.X_CTX, instance.toString());
      }
      return this;
    }

    String render() {
      StringJoiner joined = new StringJoiner("\t");
      for (AccessField field : AccessField.values()) {
        joined.add(escape(fields.get(field)));
      }
      return joined.toString();
    }
  }
}
