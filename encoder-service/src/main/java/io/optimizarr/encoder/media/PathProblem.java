package io.optimizarr.encoder.media;

/** A job path that is refused, naming the request field and whether it conflicts with a file. */
public final class PathProblem extends RuntimeException {

  private final String field;
  private final boolean conflict;

  PathProblem(String field, String message, boolean conflict) {
    super(message);
    this.field = field;
    this.conflict = conflict;
  }

  public String field() {
    return field;
  }

  /**
   * True when the path is acceptable but a file is in the way (409), false when it is bad (400).
   */
  public boolean conflict() {
    return conflict;
  }
}
