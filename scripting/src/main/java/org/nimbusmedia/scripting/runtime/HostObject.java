package org.nimbusmedia.scripting.runtime;

import org.mozilla.javascript.NativeObject;

/** A script object backed by a host handle ({@code Stream}, {@code SharedObject}). */
final class HostObject<H> extends NativeObject {

  private static final long serialVersionUID = 1L;

  private final String className;
  private final transient H handle;

  HostObject(String className, H handle) {
    this.className = className;
    this.handle = handle;
  }

  H handle() {
    return handle;
  }

  @Override
  public String getClassName() {
    return className;
  }
}
