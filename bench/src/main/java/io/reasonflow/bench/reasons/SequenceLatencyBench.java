package io.reasonflow.bench.reasons;

import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.seqrec.NextItemScorer;
import io.reasonflow.common.seqrec.SeqRecScorer;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.reasons.EvidenceStores;
import io.reasonflow.reasons.ReasonSettings;
import io.reasonflow.reasons.candidates.CandidateGenerator;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the learned models add to one shopper's candidate generation, on a real feature output with
 * its {@code seqrec-model.bin} and/or {@code next-item-model.bin}: p50/p99/max milliseconds of (a)
 * candidate generation without either model (the same-run baseline), then per model present (b)
 * with it and (c) its scoring alone over the whole catalogue (the network's plain-Java forward
 * pass; the next-item model's sparse rows and blend). One thread, shoppers one at a time (as a
 * request would ask), after a warm-up pass over the same shoppers so the JIT has compiled the hot
 * paths.
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
      NextItemScorer next = stores.nextItem();
      if (model == null && next == null) {
        throw new UserError(
            "no sequential or next-item model in "
                + layout.root()
                + " (run the backfill with features.seqrec.enabled=true and enough history, "
                + "features.seqrec.min-positions, or with features.linear-next.enabled=true)");
      }
      Config none =
          config
              .with("reasons.candidates.sequence-weight", "0")
              .with("reasons.candidates.next-item-weight", "0");
      CandidateGenerator without =
          stores.components(ReasonSettings.from(none), profiles.size()).candidates();
      List<List<String>> histories = new ArrayList<>();
      for (UserProfile p : profiles) {
        List<String> h = new ArrayList<>();
        for (int i = p.recent().size() - 1; i >= 0; i--) {
          h.add(p.recent().get(i).itemId());
        }
        histories.add(h);
      }
      List<Row> rows = new ArrayList<>();
      // warm-up: every path over every shopper once, then each timed
      profiles.forEach(without::generate);
      rows.add(time("candidates without a model (baseline)", profiles, without::generate));
      if (model != null) {
        CandidateGenerator with =
            stores
                .components(
                    ReasonSettings.from(config.with("reasons.candidates.next-item-weight", "0")),
                    profiles.size())
                .candidates();
        profiles.forEach(with::generate);
        histories.forEach(model::score);
        rows.add(time("candidates with the sequential network", profiles, with::generate));
        rows.add(time("network forward pass alone", histories, model::score));
        out.printf(
            Locale.ROOT,
            "sequential network: %,d items (%s)%n",
            model.itemIds().size(),
            model.trainedWith());
      }
      if (next != null) {
        CandidateGenerator with =
            stores
                .components(
                    ReasonSettings.from(config.with("reasons.candidates.sequence-weight", "0")),
                    profiles.size())
                .candidates();
        NextItemScorer.Blend blend =
            new NextItemScorer.Blend(
                config.decimal("reasons.candidates.next-item-knn-weight", 0, 1),
                config.decimal("reasons.candidates.next-item-knn-decay", 0.01, 1));
        profiles.forEach(with::generate);
        histories.forEach(h -> next.score(h, blend));
        rows.add(time("candidates with the next-item model", profiles, with::generate));
        rows.add(time("next-item model scores alone", histories, h -> next.score(h, blend)));
        out.printf(
            Locale.ROOT,
            "next-item model: %,d items (%s)%n",
            next.itemIds().size(),
            next.trainedWith());
      }
      out.printf(Locale.ROOT, "%,d shoppers%n", profiles.size());
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
