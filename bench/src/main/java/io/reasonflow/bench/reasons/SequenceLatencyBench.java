package io.reasonflow.bench.reasons;

import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.seqrec.SeqRecScorer;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.reasons.EvidenceStores;
import io.reasonflow.reasons.candidates.CandidateGenerator;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the sequential model adds to one shopper's candidate generation, on a real feature output
 * with its {@code seqrec-model.bin}: p50/p99/max milliseconds of (a) candidate generation without
 * the model (the same-run baseline), (b) with it, and (c) the model's plain-Java forward pass alone
 * over the whole catalogue. One thread, shoppers one at a time (as a request would ask), after a
 * warm-up pass over the same shoppers so the JIT has compiled the hot paths.
 */
public final class SequenceLatencyBench {
  private SequenceLatencyBench() {}

  /** One measured path. */
  public record Row(String path, int shoppers, double p50Ms, double p99Ms, double maxMs) {}

  public static List<Row> run(Config config, FeatureLayout layout, int shoppers, PrintWriter out) {
    List<UserProfile> profiles = new ArrayList<>();
    JsonLines.forEach(
        layout.profiles(),
        UserProfile.class,
        p -> {
          if (profiles.size() < shoppers && !p.recent().isEmpty()) {
            profiles.add(p);
          }
        });
    try (EvidenceStores stores =
        EvidenceStores.open(layout, config.string(EvidenceStores.SEQUENCE_MODEL_KEY))) {
      SeqRecScorer model = stores.sequence();
      if (model == null) {
        throw new UserError(
            "no sequential model in "
                + layout.root()
                + " (run the backfill with features.seqrec.enabled=true and enough history, "
                + "features.seqrec.min-positions)");
      }
      CandidateGenerator without =
          stores
              .components(config.with("reasons.candidates.sequence-weight", "0"), profiles.size())
              .candidates();
      CandidateGenerator with = stores.components(config, profiles.size()).candidates();
      List<List<String>> histories = new ArrayList<>();
      for (UserProfile p : profiles) {
        List<String> h = new ArrayList<>();
        for (int i = p.recent().size() - 1; i >= 0; i--) {
          h.add(p.recent().get(i).itemId());
        }
        histories.add(h);
      }
      List<Row> rows = new ArrayList<>();
      // warm-up: every path over every shopper once
      profiles.forEach(without::generate);
      profiles.forEach(with::generate);
      histories.forEach(model::score);
      rows.add(time("candidates without the model (baseline)", profiles, without::generate));
      rows.add(time("candidates with the model", profiles, with::generate));
      rows.add(time("model forward pass alone", histories, model::score));
      out.printf(
          Locale.ROOT,
          "%,d shoppers, %,d items in the model (%s)%n",
          profiles.size(),
          model.itemIds().size(),
          model.trainedWith());
      out.println("| path | shoppers | p50 ms | p99 ms | max ms |");
      out.println("| --- | --- | --- | --- | --- |");
      for (Row r : rows) {
        out.printf(
            Locale.ROOT,
            "| %s | %,d | %.3f | %.3f | %.3f |%n",
            r.path(),
            r.shoppers(),
            r.p50Ms(),
            r.p99Ms(),
            r.maxMs());
      }
      out.flush();
      return rows;
    }
  }

  private static <T> Row time(String path, List<T> inputs, java.util.function.Consumer<T> call) {
    long[] nanos = new long[inputs.size()];
    for (int k = 0; k < nanos.length; k++) {
      long t0 = System.nanoTime();
      call.accept(inputs.get(k));
      nanos[k] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    if (nanos.length == 0) {
      return new Row(path, 0, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Row(
        path,
        nanos.length,
        nanos[nanos.length / 2] / 1e6,
        nanos[Math.min(nanos.length - 1, (int) (nanos.length * 0.99))] / 1e6,
        nanos[nanos.length - 1] / 1e6);
  }
}
