package org.nimbusmedia.scripting;

/**
 * What the script decided about a connect: the outcome of {@code application.onConnect}, {@code
 * acceptConnection}, {@code rejectConnection} or {@code redirectConnection} (FMS 4 SSASLR,
 * application class).
 */
public sealed interface ConnectDecision {

  /** {@code NetConnection.Connect.Success}. */
  record Accept() implements ConnectDecision {}

  /**
   * {@code NetConnection.Connect.Rejected}.
   *
   * @param application the script's error object as an AMF value, sent as {@code info.application};
   *     null when the script gave none
   * @param description text for {@code info.description}
   */
  record Reject(Object application, String description) implements ConnectDecision {}

  /**
   * {@code NetConnection.Connect.Rejected} with {@code info.ex.code = 302} and {@code
   * info.ex.redirect = url}.
   */
  record Redirect(String url, String description, Object application) implements ConnectDecision {}
}
