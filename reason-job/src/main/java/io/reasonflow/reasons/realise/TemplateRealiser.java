package io.reasonflow.reasons.realise;

import io.reasonflow.reasons.evidence.AnchorEvidence;
import io.reasonflow.reasons.evidence.Attributes;
import io.reasonflow.reasons.evidence.Evidence;
import io.reasonflow.reasons.evidence.PopularityBucket;
import io.reasonflow.reasons.evidence.ProductType;
import io.reasonflow.reasons.evidence.Relation;
import io.reasonflow.reasons.realise.Templates.Fact;
import io.reasonflow.reasons.realise.Templates.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The template realiser. For each of the shopper's anchors it reads which facts hold (a quotable
 * co-view figure, a complement by product type, the same brand, the same type, a shared term,
 * vector similarity), and proposes every {@link Templates#SHAPES shape} those facts support, in
 * four tiers: shapes that quote a figure (about the anchor with the strongest figure), then shapes
 * about the product (type pair, brand, type) for any anchor, then the routine both belong to (hair,
 * nails, skin, makeup, fragrance), then the old fallbacks (shared term, similarity, "from your
 * recent items"). Within a tier the order is drawn from a seed of the shopper and the item, so one
 * shopper sees one reason per item on every run, and consecutive reasons vary in kind and opening.
 * A share under {@link #WEAK_SHARE} is not quoted (the count is). A popularity sentence ("among the
 * 5% most popular items") may follow only a reason with no figure of its own, for best sellers and
 * hidden gems. The caller takes the first proposal the verifier accepts ({@link #options}).
 */
public final class TemplateRealiser implements Realiser {
  private final SlotRenderer renderer;
  private final double similarCosine;
  private final ContentReasons content;
  private final java.util.function.Function<String, Optional<Attributes>> attributes;

  /**
   * @param similarCosine the least vector similarity at which a reason may call the candidate
   *     "close"
   */
  public TemplateRealiser(SlotRenderer renderer, double similarCosine) {
    this(renderer, similarCosine, ContentReasons.NONE, id -> Optional.empty());
  }

  private TemplateRealiser(
      SlotRenderer renderer,
      double similarCosine,
      ContentReasons content,
      java.util.function.Function<String, Optional<Attributes>> attributes) {
    this.renderer = renderer;
    this.similarCosine = similarCosine;
    this.content = content;
    this.attributes = attributes;
  }

  /**
   * This realiser, offering each reason first with a sentence on what the catalogue says of the
   * recommended item ({@code byItemId}: brand, category, title specifications), then without.
   */
  public TemplateRealiser withAttributes(
      java.util.function.Function<String, Optional<Attributes>> byItemId) {
    return new TemplateRealiser(renderer, similarCosine, content, byItemId);
  }

  /**
   * This realiser with reasons about the product's content ({@link ContentReasons}, e.g. review
   * aspects) proposed before its own.
   */
  public TemplateRealiser withContent(ContentReasons content) {
    return new TemplateRealiser(renderer, similarCosine, content, attributes);
  }

  @Override
  public String name() {
    return "template";
  }

  @Override
  public Optional<RealisedReason> realise(Evidence e, ReasonLocale locale) {
    return options(e, locale).stream().findFirst();
  }

  @Override
  public List<RealisedReason> options(Evidence e, ReasonLocale locale) {
    if (e.anchors().isEmpty()) {
      return List.of();
    }
    Random seeded = new Random(seed(e.userId(), e.candidateId()));
    // A type whose routine the title contradicts (an argan oil "for hair and face" named a carrier
    // oil for skin care) is not offered: the verifier would reject every sentence naming it, one
    // after another, and the item would be explained by whatever shape is left, if any.
    Optional<ProductType> candidateType = renderer.namer().claimableType(e.candidateTitle());
    Optional<String> candidateBrand = renderer.namer().brand(e.candidateTitle());
    List<Proposal> figures = new ArrayList<>();
    List<Proposal> plainFigures = new ArrayList<>();
    List<Proposal> product = new ArrayList<>();
    List<Proposal> routine = new ArrayList<>();
    boolean figureSeen = false;
    for (AnchorEvidence a : e.anchors()) {
      if (!renderer.nameable(a.title())) {
        continue; // its name would be its id: a reason names an anchor the shopper can recognise
      }
      Set<Fact> facts = facts(a, candidateType, candidateBrand);
      boolean weakShare = a.quotable() && a.share().count() < WEAK_SHARE * a.share().of();
      for (Shape s : Templates.SHAPES) {
        if (!facts.containsAll(s.needs())
            || s.needs().contains(Fact.TERM)
            || s.needs().contains(Fact.SIMILAR)
            || s.needs().isEmpty()) {
          continue;
        }
        if (weakShare && s.en().contains(Slot.SHARE.token())) {
          continue; // "about 1 in 14 of that item's shoppers" says how few; the count alone is the
          // figure
        }
        if (s.needs().contains(Fact.FIGURE)) {
          if (!figureSeen) {
            // a figure sentence that also says what the product is (goes with, same brand, type,
            // routine) before one that only quotes the figure: the many plain wordings must not
            // crowd out the claims about the product
            (s.needs().size() > 1 ? figures : plainFigures).add(new Proposal(s, a));
          }
        } else if (s.needs().contains(Fact.SAME_ROUTINE)) {
          routine.add(new Proposal(s, a));
        } else {
          product.add(new Proposal(s, a));
        }
      }
      figureSeen |= facts.contains(Fact.FIGURE);
    }
    Collections.shuffle(figures, seeded);
    Collections.shuffle(plainFigures, seeded);
    Collections.shuffle(product, seeded);
    Collections.shuffle(routine, seeded);
    List<Proposal> all = new ArrayList<>(figures);
    all.addAll(plainFigures);
    all.addAll(product);
    all.addAll(routine);
    all.addAll(fallbacks(e, seeded));
    Optional<Attributes> attrs = attributes.apply(e.candidateId());
    List<RealisedReason> out = new ArrayList<>();
    for (RealisedReason r : content.options(e, locale, renderer)) {
      // a content reason (review aspects) with what the catalogue says of the item before it, after
      // it, or alone, in an order drawn from the seed: two content claims in one reason where they
      // read well, and more than one way of putting them
      List<RealisedReason> forms = new ArrayList<>();
      if (attrs.isPresent()) {
        withAttribute(r, e.candidateId(), attrs.get(), true, locale).ifPresent(forms::add);
        withAttribute(r, e.candidateId(), attrs.get(), false, locale).ifPresent(forms::add);
      }
      forms.add(r);
      Collections.shuffle(forms, seeded);
      out.addAll(forms);
    }
    for (Proposal p : all) {
      // what the catalogue says of the item, before or after the reason's own (drawn from the
      // seed; before a fallback's): offered first
      if (attrs.isPresent()) {
        Set<Fact> needs = p.shape().needs();
        if (needs.isEmpty() || needs.contains(Fact.SIMILAR) || needs.contains(Fact.TERM)) {
          // the fallbacks ("close to the ... you reviewed") say little: the content claim leads
          out.add(realise(p, e, candidateType, locale, false, attrs.get(), true));
        } else {
          boolean lead = seeded.nextBoolean();
          out.add(realise(p, e, candidateType, locale, false, attrs.get(), lead));
          out.add(realise(p, e, candidateType, locale, false, attrs.get(), !lead));
        }
      }
      // the popularity sentence says nothing about this shopper: only where the reason has no
      // figure of its own, offered first, and the plain sentence after it (a list takes it at most
      // once, see Recommender)
      boolean popular = e.popularity().bucket() != PopularityBucket.POPULAR;
      if (popular && !p.shape().needs().contains(Fact.FIGURE)) {
        out.add(realise(p, e, candidateType, locale, true, null, false));
      }
      out.add(realise(p, e, candidateType, locale, false, null, false));
    }
    return out;
  }

  /**
   * The least share of the anchor's shoppers that is quoted as a share: under it ("about 1 in 14")
   * the share tells the shopper how few, so only the count is said.
   */
  static final double WEAK_SHARE = 0.1;

  /**
   * A deterministic seed from the shopper and the item (String.hashCode is fixed by the language).
   */
  static long seed(String userId, String itemId) {
    return ((long) userId.hashCode() << 32) ^ itemId.hashCode();
  }

  private record Proposal(Shape shape, AnchorEvidence anchor) {}

  private Set<Fact> facts(
      AnchorEvidence a, Optional<ProductType> candidateType, Optional<String> candidateBrand) {
    Set<Fact> f = EnumSet.noneOf(Fact.class);
    if (a.quotable()) {
      f.add(Fact.FIGURE);
    }
    if (candidateType.isPresent()) {
      f.add(Fact.CANDIDATE_TYPE);
      if (a.relation().value() == Relation.COMPLEMENT) {
        f.add(Fact.COMPLEMENT);
      }
      Optional<ProductType> anchorType = renderer.namer().claimableType(a.title());
      if (candidateType.equals(anchorType)) {
        // "another conditioner, like the conditioner you reviewed" says the type twice and nothing
        // else: when the anchor's name is its bare type (no brand, no short title), the same-type
        // shapes are not offered
        // and "another makeup brush, like the powder brush" is only said of a substitute: the
        // relation rule's roles tell a blush brush or a night cream from one that does its job
        if (!renderer.anchor(a.title(), ReasonLocale.EN).equals(anchorType.get().en())
            && a.relation().value() == Relation.SUBSTITUTE) {
          f.add(Fact.SAME_TYPE);
        }
      } else if (anchorType.isPresent()
          && anchorType.get().domain().equals(candidateType.get().domain())
          && renderer.hasRoutine(anchorType.get().domain())) {
        f.add(Fact.SAME_ROUTINE);
      }
    }
    Optional<String> brand = renderer.namer().brand(a.title());
    if (brand.isPresent()
        && candidateBrand.isPresent()
        && brand
            .get()
            .toLowerCase(Locale.ROOT)
            .equals(candidateBrand.get().toLowerCase(Locale.ROOT))) {
      f.add(Fact.SAME_BRAND);
    }
    if (!a.sharedTerms().value().isEmpty()) {
      f.add(Fact.TERM);
    }
    if (a.similarity().value() >= similarCosine) {
      f.add(Fact.SIMILAR);
    }
    return f;
  }

  /**
   * The reasons before issue 13's claim kinds, weakest last: one proposal each, about the first
   * anchor it fits.
   */
  private List<Proposal> fallbacks(Evidence e, Random seeded) {
    List<Proposal> out = new ArrayList<>();
    for (String family : List.of("shared_term", "similar")) {
      Shape s = pick(family, seeded);
      e.anchors().stream()
          .filter(a -> renderer.nameable(a.title()))
          .filter(
              a ->
                  family.equals("shared_term")
                      ? !a.sharedTerms().value().isEmpty()
                      : a.similarity().value() >= similarCosine)
          .findFirst()
          .ifPresent(a -> out.add(new Proposal(s, a)));
    }
    Optional<AnchorEvidence> named =
        e.anchors().stream().filter(a -> renderer.nameable(a.title())).findFirst();
    out.add(
        named.isPresent()
            ? new Proposal(pick("from_recent", seeded), named.get())
            : new Proposal(Templates.FROM_RECENT_UNNAMED, e.anchors().get(0)));
    return out;
  }

  /** One of a family's wordings, drawn from the seed: they make the same claims. */
  private static Shape pick(String family, Random seeded) {
    List<Shape> words = Templates.SHAPES.stream().filter(x -> x.family().equals(family)).toList();
    return words.get(seeded.nextInt(words.size()));
  }

  /**
   * {@code r} with the catalogue's sentence on the item before ({@code lead}) or after it; empty
   * when the catalogue says nothing the reason does not already say, or the two would run long.
   */
  private Optional<RealisedReason> withAttribute(
      RealisedReason r, String candidateId, Attributes attrs, boolean lead, ReasonLocale locale) {
    Optional<Claim.AttributeClaim> claim = attributeClaim(r.text(), attrs, candidateId, locale);
    if (claim.isEmpty()) {
      return Optional.empty();
    }
    String skeleton =
        lead
            ? Templates.attributeLead(locale) + r.skeleton()
            : r.skeleton() + Templates.attributeSkeleton(locale);
    List<Claim> claims = new ArrayList<>(r.claims());
    claims.add(claim.get());
    String text = Lexicaliser.fill(skeleton, claims);
    if (!ReasonLength.fits(text, locale)) {
      return Optional.empty();
    }
    String id = r.templateId();
    int dot = id.lastIndexOf('.');
    return Optional.of(
        new RealisedReason(
            text,
            skeleton,
            id.substring(0, dot) + (lead ? "+attribute" : "+attribute_after") + id.substring(dot),
            locale,
            r.realiser(),
            claims));
  }

  /**
   * The catalogue's attributes of the candidate as a claim, the brand left out where the reason
   * already says it ("Same brand as the Fender strap ... By Fender"); empty when nothing is left.
   */
  private Optional<Claim.AttributeClaim> attributeClaim(
      String said, Attributes attrs, String candidateId, ReasonLocale locale) {
    String lower = said.toLowerCase(Locale.ROOT);
    String brand =
        attrs.brand() != null && lower.contains(attrs.brand().toLowerCase(Locale.ROOT))
            ? null
            : attrs.brand();
    if (brand == null && attrs.category() == null && attrs.specs().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Claim.AttributeClaim(
            candidateId,
            brand,
            attrs.category(),
            attrs.specs(),
            renderer.attributes(brand, attrs.category(), attrs.specs(), locale)));
  }

  private RealisedReason realise(
      Proposal p,
      Evidence e,
      Optional<ProductType> candidateType,
      ReasonLocale locale,
      boolean withPopularity,
      Attributes attrs,
      boolean attributeLeads) {
    AnchorEvidence a = p.anchor();
    String c = e.candidateId();
    List<Claim> claims = new ArrayList<>();
    String skeleton = p.shape().skeleton(locale);
    if (skeleton.contains(Slot.ANCHOR.token())) {
      claims.add(new Claim.AnchorClaim(a.itemId(), renderer.anchor(a.title(), locale)));
    }
    claims.add(new Claim.ActionClaim(a.itemId(), a.action(), renderer.action(a.action(), locale)));
    Set<Fact> needs = p.shape().needs();
    if (needs.contains(Fact.FIGURE)) {
      claims.add(
          new Claim.CoViewCountClaim(
              a.itemId(), c, a.coViews().value(), renderer.count(a.coViews().value())));
      claims.add(new Claim.CoActionClaim(renderer.dataActions(), renderer.coAction(locale)));
      if (skeleton.contains(Slot.SHARE.token())) {
        claims.add(
            new Claim.ShareClaim(
                a.itemId(),
                c,
                a.share().count(),
                a.share().of(),
                renderer.share(a.share().count(), a.share().of(), locale)));
      }
    }
    if (needs.contains(Fact.COMPLEMENT)) {
      claims.add(new Claim.RelationClaim(a.itemId(), c, Relation.COMPLEMENT));
    }
    if (skeleton.contains(Slot.TYPE.token())) {
      claims.add(
          new Claim.TypeClaim(
              c, candidateType.orElseThrow().en(), renderer.type(candidateType.get(), locale)));
    }
    if (needs.contains(Fact.SAME_TYPE)) {
      claims.add(new Claim.SameTypeClaim(a.itemId(), c, candidateType.orElseThrow().en()));
    }
    if (needs.contains(Fact.SAME_ROUTINE)) {
      String domain = candidateType.orElseThrow().domain();
      claims.add(
          new Claim.SameRoutineClaim(a.itemId(), c, domain, renderer.routine(domain, locale)));
    }
    if (needs.contains(Fact.SAME_BRAND)) {
      claims.add(
          new Claim.SameBrandClaim(a.itemId(), c, renderer.namer().brand(a.title()).orElseThrow()));
    }
    if (needs.contains(Fact.TERM)) {
      String term = a.sharedTerms().value().get(0);
      claims.add(
          new Claim.SharedTermClaim(a.itemId(), c, term, renderer.term(term, e.candidateTitle())));
    }
    if (needs.contains(Fact.SIMILAR)) {
      claims.add(new Claim.SimilarityClaim(a.itemId(), c));
    }
    PopularityBucket bucket = e.popularity().bucket();
    if (withPopularity) {
      skeleton += Templates.popularitySkeleton(locale);
      claims.add(new Claim.PopularityClaim(c, bucket, renderer.popularity(bucket, locale)));
    }
    String id = Templates.id(p.shape(), withPopularity, locale);
    if (attrs != null) {
      // what the catalogue says of the item, before the reason's own sentence (which, often "close
      // to the ... you reviewed", reads as its support) or after it
      Optional<Claim.AttributeClaim> attribute =
          attributeClaim(Lexicaliser.fill(skeleton, claims), attrs, c, locale);
      if (attribute.isPresent()) {
        skeleton =
            attributeLeads
                ? Templates.attributeLead(locale) + skeleton
                : skeleton + Templates.attributeSkeleton(locale);
        claims.add(attribute.get());
        id = p.shape().id() + (attributeLeads ? "+attribute." : "+attribute_after.") + locale.tag();
      }
    }
    return new RealisedReason(
        Lexicaliser.fill(skeleton, claims), skeleton, id, locale, name(), claims);
  }
}
