package org.nimbusmedia.scripting.runtime;

import org.mozilla.javascript.NativeObject;
import org.nimbusmedia.scripting.host.ClientHandle;

/**
 * The script's {@code Client} object for one connection. {@code readAccess} and {@code writeAccess}
 * are kept in volatile fields so that the server can enforce them from its own threads.
 */
public final class ClientObject extends NativeObject {

  private static final long serialVersionUID = 1L;

  private final transient ClientHandle handle;
  private volatile String readAccess = "/";
  private volatile String writeAccess = "/";

  ClientObject(ClientHandle handle) {
    this.handle = handle;
  }

  public ClientHandle handle() {
    return handle;
  }

  public String readAccess() {
    return readAccess;
  }

  public String writeAccess() {
    return writeAccess;
  }

  void setReadAccess(String value) {
    readAccess = value;
  }

  void setWriteAccess(String value) {
    writeAccess = value;
  }

  @Override
  public String getClassName() {
    return "Client";
  }
}
