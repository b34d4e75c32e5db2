package io.optimizarr.encoder.user;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.security.jpa.Password;
import io.quarkus.security.jpa.PasswordType;
import io.quarkus.security.jpa.Roles;
import io.quarkus.security.jpa.UserDefinition;
import io.quarkus.security.jpa.Username;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code app_user}; Quarkus authenticates against it (bcrypt, modular crypt format). */
@Entity
@Table(name = "app_user")
@UserDefinition
public class AppUser extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Username public String username;

  @Password(PasswordType.MCF)
  @Column(name = "password_hash")
  public String passwordHash;

  @Roles public String role;

  @Column(name = "created_at", insertable = false, updatable = false)
  public Instant createdAt;

  /** A user with a password already hashed (see {@link Passwords}). */
  public static AppUser of(String username, String passwordHash, String role) {
    var user = new AppUser();
    user.username = username;
    user.passwordHash = passwordHash;
    user.role = role;
    return user;
  }

  public static Uni<AppUser> findByUsername(String username) {
    return find("username", username).firstResult();
  }
}
