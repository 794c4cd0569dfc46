package io.reasonflow.features;

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
 * A search page's traffic in a test: one thread asking the query service for the similar items of a fixed set of
 * ids, round and round, recording every answer (status and the ranked hit ids) until closed.
 */
final class SimilarItemsLoad implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern HIT_ID = Pattern.compile("\"itemId\":\"([^\"]*)\"");

  /** One answer: the HTTP status, and the ranked ids of the hits (the anchor's own id first, as the body has it). */
  record Answer(String itemId, int status, List<String> ids) {}

  private final int port;
  private final List<String> itemIds;
  private final AtomicBoolean running = new AtomicBoolean(true);
  final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
  private final Thread thread;

  SimilarItemsLoad(int port, List<String> itemIds) {
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

  static Answer ask(int port, String itemId) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/v1/items/" + itemId + "/similar?k=10")).build(),
        HttpResponse.BodyHandlers.ofString());
    List<String> ids = new ArrayList<>();
    Matcher m = HIT_ID.matcher(r.body());
    while (m.find()) {
      ids.add(m.group(1));
    }
    return new Answer(itemId, r.statusCode(), ids);
  }

  static Map<String, Answer> askAll(int port, List<String> itemIds) throws Exception {
    Map<String, Answer> out = new java.util.LinkedHashMap<>();
    for (String id : itemIds) {
      out.put(id, ask(port, id));
    }
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join();
  }
}
