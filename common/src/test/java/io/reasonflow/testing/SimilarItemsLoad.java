package io.reasonflow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A search page's traffic in a test: one thread asking the query service for the similar items of a
 * fixed set of ids, round and round, recording every answer (status and the ranked hit ids) until
 * closed.
 */
public final class SimilarItemsLoad implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern HIT_ID = Pattern.compile("\"itemId\":\"([^\"]*)\"");

  /**
   * Answers the load must still give after the new version's reference answers are taken, before it
   * stops.
   */
  private static final int MORE_ANSWERS = 20;

  /**
   * One answer: the HTTP status, and the ranked ids of the hits (the anchor's own id first, as the
   * body has it).
   */
  public record Answer(String itemId, int status, List<String> ids) {}

  private final int port;
  private final List<String> itemIds;
  private final AtomicBoolean running = new AtomicBoolean(true);
  public final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
  private final Thread thread;

  public SimilarItemsLoad(int port, List<String> itemIds) {
    this.port = port;
    this.itemIds = List.copyOf(itemIds);
    this.thread = new Thread(this::run, "similar-items-load");
    thread.start();
  }

  private void run() {
    for (int i = 0; running.get(); i++) {
      String id = itemIds.get(i % itemIds.size());
      try {
        answers.add(ask(port, id));
        // a steady trickle, not a flood: the cluster under test shares the machine's two cores
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        answers.add(new Answer(id, -1, List.of(String.valueOf(e))));
      }
    }
  }

  public static Answer ask(int port, String itemId) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + port + "/v1/items/" + itemId + "/similar?k=10"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    List<String> ids = new ArrayList<>();
    Matcher m = HIT_ID.matcher(r.body());
    while (m.find()) {
      ids.add(m.group(1));
    }
    return new Answer(itemId, r.statusCode(), ids);
  }

  /**
   * The admin token a server under this load must be started with, for {@code POST /admin/refresh}.
   */
  public static final String ADMIN_TOKEN = "similar-items-load-admin-token";

  /**
   * Asks the query service to pick up a newly published index version now; fails unless it answers
   * 200.
   */
  private static void refresh(int port) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/refresh"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("POST /admin/refresh: %s", r.body()).isEqualTo(200);
  }

  public static Map<String, Answer> askAll(int port, List<String> itemIds) throws Exception {
    Map<String, Answer> out = new java.util.LinkedHashMap<>();
    for (String id : itemIds) {
      out.put(id, ask(port, id));
    }
    return out;
  }

  /**
   * Every request succeeded and was answered wholly by the old or by the new version, never a mix
   * or a half-built index; and once the new version answered, the old one never did again.
   */
  static void assertOneVersionAtATime(
      List<Answer> answers, Map<String, Answer> v1, Map<String, Answer> v2) {
    assertThat(answers)
        .hasSizeGreaterThan(100)
        .allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
    assertThat(v1.keySet())
        .anySatisfy(id -> assertThat(v2.get(id).ids()).isNotEqualTo(v1.get(id).ids()));
    boolean switched = false;
    for (Answer a : answers) {
      List<String> old = v1.get(a.itemId()).ids();
      List<String> neu = v2.get(a.itemId()).ids();
      assertThat(a.ids()).as("answer for %s", a.itemId()).isIn(old, neu);
      if (!a.ids().equals(old)) {
        switched = true;
      } else if (switched && !old.equals(neu)) {
        throw new AssertionError(
            "the old version answered " + a.itemId() + " after the new one had answered");
      }
    }
    assertThat(switched).as("the load saw the new version").isTrue();
  }

  /** Makes a new index version the served one (e.g. {@code IndexVersions.publish}). */
  public interface Publish {
    void run() throws Exception;
  }

  /**
   * Switches the service to a new index version under this load: {@code publish} makes it current,
   * the service refreshes, the new version's answers to the load's ids are taken, the load runs on
   * for {@value #MORE_ANSWERS} more answers (30 s at most) and stops, and every answer it saw must
   * have come wholly from {@code before} (the old version's answers) or from the new version.
   *
   * @return microseconds from publishing to the refresh's answer
   */
  public long switchAndCheck(Publish publish, Map<String, Answer> before) throws Exception {
    long t0 = System.nanoTime();
    publish.run();
    refresh(port);
    long micros = (System.nanoTime() - t0) / 1_000;
    Map<String, Answer> after = askAll(port, itemIds);
    int seen = answers.size();
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
    while (answers.size() < seen + MORE_ANSWERS && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    close();
    assertOneVersionAtATime(List.copyOf(answers), before, after);
    return micros;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join();
  }
}
