package io.reasonflow.reasons.realise;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.reasonflow.common.model.EventType;
import io.reasonflow.reasons.evidence.PopularityBucket;
import io.reasonflow.reasons.evidence.Relation;

/**
 * One checkable statement a reason makes. Slot claims give the text that fills their slot; the
 * others are what a template's wording asserts ("goes well with" asserts a COMPLEMENT). A realiser
 * returns its claims with the text and the verifier checks every one against the stores.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "claim")
public sealed interface Claim {

  /** The slot this claim fills, or null for a claim made by the template's wording. */
  Slot slot();

  /** The text in the slot, or null. */
  String rendered();

  /** The anchor the claim is about, or null. */
  default String anchor() {
    return null;
  }

  /**
   * This claim without the text that fills its slot: what it asserts, whatever the language. A
   * reason and its translation make the same claims when their meanings are equal; their claims are
   * never equal, as each renders its names, actions and figures in its own language.
   */
  default Claim meaning() {
    return switch (this) {
      case AnchorClaim c -> new AnchorClaim(c.itemId(), null);
      case ActionClaim c -> new ActionClaim(c.anchorId(), c.action(), null);
      case CoViewCountClaim c ->
          new CoViewCountClaim(c.anchorId(), c.candidateId(), c.count(), null);
      case ShareClaim c -> new ShareClaim(c.anchorId(), c.candidateId(), c.count(), c.of(), null);
      case CoActionClaim c -> new CoActionClaim(c.actions(), null);
      case SharedTermClaim c -> new SharedTermClaim(c.anchorId(), c.candidateId(), c.term(), null);
      case PopularityClaim c -> new PopularityClaim(c.candidateId(), c.bucket(), null);
      case TypeClaim c -> new TypeClaim(c.candidateId(), c.type(), null);
      case AttributeClaim c ->
          new AttributeClaim(c.candidateId(), c.brand(), c.category(), c.specs(), null);
      case SameRoutineClaim c ->
          new SameRoutineClaim(c.anchorId(), c.candidateId(), c.domain(), null);
      case AspectClaim c -> new AspectClaim(c.candidateId(), c.aspect(), null);
      case AspectCountClaim c ->
          new AspectCountClaim(c.candidateId(), c.aspect(), c.count(), c.reviewIds(), null);
      case AspectReviewersClaim c -> new AspectReviewersClaim(c.candidateId(), c.count(), null);
      case AspectShareClaim c ->
          new AspectShareClaim(c.candidateId(), c.aspect(), c.count(), c.of(), null);
      case UserAspectClaim c -> new UserAspectClaim(c.anchorId(), c.aspect(), null);
      case WordingClaim c -> c; // renders nothing
    };
  }

  /** The meanings of {@code claims} ({@link #meaning}), in any order. */
  static java.util.Set<Claim> meanings(java.util.List<Claim> claims) {
    java.util.Set<Claim> out = new java.util.HashSet<>();
    claims.forEach(c -> out.add(c.meaning()));
    return out;
  }

  /** A claim about the anchor its record names {@code anchorId}. */
  sealed interface AboutAnchor extends Claim {
    String anchorId();

    @Override
    default String anchor() {
      return anchorId();
    }
  }

  /**
   * A claim made by the template's wording about an anchor: it fills no slot and renders no text of
   * its own.
   */
  sealed interface WordingClaim extends AboutAnchor {
    @Override
    default Slot slot() {
      return null;
    }

    @Override
    default String rendered() {
      return null;
    }
  }

  /** The shopper's own item is {@code itemId}, named {@code rendered}. */
  record AnchorClaim(String itemId, String rendered) implements Claim {
    public Slot slot() {
      return Slot.ANCHOR;
    }

    @Override
    public String anchor() {
      return itemId;
    }
  }

  /** The shopper did {@code action} with the anchor. */
  record ActionClaim(String anchorId, EventType action, String rendered) implements AboutAnchor {
    public Slot slot() {
      return Slot.ACTION;
    }
  }

  /** {@code count} distinct shoppers had both the anchor and the candidate. */
  record CoViewCountClaim(String anchorId, String candidateId, int count, String rendered)
      implements AboutAnchor {
    public Slot slot() {
      return Slot.COUNT;
    }
  }

  /**
   * {@code count} of the anchor's {@code of} shoppers also had the candidate, in words ("about 2 in
   * 3"). The verifier reads what the words assert from the words themselves and checks it against
   * the stores' counts.
   */
  record ShareClaim(String anchorId, String candidateId, int count, int of, String rendered)
      implements AboutAnchor {
    public Slot slot() {
      return Slot.SHARE;
    }
  }

  /**
   * The other shoppers behind a co-view figure did {@code actions} ("reviewed"): the event types in
   * the data, so a reason never says "looked at" of shoppers who only wrote reviews.
   */
  record CoActionClaim(java.util.Set<EventType> actions, String rendered) implements Claim {
    public CoActionClaim {
      actions = EventType.inOrder(actions); // one order in every JVM: this set is written out
    }

    public Slot slot() {
      return Slot.CO_ACTION;
    }
  }

  /** Both titles contain the salient term {@code term}. */
  record SharedTermClaim(String anchorId, String candidateId, String term, String rendered)
      implements AboutAnchor {
    public Slot slot() {
      return Slot.TERM;
    }
  }

  /** The candidate is in popularity bucket {@code bucket}. */
  record PopularityClaim(String candidateId, PopularityBucket bucket, String rendered)
      implements Claim {
    public Slot slot() {
      return Slot.POPULARITY;
    }
  }

  /** The template's wording says the candidate stands in {@code relation} to the anchor. */
  record RelationClaim(String anchorId, String candidateId, Relation relation)
      implements WordingClaim {}

  /**
   * The recommended item is a {@code type} (a product type's English name), rendered in the
   * reason's language.
   */
  record TypeClaim(String candidateId, String type, String rendered) implements Claim {
    public Slot slot() {
      return Slot.TYPE;
    }
  }

  /**
   * The template's wording says the candidate is of the same brand as the anchor ("same brand as
   * the Suave dry shampoo you reviewed"): {@code brand} starts both titles.
   */
  record SameBrandClaim(String anchorId, String candidateId, String brand)
      implements WordingClaim {}

  /**
   * The catalogue's row for the recommended item says {@code brand} (its brand column), {@code
   * category} (the leaf of its category path) and states {@code specs} in its title ({@code
   * kind:value}, see {@link io.reasonflow.reasons.evidence.Attributes}); null brand or category and
   * empty specs are not claimed.
   */
  record AttributeClaim(
      String candidateId,
      String brand,
      String category,
      java.util.List<String> specs,
      String rendered)
      implements Claim {
    public AttributeClaim {
      specs = java.util.List.copyOf(specs);
    }

    public Slot slot() {
      return Slot.ATTRIBUTE;
    }
  }

  /**
   * The template's wording says the candidate is the same product type as the anchor ("another
   * shampoo, like").
   */
  record SameTypeClaim(String anchorId, String candidateId, String type) implements WordingClaim {}

  /**
   * Both items are product types of one routine, {@code domain} (hair, nails, skin, makeup,
   * fragrance), in words in the slot ("hair", "护发").
   */
  record SameRoutineClaim(String anchorId, String candidateId, String domain, String rendered)
      implements AboutAnchor {
    public Slot slot() {
      return Slot.ROUTINE;
    }
  }

  /** The template's wording says the candidate is close to the anchor (vector similarity). */
  record SimilarityClaim(String anchorId, String candidateId) implements WordingClaim {}

  /**
   * The wording "reviewers praise its {@code aspect}": at least the privacy threshold of the
   * candidate's reviewers praise it, and more praise it than complain of it. {@code rendered} is
   * the aspect's name in the reason's language.
   */
  record AspectClaim(String candidateId, String aspect, String rendered) implements Claim {
    public Slot slot() {
      return Slot.ASPECT;
    }
  }

  /**
   * {@code count} of the candidate's reviewers praise {@code aspect}; {@code reviewIds} are their
   * reviews (provenance).
   */
  record AspectCountClaim(
      String candidateId,
      String aspect,
      int count,
      java.util.List<String> reviewIds,
      String rendered)
      implements Claim {
    public AspectCountClaim {
      reviewIds = java.util.List.copyOf(reviewIds);
    }

    public Slot slot() {
      return Slot.ASPECT_COUNT;
    }
  }

  /** The candidate has {@code count} reviewers with review text. */
  record AspectReviewersClaim(String candidateId, int count, String rendered) implements Claim {
    public Slot slot() {
      return Slot.ASPECT_OF;
    }
  }

  /**
   * {@code count} of the candidate's {@code of} reviewers praise {@code aspect}, in words; the
   * verifier reads what the words assert from the words ({@code SharePhraseMeaning}).
   */
  record AspectShareClaim(String candidateId, String aspect, int count, int of, String rendered)
      implements Claim {
    public Slot slot() {
      return Slot.ASPECT_SHARE;
    }
  }

  /**
   * The shopper's own review of the anchor speaks of {@code aspect} (in either polarity); rendered
   * as the aspect's name, never the shopper's words, and only in a reason for that shopper.
   */
  record UserAspectClaim(String anchorId, String aspect, String rendered) implements AboutAnchor {
    public Slot slot() {
      return Slot.USER_ASPECT;
    }
  }
}
