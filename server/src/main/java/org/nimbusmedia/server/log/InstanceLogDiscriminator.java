package org.nimbusmedia.server.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.sift.AbstractDiscriminator;

/**
 * Sorts application script output ({@code trace()}, script errors) by instance for Logback's {@code
 * SiftingAppender}, so that each instance gets its own {@code application.log} as in FMS ({@code
 * logs/<app>/<instance>/}, {@code reference/fms4.md} section 5.4). Scripts log to {@code
 * nimbus.app.<app>/<instance>}; the value is {@code <app>/<instance>}, safe as a path because
 * {@link org.nimbusmedia.server.app.AppAddress} only admits names without separators or dot
 * segments.
 */
public final class InstanceLogDiscriminator extends AbstractDiscriminator<ILoggingEvent> {
  /** Prefix of the script loggers' names. */
  static final String SCRIPT_LOGGER_PREFIX = "nimbus.app.";

  private static final String KEY = "instance";
  private static final String NOT_A_SCRIPT = "_server_";

  @Override
  public String getDiscriminatingValue(ILoggingEvent event) {
    String logger = event.getLoggerName();
    if (logger == null || !logger.startsWith(SCRIPT_LOGGER_PREFIX)) {
      return NOT_A_SCRIPT;
    }
    String instance = logger.substring(SCRIPT_LOGGER_PREFIX.length());
    return instance.isEmpty() || instance.contains("..") ? NOT_A_SCRIPT : instance;
  }

  @Override
  public String getKey() {
    return KEY;
  }
}
