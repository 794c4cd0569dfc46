package io.reasonflow.reasons.decoder;

import io.reasonflow.reasons.ReasonSettings;
import io.reasonflow.reasons.Recommender;
import io.reasonflow.reasons.candidates.BruteForceSimilarity;
import io.reasonflow.reasons.evidence.ProductType;
import io.reasonflow.reasons.explain.ExplanationExample;
import io.reasonflow.reasons.explain.ExplanationExample.Neighbour;
import io.reasonflow.reasons.explain.ExplanationExample.Role;
import io.reasonflow.reasons.explain.ExplanationExample.Split;
import io.reasonflow.reasons.explain.decoder.ExplainerConfig;
import io.reasonflow.reasons.explain.decoder.ExplainerTrainer;
import io.reasonflow.reasons.realise.ReasonLocale;
import io.reasonflow.reasons.realise.SlotRenderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Two explainers (en, zh-CN) trained in seconds on a dozen hand-made sentences about the product
 * types of {@link SyntheticWorld}, for wiring tests. Every sentence names the item's type and
 * plants a brand the synthetic catalogue never has ({@value #PLANTED_EN} / {@value #PLANTED_ZH}):
 * nothing in the reason job backs it, so a constrained decoder must write around it and an
 * unconstrained one writes it and is caught by the verifier.
 */
public final class TinyExplainers {
  public static final String PLANTED_EN = "fender";
  public static final String PLANTED_ZH = "芬达";

  private TinyExplainers() {}

  /** The product types the reason job's namer gives the world's items. */
  static List<ProductType> types(SyntheticWorld world) {
    var c =
        Recommender.Components.of(
            ReasonSettings.from(io.reasonflow.common.config.Config.defaults()),
            world.catalog,
            world.coViews,
            new BruteForceSimilarity(world.catalog),
            SyntheticWorld.USERS);
    SlotRenderer r = c.renderer();
    Set<ProductType> out = new LinkedHashSet<>();
    world.catalog.forEach(f -> r.namer().type(f.item().displayName()).ifPresent(out::add));
    return List.copyOf(out);
  }

  /** Trains both locales' explainers into {@code dir} (explainer.en.*, explainer.zh-CN.*). */
  public static void trainInto(Path dir, SyntheticWorld world) {
    List<ProductType> types = types(world);
    var renderer = new SlotRenderer(90);
    for (ReasonLocale l : List.of(ReasonLocale.EN, ReasonLocale.ZH_CN)) {
      List<ExplanationExample> data = new ArrayList<>();
      for (int i = 0; i < types.size(); i++) {
        String t = renderer.type(types.get(i), l);
        String other = renderer.type(types.get((i + 1) % types.size()), l);
        List<String> sentences =
            l == ReasonLocale.EN
                ? List.of(
                    "the " + PLANTED_EN + " " + t + " is a great buy .",
                    "i love this " + PLANTED_EN + " " + t + " !")
                : List.of("这个" + PLANTED_ZH + t + "很好用。", "我喜欢这款" + PLANTED_ZH + t + "！");
        for (int s = 0; s < sentences.size(); s++) {
          for (Split split : List.of(Split.TRAIN, Split.VALIDATION)) {
            data.add(
                new ExplanationExample(
                    l.tag() + i + "." + s + split,
                    "u" + i,
                    "i" + i,
                    5,
                    sentences.get(s),
                    List.of(),
                    List.of(),
                    t,
                    List.of(l == ReasonLocale.EN ? "Fender" : PLANTED_ZH),
                    List.of(
                        new Neighbour("n" + i, Role.ITEM_NEIGHBOUR, t, List.of(), List.of()),
                        new Neighbour("a" + i, Role.SHOPPER_ANCHOR, other, List.of(), List.of())),
                    split));
          }
        }
      }
      ExplainerTrainer.train(
          new ExplainerConfig(l, true, 16, 8, 48, 500, 200, 20, 40, 40, 600, 0, 8, 0.02, 7),
          data,
          dir,
          line -> {});
    }
  }
}
