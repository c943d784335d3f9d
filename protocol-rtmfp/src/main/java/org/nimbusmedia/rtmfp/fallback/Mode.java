package org.nimbusmedia.rtmfp.fallback;

/**
 * How the connector tries the protocols: the two strategies of Vass, "Best practices for real-time
 * collaboration using Flash Media Server" (2010), section "UDP blocking".
 */
public enum Mode {
  /** One after the other in preference order, each given the attempt timeout. */
  SEQUENTIAL,
  /**
   * All at once; the most preferred that succeeds wins ("whenever RTMFP succeeds, the RTMP
   * connection can simply be closed"). A less preferred success wins as soon as every more
   * preferred attempt has failed or timed out; the others are closed.
   */
  PARALLEL
}
