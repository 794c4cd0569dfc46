package io.reasonflow.reasons;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.reasons.evidence.Relation;
import io.reasonflow.reasons.evidence.RelationRule;
import io.reasonflow.reasons.realise.Claim;
import io.reasonflow.reasons.realise.RealisedReason;
import io.reasonflow.reasons.realise.ReasonLocale;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * What the reasons of one sample say, per locale, with the template realiser alone (issue 13 item
 * 7): the share of reasons using each evidence kind, the delexicalised unique-sentence ratio, names
 * with dangling ends, relation precision against the labelled pairs, and claim precision by an
 * independent re-check ({@link ClaimRecheck}) of the reason the realiser would emit without the
 * verifier (its first proposal that meets the figure rule) and of the one emitted after it.
 */
public final class SampleReasonReport {
  /** Example reasons listed under the table. */
  public static final int EXAMPLES = 20;

  private SampleReasonReport() {}

  /**
   * @param labels a directory with {@code relation-labels/*.tsv} and {@code type-labels/*.tsv} (the
   *     test fixtures), or null
   */
  public static String run(
      Config config, FeatureLayout layout, int users, List<String> locales, Path labels) {
    long started = System.nanoTime();
    List<UserProfile> profiles = new ArrayList<>();
    Set<EventType> actions = EnumSet.noneOf(EventType.class);
    long[] total = {0};
    JsonLines.forEach(
        layout.profiles(),
        UserProfile.class,
        p -> {
          total[0]++;
          p.recent().stream().map(Anchor::type).forEach(actions::add);
          if (profiles.size() < users) {
            profiles.add(p);
          }
        });
    Map<String, Integer> coViews = readCoViews(layout.coViews());
    Map<String, String[]> relationLabels =
        new HashMap<>(); // pair -> label, anchor, candidate titles
    Map<String, Set<String>> typeLabels = new HashMap<>();
    if (labels != null) {
      readRelationLabels(labels.resolve("relation-labels"), relationLabels);
      readTypeLabels(labels.resolve("type-labels"), typeLabels);
    }
    Map<String, String> relationLabel = new HashMap<>();
    relationLabels.forEach((k, v) -> relationLabel.put(k, v[0]));
    StringBuilder out = new StringBuilder();
    try (EvidenceStores stores = EvidenceStores.open(layout)) {
      Map<String, ItemFeatures> items = new HashMap<>();
      // the recheck reads every item from its own copy, apart from the stores the recommender
      // reads (a sample's catalogue: 12,101 items)
      stores.catalog().forEach(f -> items.put(f.id(), f));
      for (String tag : locales) {
        ReasonLocale loc = ReasonLocale.parse(tag);
        Config c =
            config
                .with("reasons.locale", loc.tag())
                .with("reasons.locales", loc.tag())
                .with("reasons.realiser", "template");
        Recommender recommender = stores.recommender(ReasonSettings.from(c), total[0]);
        Recommender.Components parts = stores.components(ReasonSettings.from(c), total[0]);
        ClaimRecheck recheck =
            new ClaimRecheck(
                items, coViews, actions, relationLabel, typeLabels, parts.similarCosine());
        Map<String, UserProfile> byId = new HashMap<>();
        profiles.forEach(p -> byId.put(p.userId(), p));
        List<Recommendation> recs = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i += 16) {
          recommender
              .recommend(profiles.subList(i, Math.min(profiles.size(), i + 16)))
              .forEach(recs::addAll);
        }
        Tally after = new Tally();
        Tally before = new Tally();
        Map<String, Integer> kinds = new TreeMap<>();
        Set<String> skeletons = new HashSet<>();
        int dangling = 0;
        int idNames = 0;
        int content = 0;
        int replaced = 0;
        List<String> danglingExamples = new ArrayList<>();
        for (Recommendation r : recs) {
          UserProfile p = byId.get(r.userId());
          Set<String> used = new java.util.TreeSet<>();
          for (Claim claim : r.claims()) {
            kind(claim).ifPresent(used::add);
            after.add(claim, recheck.check(claim, p, r.itemId()));
            String name =
                claim instanceof Claim.AnchorClaim a
                    ? a.rendered()
                    : claim instanceof Claim.TypeClaim t ? t.rendered() : null;
            if (name != null && DanglingNames.dangles(name)) {
              dangling++;
              if (danglingExamples.size() < 5) {
                danglingExamples.add(name);
              }
            }
            if (name != null && name.matches("(?i).*\\bitem\\s+[A-Z0-9]{10}\\b.*")) {
              idNames++;
            }
          }
          used.forEach(k -> kinds.merge(k, 1, Integer::sum));
          if (used.contains("catalogue attribute") || used.contains("review aspect")) {
            content++;
          }
          skeletons.add(delexicalise(r.reason(), r.claims()));
          // the reason the realiser would have emitted without the verifier: its first proposal
          // that meets the figure rule, for the same evidence
          Optional<RealisedReason> first =
              parts.template().options(r.evidence(), loc).stream()
                  .filter(
                      o ->
                          !parts.requireFigure()
                              || o.claims().stream()
                                  .anyMatch(Claim.CoViewCountClaim.class::isInstance))
                  .findFirst();
          if (first.isPresent()) {
            for (Claim claim : first.get().claims()) {
              before.add(claim, recheck.check(claim, p, r.itemId()));
            }
            replaced += first.get().text().equals(r.reason()) ? 0 : 1;
          }
        }
        out.append(
            table(
                loc,
                profiles.size(),
                recs,
                kinds,
                content,
                skeletons.size(),
                dangling,
                danglingExamples,
                idNames,
                before,
                after,
                replaced,
                recommender.rejected()));
        // the labelled pairs are Beauty's: measured only where the Beauty lexicon types the
        // catalogue
        if (loc == ReasonLocale.EN
            && !relationLabels.isEmpty()
            && parts.renderer().namer().types()
                == io.reasonflow.reasons.evidence.ProductTypes.shipped()) {
          out.append(relationTable(parts, relationLabels, recs, relationLabel));
        }
        out.append(String.format(Locale.ROOT, "%nexamples (%s, first %d):%n", loc.tag(), EXAMPLES));
        recs.stream()
            .limit(EXAMPLES)
            .forEach(
                r ->
                    out.append(
                        String.format(
                            Locale.ROOT,
                            "| %s / %s | %s |%n",
                            r.userId(),
                            r.itemId(),
                            r.reason())));
        out.append('\n');
      }
    }
    out.append(
        String.format(Locale.ROOT, "report took %.1f s%n", (System.nanoTime() - started) / 1e9));
    return out.toString();
  }

  /** The evidence kind a claim uses; empty for the anchor and action every reason names. */
  static Optional<String> kind(Claim c) {
    return Optional.ofNullable(
        switch (c) {
          case Claim.CoViewCountClaim x -> "co-view figure";
          case Claim.ShareClaim x -> "co-view share";
          case Claim.PopularityClaim x -> "popularity";
          case Claim.RelationClaim x -> "relation (goes with)";
          case Claim.TypeClaim x -> "product type";
          case Claim.SameTypeClaim x -> "same type";
          case Claim.SameRoutineClaim x -> "same routine";
          case Claim.SameBrandClaim x -> "same brand";
          case Claim.SharedTermClaim x -> "shared term";
          case Claim.SimilarityClaim x -> "vector similarity";
          case Claim.AttributeClaim x -> "catalogue attribute";
          case Claim.AspectClaim x -> "review aspect";
          case Claim.AspectCountClaim x -> "review aspect";
          case Claim.AspectShareClaim x -> "review aspect";
          case Claim.AspectReviewersClaim x -> "review aspect";
          case Claim.UserAspectClaim x -> "shopper's own aspect";
          default -> null; // anchor, action, co-action: every reason has them
        });
  }

  /** The reason with every claim's rendered text a slot and every number N: its skeleton. */
  static String delexicalise(String text, List<Claim> claims) {
    String s = text;
    List<String> rendered =
        claims.stream()
            .map(Claim::rendered)
            .filter(x -> x != null && !x.isBlank())
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
    for (String x : rendered) {
      s = s.replace(x, "{X}");
    }
    return s.replaceAll("\\d+", "N");
  }

  /** Claims re-checked right and wrong, and not re-checkable, per claim kind. */
  static final class Tally {
    final Map<String, int[]> byKind = new TreeMap<>();

    void add(Claim c, ClaimRecheck.Outcome o) {
      int[] n = byKind.computeIfAbsent(c.getClass().getSimpleName(), k -> new int[3]);
      n[o.ordinal()]++;
    }

    int[] total() {
      int[] t = new int[3];
      byKind
          .values()
          .forEach(
              n -> {
                for (int i = 0; i < 3; i++) {
                  t[i] += n[i];
                }
              });
      return t;
    }

    static String precision(int[] n) {
      return n[0] + n[1] == 0
          ? "-"
          : String.format(
              Locale.ROOT, "%.3f (%d of %d)", (double) n[0] / (n[0] + n[1]), n[0], n[0] + n[1]);
    }
  }

  private static String table(
      ReasonLocale loc,
      int users,
      List<Recommendation> recs,
      Map<String, Integer> kinds,
      int content,
      int skeletons,
      int dangling,
      List<String> danglingExamples,
      int idNames,
      Tally before,
      Tally after,
      int replaced,
      long rejected) {
    int n = recs.size();
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%n%s: %d shoppers, %d reasons (template realiser)%n",
            loc.tag(),
            users,
            n));
    sb.append("| | value |\n| --- | --- |\n");
    for (var e : kinds.entrySet()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| evidence kind: %s | %d (%.1f%%) |%n",
              e.getKey(),
              e.getValue(),
              100.0 * e.getValue() / Math.max(1, n)));
    }
    sb.append(String.format(Locale.ROOT, "| evidence kinds in use | %d |%n", kinds.size()));
    sb.append(
        String.format(
            Locale.ROOT,
            "| reasons with a content claim (attribute or aspect) | %d (%.1f%%) |%n",
            content,
            100.0 * content / Math.max(1, n)));
    sb.append(
        String.format(
            Locale.ROOT,
            "| delexicalised unique-sentence ratio | %d / %d = %.3f |%n",
            skeletons,
            n,
            (double) skeletons / Math.max(1, n)));
    sb.append(
        String.format(
            Locale.ROOT,
            "| names with a dangling end | %d%s |%n",
            dangling,
            danglingExamples.isEmpty() ? "" : " (" + String.join("; ", danglingExamples) + ")"));
    sb.append(String.format(Locale.ROOT, "| names that are an item id | %d |%n", idNames));
    int[] b = before.total();
    int[] a = after.total();
    sb.append(
        String.format(
            Locale.ROOT,
            "| claims re-checked: precision before the verifier | %s; %d not re-checkable |%n",
            Tally.precision(b),
            b[2]));
    sb.append(
        String.format(
            Locale.ROOT,
            "| claims re-checked: precision after the verifier | %s; %d not re-checkable |%n",
            Tally.precision(a),
            a[2]));
    sb.append(
        String.format(
            Locale.ROOT,
            "| reasons the verifier changed (first proposal rejected) | %d; proposals rejected %d |%n",
            replaced,
            rejected));
    sb.append(
        "\nper claim (before the verifier / after; right of re-checked; not re-checkable):\n");
    Set<String> keys = new java.util.TreeSet<>(before.byKind.keySet());
    keys.addAll(after.byKind.keySet());
    for (String k : keys) {
      int[] x = before.byKind.getOrDefault(k, new int[3]);
      int[] y = after.byKind.getOrDefault(k, new int[3]);
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %s; %d | %s; %d |%n",
              k,
              Tally.precision(x),
              x[2],
              Tally.precision(y),
              y[2]));
    }
    return sb.toString();
  }

  /**
   * The relation rule over every labelled pair (validation and held-out), and the emitted relation
   * and same-type claims that fall on a labelled pair.
   */
  private static String relationTable(
      Recommender.Components parts,
      Map<String, String[]> labels,
      List<Recommendation> recs,
      Map<String, String> relationLabel) {
    RelationRule rule =
        new RelationRule(
            parts.renderer().namer().types(),
            io.reasonflow.reasons.evidence.TypePairs.forTypes(parts.renderer().namer().types()));
    Map<String, int[]> m = new LinkedHashMap<>();
    for (var e : labels.entrySet()) {
      String[] v = e.getValue();
      Relation r = rule.classify(v[1], v[2], Integer.parseInt(v[3]));
      if (r == Relation.RELATED) {
        continue;
      }
      int[] c = m.computeIfAbsent(v[4] + " " + r, k -> new int[2]);
      c[0]++;
      c[1] += v[0].equals(r.name()) ? 1 : 0;
    }
    StringBuilder sb = new StringBuilder("\nrelation rule against the labelled pairs:\n");
    m.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                sb.append(
                    String.format(
                        Locale.ROOT,
                        "| %s | %d claims, %.3f |%n",
                        e.getKey(),
                        e.getValue()[0],
                        (double) e.getValue()[1] / e.getValue()[0])));
    int[] hit = new int[2];
    for (Recommendation r : recs) {
      for (Claim c : r.claims()) {
        String claimed =
            c instanceof Claim.RelationClaim x
                ? x.relation().name()
                : c instanceof Claim.SameTypeClaim ? "SUBSTITUTE" : null;
        String label =
            claimed == null ? null : relationLabel.get(ClaimRecheck.pair(c.anchor(), r.itemId()));
        if (label != null) {
          hit[0]++;
          hit[1] += label.equals(claimed) ? 1 : 0;
        }
      }
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "| emitted relation / same-type claims on a labelled pair | %d, %d right |%n",
            hit[0],
            hit[1]));
    return sb.toString();
  }

  /** Shoppers per pair as the feature job wrote them (one or more gzip parts). */
  static Map<String, Integer> readCoViews(Path path) {
    Map<String, Integer> m = new HashMap<>();
    for (Path part : parts(path)) {
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(
                  new GZIPInputStream(Files.newInputStream(part)), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          String[] f = line.split("\t");
          if (f.length == 3 && !f[0].equals("item_a")) {
            m.put(ClaimRecheck.pair(f[0], f[1]), Integer.parseInt(f[2]));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return m;
  }

  private static List<Path> parts(Path path) {
    if (!Files.isDirectory(path)) {
      return Files.isRegularFile(path) ? List.of(path) : List.of();
    }
    try (Stream<Path> s = Files.list(path)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".gz")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(x -> x.toString().endsWith(".tsv")).sorted().toList()) {
        String set = p.getFileName().toString().contains("heldout") ? "held-out" : "validation";
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
          if (!line.isBlank()
              && !line.startsWith("#")
              && !line.startsWith("anchor_id")
              && !line.startsWith("item_id")) {
            out.add(set + "\t" + line);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** label, anchor title, candidate title, co-views, set per pair. */
  private static void readRelationLabels(Path dir, Map<String, String[]> out) {
    for (String line : lines(dir)) {
      String[] f = line.split("\t");
      boolean legacy = f.length >= 8; // beauty-pairs.tsv has a legacy_rule column
      int t = legacy ? 6 : 5;
      out.put(ClaimRecheck.pair(f[1], f[2]), new String[] {f[4], f[t], f[t + 1], f[3], f[0]});
    }
  }

  private static void readTypeLabels(Path dir, Map<String, Set<String>> out) {
    Pattern bar = Pattern.compile("\\|");
    for (String line : lines(dir)) {
      String[] f = line.split("\t");
      if (f.length >= 3) {
        out.put(f[1], Set.of(bar.split(f[2])));
      }
    }
  }
}
