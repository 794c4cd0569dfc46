package io.reasonflow.reasons;

import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.config.EventSchemas;
import io.reasonflow.common.io.EventSchema;
import io.reasonflow.common.seqrec.NextItemScorer;
import io.reasonflow.reasons.aspects.ReviewAspects;
import io.reasonflow.reasons.candidates.CandidateSettings;
import io.reasonflow.reasons.realise.ReasonLocale;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code reasons.*} keys, read and validated once where the job is built (the command line or a
 * {@code *Main} class); the reason operators and the recommender they assemble carry these plain
 * values, so a bad key fails on the client as one line rather than in every task, and nothing past
 * this class looks a key up.
 *
 * @param locale {@code reasons.locale}: the language every recommendation is written in
 * @param otherLocales {@code reasons.locales} without {@code locale}, in the order given, each once
 * @param realiser {@code reasons.realiser}
 * @param explainerDir {@code reasons.explainer.model-dir}, or null when unset
 * @param explainerDirOrigin where {@code explainerDir} was set (for error messages)
 * @param requireFigure {@code reasons.require-figure}
 * @param candidates how candidates are found and picked ({@code reasons.top-k}, {@code
 *     reasons.candidates.anchors}, ...)
 * @param models the weights the learned next-item models are blended in at
 * @param sequenceModel {@code reasons.candidates.sequence-model}: the network's file, or empty
 * @param evidence what evidence may say ({@code reasons.privacy.*}, {@code reasons.evidence.*},
 *     {@code reasons.terms.*}, {@code reasons.relation.*}, {@code reasons.popularity.*})
 * @param reviews the review texts review aspects are read from, or null without
 * @param batchProfiles {@code reasons.batch.profiles}: shoppers realised together
 * @param batchMaxWaitMillis {@code reasons.batch.max-wait}
 * @param followMillis {@code reasons.stream.follow-interval}: how often a streaming task checks for
 *     a newly published feature version
 * @param storeCacheDir {@code reasons.store-cache-dir}: where a machine keeps the catalogue's and
 *     the co-view table's memory-mapped forms; empty for the JVM's temporary directory
 */
public record ReasonSettings(
    ReasonLocale locale,
    List<ReasonLocale> otherLocales,
    Recommender.RealiserChoice realiser,
    String explainerDir,
    String explainerDirOrigin,
    boolean requireFigure,
    CandidateSettings candidates,
    ModelWeights models,
    String sequenceModel,
    EvidenceSettings evidence,
    ReviewSource reviews,
    int batchProfiles,
    long batchMaxWaitMillis,
    long followMillis,
    String storeCacheDir)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The key naming the directory of the explainers {@code reasons.realiser = decoder} reads. */
  public static final String EXPLAINER_DIR_KEY = "reasons.explainer.model-dir";

  public ReasonSettings {
    Objects.requireNonNull(locale, "locale");
    otherLocales = List.copyOf(otherLocales);
    Objects.requireNonNull(realiser, "realiser");
    Objects.requireNonNull(candidates, "candidates");
    Objects.requireNonNull(models, "models");
    Objects.requireNonNull(evidence, "evidence");
    sequenceModel = sequenceModel == null ? "" : sequenceModel;
    storeCacheDir = storeCacheDir == null ? "" : storeCacheDir.strip();
  }

  /**
   * Where a machine keeps the memory-mapped catalogue and co-view table ({@code storeCacheDir}).
   */
  public java.nio.file.Path storeCache() {
    return storeCacheDir.isEmpty()
        ? EvidenceStores.defaultStoreCache()
        : java.nio.file.Path.of(storeCacheDir);
  }

  /**
   * Blend weights of the learned candidate sources.
   *
   * @param sequenceWeight {@code reasons.candidates.sequence-weight}: the network's
   * @param nextItemWeight {@code reasons.candidates.next-item-weight}: the next-item model's
   * @param nextItem {@code reasons.candidates.next-item-knn-weight} and {@code -knn-decay}: how the
   *     next-item model's sequential kNN and linear scores are blended
   */
  public record ModelWeights(
      double sequenceWeight, double nextItemWeight, NextItemScorer.Blend nextItem)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * What the evidence may say, and how it is scaled.
   *
   * @param minShoppers {@code reasons.privacy.min-shoppers}: the fewest shoppers a figure may count
   * @param maxAnchors {@code reasons.evidence.max-anchors}
   * @param termsMaxDocFraction {@code reasons.terms.max-doc-fraction}: title words in more of the
   *     catalogue than this are not shared attributes
   * @param similarCosine {@code reasons.relation.similar-cosine}
   * @param bestSellerPercentile {@code reasons.popularity.best-seller-percentile}
   * @param hiddenGemPercentile {@code reasons.popularity.hidden-gem-percentile}
   */
  public record EvidenceSettings(
      int minShoppers,
      int maxAnchors,
      double termsMaxDocFraction,
      double similarCosine,
      double bestSellerPercentile,
      double hiddenGemPercentile)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Events with a review-text column, read once per recommender for review aspects.
   *
   * @param path {@code reasons.aspects.reviews}
   * @param schema the {@code input.*} columns to read it with
   * @param minReviews {@code reasons.aspects.min-reviews}
   */
  public record ReviewSource(String path, EventSchema schema, int minReviews)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    public ReviewAspects read() {
      return ReviewAspects.read(Path.of(path), schema, minReviews);
    }
  }

  /**
   * Reads and checks every {@code reasons.*} key a recommender and the reason operators need.
   *
   * @throws UserError naming the key and the fix for a bad value
   */
  public static ReasonSettings from(Config c) {
    ReasonLocale locale = ReasonLocale.parse(c.string("reasons.locale"));
    String explainerDir = c.optionalString(EXPLAINER_DIR_KEY);
    return new ReasonSettings(
        locale,
        otherLocales(c, locale),
        realiser(c),
        explainerDir == null || explainerDir.isBlank() ? null : explainerDir.strip(),
        c.origin(EXPLAINER_DIR_KEY),
        c.bool("reasons.require-figure"),
        CandidateSettings.fromConfig(c),
        new ModelWeights(
            c.decimal("reasons.candidates.sequence-weight", 0, 1),
            c.decimal("reasons.candidates.next-item-weight", 0, 1),
            new NextItemScorer.Blend(
                c.decimal("reasons.candidates.next-item-knn-weight", 0, 1),
                c.decimal("reasons.candidates.next-item-knn-decay", 0.01, 1))),
        c.string(EvidenceStores.SEQUENCE_MODEL_KEY),
        new EvidenceSettings(
            c.integer("reasons.privacy.min-shoppers", 1, Integer.MAX_VALUE),
            c.integer("reasons.evidence.max-anchors", 1, 100),
            c.decimal("reasons.terms.max-doc-fraction", 0.000001, 1),
            c.decimal("reasons.relation.similar-cosine", -1, 1),
            c.decimal("reasons.popularity.best-seller-percentile", 0, 1),
            c.decimal("reasons.popularity.hidden-gem-percentile", 0, 1)),
        reviews(c),
        c.integer("reasons.batch.profiles", 1, 4096),
        c.duration("reasons.batch.max-wait").toMillis(),
        c.duration("reasons.stream.follow-interval").toMillis(),
        c.optionalString("reasons.store-cache-dir"));
  }

  /** {@code reasons.top-k}. */
  public int topK() {
    return candidates.topK();
  }

  private static List<ReasonLocale> otherLocales(Config c, ReasonLocale primary) {
    String raw = c.optionalString("reasons.locales");
    List<ReasonLocale> out = new ArrayList<>();
    if (raw == null) {
      return out;
    }
    for (String tag : raw.split(",")) {
      if (tag.isBlank()) {
        continue;
      }
      ReasonLocale l;
      try {
        l = ReasonLocale.parse(tag);
      } catch (UserError e) {
        throw c.bad("reasons.locales", "has '" + tag.strip() + "', which is not en or zh-CN");
      }
      if (l != primary && !out.contains(l)) {
        out.add(l);
      }
    }
    return out;
  }

  private static Recommender.RealiserChoice realiser(Config c) {
    String v = c.string("reasons.realiser").strip();
    return switch (v) {
      case "template" -> Recommender.RealiserChoice.TEMPLATE;
      case "decoder" -> Recommender.RealiserChoice.DECODER;
      default ->
          throw c.bad("reasons.realiser", "must be 'template' or 'decoder', not '" + v + "'");
    };
  }

  private static ReviewSource reviews(Config c) {
    String reviews = c.optionalString("reasons.aspects.reviews");
    if (reviews == null) {
      return null;
    }
    if (!Files.exists(Path.of(reviews))) {
      throw c.bad(
          "reasons.aspects.reviews",
          "names no file or directory; point it at events with a review-text column, or leave it"
              + " empty");
    }
    EventSchema schema = EventSchemas.from(c);
    if (schema.textField() == null) {
      throw c.bad("input.columns.text", "is empty, so reasons.aspects.reviews has no text to read");
    }
    return new ReviewSource(
        reviews, schema, c.integer("reasons.aspects.min-reviews", 1, 1_000_000));
  }
}
