package org.nimbusmedia.scripting.runtime;

/**
 * Thrown from Rhino's instruction observer when a callback runs past its time limit. It is an
 * {@link Error} so that no script {@code catch} can swallow it; it remembers where the script was.
 */
final class ScriptTimeoutError extends Error {

  private static final long serialVersionUID = 1L;

  private final String filename;
  private final int lineno;

  ScriptTimeoutError(String filename, int lineno, long limitMillis) {
    super(
        "Script ran longer than " + limitMillis + " ms and was stopped (runaway script)",
        null,
        false,
        false);
    this.filename = filename;
    this.lineno = lineno;
  }

  String filename() {
    return filename;
  }

  int lineno() {
    return lineno;
  }
}
