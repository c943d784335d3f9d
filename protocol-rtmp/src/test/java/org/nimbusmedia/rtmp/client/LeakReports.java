package org.nimbusmedia.rtmp.client;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects the reports of Netty's leak detector (paranoid in tests), so that a test class can fail
 * when a buffer it made the client handle was never released. The detector reports a leak when it
 * tracks a new buffer after the garbage collector has found an unreleased one.
 */
final class LeakReports {

  private final Logger logger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LeakReports() {
    appender.start();
    logger.addAppender(appender);
  }

  /** Runs the collector a few times, lets the detector report, and returns its leak reports. */
  List<String> collect() throws InterruptedException {
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(20);
      ByteBufAllocator.DEFAULT.buffer(1).release();
    }
    logger.detachAppender(appender);
    synchronized (appender.list) {
      return appender.list.stream()
          .map(ILoggingEvent::getFormattedMessage)
          .filter(message -> message.contains("LEAK"))
          .toList();
    }
  }
}
