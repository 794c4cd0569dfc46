package io.reasonflow.reasons.evidence;

/** Whether an anchor/candidate co-view figure exists and may be quoted. */
public enum CoViewStatus {
  /** No shopper had both items in one session. */
  NONE,
  /**
   * Some did, but fewer than {@code reasons.privacy.min-shoppers}: the figure is withheld
   * everywhere.
   */
  BELOW_PRIVACY_THRESHOLD,
  /** Enough shoppers that the figure may be quoted. */
  QUOTABLE
}
