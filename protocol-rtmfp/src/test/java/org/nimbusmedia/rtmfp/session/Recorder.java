package org.nimbusmedia.rtmfp.session;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.nimbusmedia.rtmfp.flow.ReceiveFlow;

/** Records session events for tests; waits are bounded. */
final class Recorder implements SessionListener {
  record Message(Session session, ReceiveFlow flow, byte[] bytes) {}

  final BlockingQueue<Session> opened = new LinkedBlockingQueue<>();
  final BlockingQueue<Session> closed = new LinkedBlockingQueue<>();
  final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
  final List<Message> all = new CopyOnWriteArrayList<>();

  @Override
  public void sessionOpened(Session session) {
    opened.add(session);
  }

  @Override
  public void message(Session session, ReceiveFlow flow, byte[] message) {
    Message m = new Message(session, flow, message);
    messages.add(m);
    all.add(m);
  }

  @Override
  public void sessionClosed(Session session) {
    closed.add(session);
  }

  static <T> T take(BlockingQueue<T> queue) throws InterruptedException {
    T t = queue.poll(20, TimeUnit.SECONDS);
    if (t == null) {
      throw new AssertionError("nothing arrived within the bound");
    }
    return t;
  }
}
