package io.reasonflow.reasons.evidence;

/**
 * What kind of product an item is, as a shopper would say it.
 *
 * @param en the English name, singular, lower case ("dry shampoo")
 * @param zh the Chinese name ("干洗喷雾")
 * @param domain the routine it belongs to: hair, nails, skin, makeup, fragrance or other
 */
public record ProductType(String en, String zh, String domain) {}
