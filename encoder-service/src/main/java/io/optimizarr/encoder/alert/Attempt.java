package io.optimizarr.encoder.alert;

/**
 * How one delivery attempt went: delivered where {@code why} is null; otherwise why not, and
 * whether trying again may help.
 *
 * @param status the HTTP status of the last answer; null where none came (or for e-mail)
 */
record Attempt(Integer status, String why, boolean retry) {

  static final int MAX_WHY = 500;

  static Attempt delivered(Integer status) {
    return new Attempt(status, null, false);
  }

  static Attempt failed(Integer status, String why, boolean retry) {
    return new Attempt(status, why.length() > MAX_WHY ? why.substring(0, MAX_WHY) : why, retry);
  }

  /**
   * A 2xx is delivered. A server error, a timeout (408), "too early" (425) and "too many requests"
   * (429) are retried; any other answer (a refused token, a wrong address, a redirect, which is not
   * followed) would be the same next time, and fails the delivery at once.
   */
  static Attempt of(HttpCalls.Reply reply) {
    int status = reply.status();
    if (reply.ok()) {
      return delivered(status);
    }
    boolean retry = status >= 500 || status == 408 || status == 425 || status == 429;
    return failed(status, "the receiver answered HTTP " + status, retry);
  }

  boolean isDelivered() {
    return why == null;
  }
}
