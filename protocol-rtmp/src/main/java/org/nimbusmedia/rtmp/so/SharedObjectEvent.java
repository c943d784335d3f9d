package org.nimbusmedia.rtmp.so;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One event inside a shared object message (fms4.md section 2, event table). Each record is
 * immutable and validated in its constructor; property values are decoded AMF values and may be
 * {@code null}.
 */
public sealed interface SharedObjectEvent {

  /** The event type byte on the wire. */
  int type();

  /** Type 1, client to server: subscribe to the object. */
  int USE = 1;

  /** Type 2, client to server: unsubscribe. */
  int RELEASE = 2;

  /** Type 3, client to server: set one or more properties. */
  int REQUEST_CHANGE = 3;

  /** Type 4, server to client: properties changed. */
  int CHANGE = 4;

  /** Type 5, server to client: the originator's change to a property was accepted. */
  int SUCCESS = 5;

  /** Type 6, both ways: invoke a handler on every subscriber. */
  int SEND_MESSAGE = 6;

  /** Type 7, server to client: a status code and level. */
  int STATUS = 7;

  /** Type 8, server to client: drop every property. */
  int CLEAR = 8;

  /** Type 9, server to client: a property was deleted. */
  int REMOVE = 9;

  /** Type 10, client to server: delete a property. */
  int REQUEST_REMOVE = 10;

  /** Type 11, server to client: the subscription was accepted. */
  int USE_SUCCESS = 11;

  /** A property name and its value; the value may be {@code null}. */
  record Property(String name, Object value) {
    public Property {
      Objects.requireNonNull(name, "name");
    }
  }

  /** Use (1). */
  record Use() implements SharedObjectEvent {
    @Override
    public int type() {
      return USE;
    }
  }

  /** Release (2). */
  record Release() implements SharedObjectEvent {
    @Override
    public int type() {
      return RELEASE;
    }
  }

  /** RequestChange (3): several name/value pairs may share one event. */
  record RequestChange(List<Property> properties) implements SharedObjectEvent {
    public RequestChange {
      properties = List.copyOf(properties);
    }

    @Override
    public int type() {
      return REQUEST_CHANGE;
    }
  }

  /** Change (4): several name/value pairs may share one event. */
  record Change(List<Property> properties) implements SharedObjectEvent {
    public Change {
      properties = List.copyOf(properties);
    }

    @Override
    public int type() {
      return CHANGE;
    }
  }

  /** Success (5): the name of a property whose change the server accepted. */
  record Success(String name) implements SharedObjectEvent {
    public Success {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public int type() {
      return SUCCESS;
    }
  }

  /** SendMessage (6): a handler name and its arguments (which may hold {@code null}). */
  record SendMessage(String handler, List<Object> arguments) implements SharedObjectEvent {
    public SendMessage {
      Objects.requireNonNull(handler, "handler");
      arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
    }

    @Override
    public int type() {
      return SEND_MESSAGE;
    }
  }

  /** Status (7): e.g. {@code SharedObject.NoWriteAccess} / {@code error} (fms4.md 1.10). */
  record Status(String code, String level) implements SharedObjectEvent {
    public Status {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(level, "level");
    }

    @Override
    public int type() {
      return STATUS;
    }
  }

  /** Clear (8). */
  record Clear() implements SharedObjectEvent {
    @Override
    public int type() {
      return CLEAR;
    }
  }

  /** Remove (9): a deleted property's name. */
  record Remove(String name) implements SharedObjectEvent {
    public Remove {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public int type() {
      return REMOVE;
    }
  }

  /** RequestRemove (10): the name of the property to delete. */
  record RequestRemove(String name) implements SharedObjectEvent {
    public RequestRemove {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public int type() {
      return REQUEST_REMOVE;
    }
  }

  /** UseSuccess (11). */
  record UseSuccess() implements SharedObjectEvent {
    @Override
    public int type() {
      return USE_SUCCESS;
    }
  }
}
