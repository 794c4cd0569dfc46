package io.reasonflow.reasons.realise;

import io.reasonflow.reasons.evidence.AnchorEvidence;
import io.reasonflow.reasons.evidence.Evidence;
import io.reasonflow.reasons.evidence.PopularityBucket;
import io.reasonflow.reasons.evidence.Relation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The template baseline. Picks the strongest kind of evidence that holds for some anchor (a quotable co-view
 * figure, then a shared salient title term, then vector similarity, then just "from your recent items"), fills that
 * template's slots from the evidence only, and appends a popularity sentence for best sellers and hidden gems.
 */
public final class TemplateRealiser implements Realiser {
  private final SlotRenderer renderer;
  private final double similarCosine;

  /** @param similarCosine the least vector similarity at which a reason may call the candidate "close" */
  public TemplateRealiser(SlotRenderer renderer, double similarCosine) {
    this.renderer = renderer;
    this.similarCosine = similarCosine;
  }

  @Override
  public String name() {
    return "template";
  }

  @Override
  public Optional<RealisedReason> realise(Evidence e, ReasonLocale locale) {
    if (e.anchors().isEmpty()) {
      return Optional.empty();
    }
    TemplateKind kind;
    AnchorEvidence a;
    Optional<AnchorEvidence> quotable = first(e, AnchorEvidence::quotable);
    Optional<AnchorEvidence> withTerm = first(e, x -> !x.sharedTerms().value().isEmpty());
    Optional<AnchorEvidence> similar = first(e, x -> x.similarity().value() >= similarCosine);
    if (quotable.isPresent()) {
      a = quotable.get();
      kind = a.relation().value() == Relation.COMPLEMENT ? TemplateKind.COMPLEMENT_FIGURE : TemplateKind.COVIEW_FIGURE;
    } else if (withTerm.isPresent()) {
      a = withTerm.get();
      kind = TemplateKind.SHARED_TERM;
    } else if (similar.isPresent()) {
      a = similar.get();
      kind = TemplateKind.SIMILAR;
    } else {
      a = e.anchors().get(0);
      kind = TemplateKind.FROM_RECENT;
    }
    List<Claim> claims = claimsFor(kind, a, e, locale);
    String skeleton = Templates.skeleton(kind, locale);
    PopularityBucket bucket = e.popularity().bucket();
    boolean withPopularity = bucket != PopularityBucket.POPULAR;
    if (withPopularity) {
      skeleton += Templates.skeleton(TemplateKind.POPULARITY, locale);
      claims.add(new Claim.PopularityClaim(e.candidateId(), bucket, renderer.popularity(bucket, locale)));
    }
    return Optional.of(new RealisedReason(Lexicaliser.fill(skeleton, claims), skeleton,
        Templates.id(kind, withPopularity, locale), locale, name(), claims));
  }

  private static Optional<AnchorEvidence> first(Evidence e, Predicate<AnchorEvidence> p) {
    return e.anchors().stream().filter(p).findFirst();
  }

  private List<Claim> claimsFor(TemplateKind kind, AnchorEvidence a, Evidence e, ReasonLocale locale) {
    List<Claim> claims = new ArrayList<>();
    String c = e.candidateId();
    claims.add(new Claim.AnchorClaim(a.itemId(), renderer.anchor(a.title(), locale)));
    claims.add(new Claim.ActionClaim(a.itemId(), a.action(), renderer.action(a.action(), locale)));
    switch (kind) {
      case COMPLEMENT_FIGURE, COVIEW_FIGURE -> {
        claims.add(new Claim.CoViewCountClaim(a.itemId(), c, a.coViews().value(),
            renderer.count(a.coViews().value())));
        claims.add(new Claim.CoActionClaim(renderer.dataActions(), renderer.coAction(locale)));
        claims.add(new Claim.ShareClaim(a.itemId(), c, a.share().count(), a.share().of(),
            renderer.share(a.share().count(), a.share().of(), locale)));
        if (kind == TemplateKind.COMPLEMENT_FIGURE) {
          claims.add(new Claim.RelationClaim(a.itemId(), c, Relation.COMPLEMENT));
        }
      }
      case SHARED_TERM -> {
        String term = a.sharedTerms().value().get(0);
        claims.add(new Claim.SharedTermClaim(a.itemId(), c, term, renderer.term(term, e.candidateTitle())));
      }
      case SIMILAR -> claims.add(new Claim.SimilarityClaim(a.itemId(), c));
      default -> { } // FROM_RECENT claims only that the anchor is the shopper's
    }
    return claims;
  }
}
