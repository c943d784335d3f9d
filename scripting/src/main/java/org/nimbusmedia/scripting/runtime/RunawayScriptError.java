package org.nimbusmedia.scripting.runtime;

/**
 * Thrown from Rhino's instruction observer when a callback runs past its time limit or allocates
 * past its memory limit. It is an {@link Error} so that no script {@code catch} can swallow it; it
 * remembers where the script was.
 */
final class RunawayScriptError extends Error {

  private static final long serialVersionUID = 1L;

  private final String filename;
  private final int lineno;

  private RunawayScriptError(String message, String filename, int lineno) {
    super(message, null, false, false);
    this.filename = filename;
    this.lineno = lineno;
  }

  static RunawayScriptError tooLong(String filename, int lineno, long limitMillis) {
    return new RunawayScriptError(
        "Script ran longer than " + limitMillis + " ms and was stopped (runaway script)",
        filename,
        lineno);
  }

  static RunawayScriptError tooMuchMemory(String filename, int lineno, long limitBytes) {
    return new RunawayScriptError(
        "Script allocated more than "
            + limitBytes
            + " bytes in one callback and was stopped (runaway script)",
        filename,
        lineno);
  }

  /**
   * A single allocation the JVM refused on the script thread (a string doubled until it is
   * gigabytes long grows faster than the budget is checked). Where the script was is lost with its
   * frames by the time the error reaches the thread.
   */
  static RunawayScriptError outOfMemory(OutOfMemoryError cause) {
    return new RunawayScriptError(
        "Script ran out of memory (" + cause.getMessage() + ") and was stopped (runaway script)",
        "",
        0);
  }

  String filename() {
    return filename;
  }

  int lineno() {
    return lineno;
  }
}
