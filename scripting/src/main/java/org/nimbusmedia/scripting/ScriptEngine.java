package org.nimbusmedia.scripting;

import org.nimbusmedia.scripting.host.ApplicationHost;
import org.nimbusmedia.scripting.runtime.SandboxContextFactory;

/**
 * Runs application scripts. One per server: it holds the configuration and the sandboxed Rhino
 * context factory that every instance shares.
 */
public final class ScriptEngine {

  private final ScriptingConfig config;
  private final SandboxContextFactory contextFactory;

  public ScriptEngine(ScriptingConfig config) {
    this.config = config;
    this.contextFactory =
        new SandboxContextFactory(config.allowJavaAccess(), config.maxCallbackAllocation());
  }

  public ScriptingConfig config() {
    return config;
  }

  /**
   * Starts the script of an application instance: its own thread finds and runs the main script,
   * then {@code application.onAppStart}. Returns at once; calls made on the result queue behind the
   * start, and {@link ApplicationScript#started()} completes when it is done.
   */
  public ApplicationScript start(ApplicationHost host) {
    return ApplicationScript.start(config, contextFactory, host);
  }
}
