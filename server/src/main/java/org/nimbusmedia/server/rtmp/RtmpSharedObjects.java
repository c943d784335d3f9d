package org.nimbusmedia.server.rtmp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.nimbusmedia.rtmp.so.SharedObjectEvent;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Release;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.RequestChange;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.RequestRemove;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.SendMessage;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Status;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Use;
import org.nimbusmedia.rtmp.so.SharedObjectMessage;
import org.nimbusmedia.scripting.ApplicationScript;
import org.nimbusmedia.server.app.ApplicationInstance;
import org.nimbusmedia.server.so.SharedObject;
import org.nimbusmedia.server.so.SharedObjectException;
import org.nimbusmedia.server.so.SharedObjectSubscriber;
import org.nimbusmedia.server.so.SharedObjects;

/**
 * The shared objects one RTMP connection uses: checks the client's read and write access (FMS
 * {@code Client.readAccess}/{@code writeAccess} cover shared object names too), turns the events of
 * each message into operations on the instance's objects, and releases them when the connection
 * closes. The work runs in order on the instance's shared object executor, off the event loop,
 * because a persistent change waits for its fsync; a client that sends faster than that is paused
 * (no reads) until its backlog drains. Delivery to this client goes through its channel.
 */
final class RtmpSharedObjects implements SharedObjectSubscriber {
  static final String NO_READ_ACCESS = "SharedObject.NoReadAccess";
  static final String NO_WRITE_ACCESS = "SharedObject.NoWriteAccess";

  // Messages waiting for the executor above which this connection stops reading, and below which
  // it reads again.
  static final int PAUSE_AT = 64;
  static final int RESUME_AT = 16;

  private final RtmpSession session;
  // Touched only by tasks on the instance's shared object executor.
  private final Map<String, SharedObject> used = new HashMap<>();
  private final AtomicInteger waiting = new AtomicInteger();

  RtmpSharedObjects(RtmpSession session) {
    this.session = session;
  }

  @Override
  public void deliver(SharedObjectMessage message) {
    // Any thread: Netty hands the write to the channel's event loop, in call order.
    session.channel().writeAndFlush(message, session.channel().voidPromise());
  }

  /** One message from the client, on the event loop: queued for the instance's executor. */
  void handle(SharedObjectMessage message) {
    ApplicationInstance instance = session.instance();
    if (instance == null) {
      return;
    }
    if (waiting.incrementAndGet() >= PAUSE_AT) {
      session.channel().config().setAutoRead(false);
    }
    run(
        instance,
        () -> {
          try {
            handleNow(message, instance.sharedObjects());
          } finally {
            if (waiting.decrementAndGet() == RESUME_AT) {
              session.channel().config().setAutoRead(true);
            }
          }
        });
  }

  /** Runs {@code task} on the instance's executor, or here once that has stopped (server stop). */
  private static void run(ApplicationInstance instance, Runnable task) {
    try {
      instance.sharedObjects().execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  /** One message, its events in order; changes in a row form one batch. */
  private void handleNow(SharedObjectMessage message, SharedObjects objects) {
    List<SharedObjectEvent> batch = new ArrayList<>();
    for (SharedObjectEvent event : message.events()) {
      if (event instanceof RequestChange || event instanceof RequestRemove) {
        batch.add(event);
        continue;
      }
      applyBatch(message, objects, batch);
      if (event instanceof Use) {
        use(message, objects);
      } else if (event instanceof Release) {
        SharedObject object = used.remove(message.name());
        if (object != null) {
          objects.release(object, this);
        }
      } else if (event instanceof SendMessage send) {
        SharedObject object = used.get(message.name());
        if (object != null && writable(message.name())) {
          objects.send(object, send.handler(), send.arguments());
        } else if (object != null) {
          refuse(message, NO_WRITE_ACCESS);
        }
      }
    }
    applyBatch(message, objects, batch);
  }

  private void use(SharedObjectMessage message, SharedObjects objects) {
    String name = message.name();
    if (used.containsKey(name)) {
      return;
    }
    if (!AccessPaths.allows(instanceScript().readAccess(session.handle()), name)) {
      refuse(message, NO_READ_ACCESS);
      return;
    }
    try {
      used.put(
          name,
          objects.use(name, message.persistent(), this, message.encoding(), message.version()));
    } catch (SharedObjectException e) {
      refuse(message, e.code());
    }
  }

  private void applyBatch(
      SharedObjectMessage message, SharedObjects objects, List<SharedObjectEvent> batch) {
    if (batch.isEmpty()) {
      return;
    }
    SharedObject object = used.get(message.name());
    if (object == null) {
      batch.clear();
      return;
    }
    if (writable(message.name())) {
      objects.request(object, this, List.copyOf(batch));
      session.observers().metrics().sharedObjectUpdates("client", batch.size());
    } else {
      refuse(message, NO_WRITE_ACCESS);
    }
    batch.clear();
  }

  private boolean writable(String name) {
    return AccessPaths.allows(instanceScript().writeAccess(session.handle()), name);
  }

  private ApplicationScript instanceScript() {
    return session.instance().script();
  }

  private void refuse(SharedObjectMessage message, String code) {
    deliver(
        new SharedObjectMessage(
            message.streamId(),
            message.encoding(),
            message.name(),
            0,
            message.persistent(),
            List.of(new Status(code, "error"))));
  }

  /** The connection closed: every object it used is released, after its queued messages. */
  void releaseAll() {
    ApplicationInstance instance = session.instance();
    if (instance != null) {
      run(
          instance,
          () -> {
            used.values().forEach(object -> instance.sharedObjects().release(object, this));
            used.clear();
          });
    }
  }
}
