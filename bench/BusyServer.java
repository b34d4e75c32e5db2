import com.sun.net.httpserver.HttpServer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A latency-sensitive foreground: an HTTP server whose every request costs about WORK_MILLIS of
 * CPU (the thread's own CPU time, so a request beside a competing encode takes longer on the
 * clock, as a media server's API or a game server's tick would), one worker per core. Prints
 * {@code listening PORT} once it accepts connections; runs until killed.
 *
 * <p>Usage: {@code java BusyServer.java PORT WORK_MILLIS} (PORT 0: any free port).
 */
public class BusyServer {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static volatile long sink;

  public static void main(String[] args) throws Exception {
    long workNanos = (long) (Double.parseDouble(args[1]) * 1_000_000);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 256);
    server.setExecutor(Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors()));
    server.createContext(
        "/",
        exchange -> {
          sink = work(workNanos);
          byte[] body = "ok\n".getBytes(StandardCharsets.US_ASCII);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    System.out.println("listening " + server.getAddress().getPort());
    System.out.flush();
  }

  /** Spins until this thread has had {@code nanos} of CPU. */
  private static long work(long nanos) {
    long end = THREADS.getCurrentThreadCpuTime() + nanos;
    long x = System.nanoTime() | 1;
    while (THREADS.getCurrentThreadCpuTime() < end) {
      for (int i = 0; i < 1000; i++) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
      }
    }
    return x;
  }
}
