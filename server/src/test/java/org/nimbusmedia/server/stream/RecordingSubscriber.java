package org.nimbusmedia.server.stream;

import java.util.ArrayList;
import java.util.List;

/** A subscriber that remembers what it was given, as text, and releases every frame. */
final class RecordingSubscriber implements StreamSubscriber {
  final List<String> events = new ArrayList<>();

  @Override
  public synchronized void onFrame(StreamFrame frame) {
    String what =
        frame.isSequenceHeader()
            ? frame.kind() + "-config"
            : frame.isKeyframe() ? "KEY" : frame.kind().toString();
    events.add(what + "@" + frame.timestamp());
    frame.release();
  }

  @Override
  public synchronized void onPublishNotify(String streamName) {
    events.add("publish-notify");
  }

  @Override
  public synchronized void onUnpublishNotify(String streamName) {
    events.add("unpublish-notify");
  }

  synchronized List<String> events() {
    return List.copyOf(events);
  }
}
