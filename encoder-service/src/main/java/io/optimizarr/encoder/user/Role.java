package io.optimizarr.encoder.user;

/** The two roles: admins change things, viewers look. Stored lower-case as role names. */
public final class Role {
  public static final String ADMIN = "admin";
  public static final String VIEWER = "viewer";

  private Role() {}

  public static boolean isRole(String name) {
    return ADMIN.equals(name) || VIEWER.equals(name);
  }
}
