package io.optimizarr.encoder.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/** Every encoder-service setting; each key has its environment variable (docs/CONFIGURATION.md). */
@ConfigMapping(prefix = "optimizarr")
public interface EncoderConfig {

  /** PostgreSQL ({@code OPTIMIZARR_DB_*}); the datasource URLs are built from these. */
  Db db();

  /** Folders jobs may read from ({@code OPTIMIZARR_MEDIA_ROOTS}, comma-separated). */
  @WithName("media-roots")
  List<Path> mediaRoots();

  /** Folders jobs may write to ({@code OPTIMIZARR_OUTPUT_ROOTS}); the media roots when unset. */
  @WithName("output-roots")
  Optional<List<Path>> outputRoots();

  /**
   * How Sonarr's and Radarr's paths become this node's ({@code OPTIMIZARR_PATH_MAPPINGS},
   * comma-separated {@code FROM=TO}, such as {@code /tv=/srv/media/tv}), for the files their
   * webhooks announce; unset, their paths are taken as they are. The encoder refuses to start on an
   * entry that is not two absolute paths.
   */
  @WithName("path-mappings")
  Optional<List<String>> pathMappings();

  /**
   * Password of the first admin, user {@code admin} ({@code OPTIMIZARR_ADMIN_PASSWORD}); used only
   * when no user exists. Generated and printed once when unset.
   */
  @WithName("admin-password")
  Optional<String> adminPassword();

  /**
   * Where a generated first-admin password is written, a new 0600 file, instead of the log ({@code
   * OPTIMIZARR_GENERATED_ADMIN_PASSWORD_FILE}); {@code ./run.sh} sets it in its data folder and
   * prints the password to the terminal. Unset: the password is logged once.
   */
  @WithName("generated-admin-password-file")
  Optional<Path> generatedAdminPasswordFile();

  /**
   * The key that encrypts browser sessions, 32 characters or more ({@code OPTIMIZARR_SESSION_KEY});
   * the same on every node, so that a session holds whichever node answers and across restarts.
   * Random per start when unset. The encoder refuses to start on a shorter key or a shipped
   * placeholder. Quarkus reads it through {@code quarkus.http.auth.session.encryption-key}, which
   * {@link SessionKey} sets (to a random key when this is unset).
   */
  @WithName("session-key")
  Optional<String> sessionKey();

  /** This node's name in the queue ({@code OPTIMIZARR_NODE_NAME}); the host name when unset. */
  @WithName("node-name")
  Optional<String> nodeName();

  /**
   * How long this node may be silent before other nodes take its jobs ({@code
   * OPTIMIZARR_NODE_LEASE}): it renews its lease every third of this (at most every 5 s), and a
   * node whose lease ran out loses its PROCESSING and PAUSED jobs to any live node, which requeues
   * them with one more attempt. A node that comes back finds its claims superseded and ends those
   * encodes itself. At least 3 s.
   */
  @WithName("node-lease")
  @WithDefault("60s")
  Duration nodeLease();

  /** The ffmpeg binary ({@code OPTIMIZARR_FFMPEG}). */
  @WithDefault("ffmpeg")
  String ffmpeg();

  /** The ffprobe binary ({@code OPTIMIZARR_FFPROBE}). */
  @WithDefault("ffprobe")
  String ffprobe();

  /**
   * How long ffprobe may take on one file before it is stopped and the file counts as unreadable
   * ({@code OPTIMIZARR_FFPROBE_TIMEOUT}).
   */
  @WithDefault("60s")
  Duration ffprobeTimeout();

  /** The monitor of this node, whose snapshots the governor judges. */
  Monitor monitor();

  interface Monitor {
    /** Where the monitor serves ({@code OPTIMIZARR_MONITOR_URL}). */
    @WithDefault("http://localhost:8081")
    String url();

    /** The monitor's service user ({@code OPTIMIZARR_MONITOR_USER}). */
    @WithDefault("optimizarr")
    String user();

    /** Its password ({@code OPTIMIZARR_MONITOR_PASSWORD}). */
    Optional<String> password();
  }

  /** Where encodes run: their idle cgroup (docs/ENCODER.md, what protects the machine). */
  Placement placement();

  interface Placement {
    /**
     * The cgroup encodes run in, in priority mode IDLE ({@code OPTIMIZARR_ENCODE_CGROUP}, or {@code
     * OPTIMIZARR_PLACEMENT_CGROUP}): {@code auto} (as root, {@code optimizarr-encodes} at the top
     * of the cpu hierarchy; else, in a delegated cgroup v2 subtree, {@code encodes} beside a {@code
     * service} leaf this service moves to), {@code none}, or the folder of a cgroup (made if
     * missing), such as {@code /sys/fs/cgroup/optimizarr.slice/encodes}. It is made idle ({@code
     * cpu.idle=1}, else the lowest weight).
     */
    @WithDefault("auto")
    String cgroup();

    /**
     * {@code memory.high} of that cgroup, such as {@code 4G} ({@code
     * OPTIMIZARR_PLACEMENT_MEMORY_HIGH}; cgroup v2 only): above it the kernel reclaims the encodes'
     * memory, page cache first, before the foreground's. Unset: none.
     */
    @WithName("memory-high")
    Optional<MemorySize> memoryHigh();
  }

  /** The throttle governor. */
  Governor governor();

  interface Governor {
    /**
     * Whether other programs' CPU demand counts the time their threads waited for a core beside the
     * time they ran ({@code OPTIMIZARR_GOVERNOR_COUNT_WAITING}). A foreground that wants every core
     * gets about 90 % of them beside a low-priority encode; its waiting shows the rest.
     */
    @WithName("count-waiting")
    @WithDefault("true")
    boolean countWaiting();
  }

  /** Webhook deliveries. */
  Webhooks webhooks();

  interface Webhooks {
    /**
     * Attempts per delivery before it counts as failed ({@code OPTIMIZARR_WEBHOOKS_MAX_ATTEMPTS}).
     */
    @WithName("max-attempts")
    @WithDefault("5")
    int maxAttempts();

    /**
     * The wait after the first failed attempt, doubling after each further one up to an hour
     * ({@code OPTIMIZARR_WEBHOOKS_RETRY_AFTER}): 10 s, 20 s, 40 s, 80 s by default.
     */
    @WithName("retry-after")
    @WithDefault("PT10S")
    Duration retryAfter();

    /** How long one attempt may take ({@code OPTIMIZARR_WEBHOOKS_TIMEOUT}). */
    @WithDefault("PT10S")
    Duration timeout();

    /**
     * Refuse webhooks to loopback and private addresses too ({@code
     * OPTIMIZARR_WEBHOOKS_DENY_PRIVATE}); link-local addresses (cloud metadata) and this node's own
     * ports are refused always. Off for home installs, where a local ntfy or Home Assistant is
     * normal; on in the Kubernetes overlays.
     */
    @WithName("deny-private")
    @WithDefault("false")
    boolean denyPrivate();

    /**
     * When the daily digest ({@code digest.daily}) is sent, in the node's time zone ({@code
     * OPTIMIZARR_WEBHOOKS_DIGEST_AT}): the day before that time, told once a day by one node of the
     * cluster.
     */
    @WithName("digest-at")
    @WithDefault("08:00")
    LocalTime digestAt();
  }

  /** The UI's event streams ({@code GET /api/events}). */
  Events events();

  interface Events {
    /**
     * Event streams one user may have open on this node at once ({@code
     * OPTIMIZARR_EVENTS_MAX_STREAMS_PER_USER}); a further one is refused with 429. A browser tab
     * holds one.
     */
    @WithName("max-streams-per-user")
    @WithDefault("10")
    int maxStreamsPerUser();
  }

  /** Logins. */
  Login login();

  interface Login {
    /**
     * Failed logins for one user name from one address before each further attempt for it from
     * there is held, 1 s and doubling up to 30 s ({@code OPTIMIZARR_LOGIN_FREE_FAILURES}).
     */
    @WithDefault("5")
    int freeFailures();

    /**
     * Login attempts one address may have open at once while any of its attempts are held ({@code
     * OPTIMIZARR_LOGIN_MAX_IN_FLIGHT}); further ones get 429 with {@code Retry-After} instead of a
     * place in the queue.
     */
    @WithName("max-in-flight")
    @WithDefault("2")
    int maxInFlight();

    /**
     * How long a browser session's user and role are trusted before they are read again ({@code
     * OPTIMIZARR_LOGIN_SESSION_RECHECK}); a user deleted on this node is refused at once, on other
     * nodes after at most this long.
     */
    @WithName("session-recheck")
    @WithDefault("PT5S")
    Duration sessionRecheck();
  }

  /** Originals that replace-mode jobs keep in the recycle folder. */
  Recycle recycle();

  interface Recycle {
    /**
     * How often originals whose recycle days are up are deleted ({@code
     * OPTIMIZARR_RECYCLE_SWEEP_EVERY}); the first sweep runs a minute after start, or sooner.
     */
    @WithName("sweep-every")
    @WithDefault("PT24H")
    Duration sweepEvery();
  }

  /** Hooks for tests only; unset in production. */
  Testing test();

  interface Testing {
    /**
     * Holds every replace at this point ({@code OPTIMIZARR_TEST_PAUSE_REPLACE_AT}: {@code CHECKED},
     * {@code PLACE_WRITTEN}, {@code PLACE_DONE}, {@code RECYCLE_WRITTEN}, {@code RECYCLE_DONE},
     * {@code DELETE_ORIGINAL_WRITTEN}, {@code DELETE_ORIGINAL_DONE}, {@code DONE_WRITTEN}; a
     * restore at {@code RESTORE_WRITTEN}, {@code RESTORE_SWAPPED}, {@code RESTORE_DONE}) and says
     * so in the log, so that a test can kill the service there.
     */
    @WithName("pause-replace-at")
    Optional<String> pauseReplaceAt();

    /**
     * The name of the encodes' cgroup at the top of the hierarchy instead of {@code
     * optimizarr-encodes} ({@code OPTIMIZARR_TEST_ENCODE_CGROUP_NAME}), so that tests never touch a
     * real node's.
     */
    @WithName("encode-cgroup-name")
    Optional<String> encodeCgroupName();
  }

  interface Db {
    /** Host of PostgreSQL ({@code OPTIMIZARR_DB_HOST}). */
    @WithDefault("localhost")
    String host();

    /** Port ({@code OPTIMIZARR_DB_PORT}). */
    @WithDefault("5432")
    int port();

    /** Database name ({@code OPTIMIZARR_DB_NAME}). */
    @WithDefault("optimizarr")
    String name();

    /** User ({@code OPTIMIZARR_DB_USER}). */
    @WithDefault("postgres")
    String user();

    /** Password ({@code OPTIMIZARR_DB_PASSWORD}); empty for trust authentication. */
    Optional<String> password();

    /**
     * TLS to PostgreSQL, as libpq's {@code sslmode} ({@code OPTIMIZARR_DB_SSL_MODE}): {@code
     * disable}, {@code allow}, {@code prefer}, {@code require} (encrypted, the server unchecked),
     * {@code verify-ca} or {@code verify-full} (the server's certificate checked against {@link
     * #sslRootCert}, and its name too). Both clients, the application's and Flyway's, use it.
     */
    @WithName("ssl-mode")
    @WithDefault("disable")
    String sslMode();

    /**
     * The PEM file of the CA that signed the server's certificate ({@code
     * OPTIMIZARR_DB_SSL_ROOT_CERT}), for {@code verify-ca} and {@code verify-full}.
     */
    @WithName("ssl-root-cert")
    Optional<String> sslRootCert();
  }
}
