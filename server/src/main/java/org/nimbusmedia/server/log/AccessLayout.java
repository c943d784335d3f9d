package org.nimbusmedia.server.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Logback layout of the access log file: each event's message is already a tab-delimited line
 * ({@link AccessLog} writes it); every new file starts with the W3C directives FMS wrote, so a file
 * opened after a rotation describes itself ({@code reference/fms4.md} section 5.3). Named in {@code
 * conf/logback.xml}.
 */
public final class AccessLayout extends LayoutBase<ILoggingEvent> {
  /** The {@code #Fields:} directive, fields separated by tabs as the lines are. */
  public static final String FIELDS_LINE =
      "#Fields: "
          + Arrays.stream(AccessField.values())
              .map(AccessField::header)
              .collect(Collectors.joining("\t"));

  @Override
  public String getFileHeader() {
    return "#Software: Nimbus\n#Version: 1.0\n" + FIELDS_LINE;
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    return event.getFormattedMessage() + "\n";
  }
}
