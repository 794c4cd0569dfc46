#!/usr/bin/env python3
"""Regenerates this sample from the full Amazon Musical Instruments 5-core reviews.

Usage: python3 make-sample.py DATA_DIR [OUT_DIR]
  DATA_DIR holds reviews.jsonl.gz and items.tsv.gz (e.g. ../shared/data/amazon-instruments-2014);
  OUT_DIR defaults to this script's directory.

Selection (deterministic, no randomness):
  1. the TOP_ITEMS items with the most reviews (ties by asin), so that an item's aspects and co-reviews are
     backed by enough reviewers to be quoted under the privacy threshold (5 shoppers);
  2. of their reviews, keep those whose reviewer has at least MIN_USER reviews and whose item has at least
     MIN_ITEM reviews, repeated until nothing changes (a k-core): every shopper has a history to recommend from;
  3. each review keeps reviewerID, asin, unixReviewTime, overall, summary and reviewText unchanged, sorted by
     (unixReviewTime, reviewerID, asin); the catalogue keeps the rows of items.tsv.gz for the kept items.
Output gzip files carry no timestamp, so a re-run gives the same bytes.
"""
import collections
import gzip
import json
import os
import sys

TOP_ITEMS = 50
MIN_USER = 3
MIN_ITEM = 5
FIELDS = ("reviewerID", "asin", "unixReviewTime", "overall", "summary", "reviewText")


def main(data_dir, out_dir):
    with gzip.open(os.path.join(data_dir, "reviews.jsonl.gz"), "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    counts = collections.Counter(r["asin"] for r in rows)
    top = set(sorted(counts, key=lambda a: (-counts[a], a))[:TOP_ITEMS])
    kept = [r for r in rows if r["asin"] in top]
    while True:
        users = collections.Counter(r["reviewerID"] for r in kept)
        items = collections.Counter(r["asin"] for r in kept)
        core = [r for r in kept if users[r["reviewerID"]] >= MIN_USER and items[r["asin"]] >= MIN_ITEM]
        if len(core) == len(kept):
            break
        kept = core
    kept.sort(key=lambda r: (r["unixReviewTime"], r["reviewerID"], r["asin"]))
    with gzip.GzipFile(os.path.join(out_dir, "events.jsonl.gz"), "wb", mtime=0) as g:
        for r in kept:
            g.write((json.dumps({k: r[k] for k in FIELDS if k in r}, ensure_ascii=False) + "\n").encode("utf-8"))
    item_ids = {r["asin"] for r in kept}
    with gzip.open(os.path.join(data_dir, "items.tsv.gz"), "rt", encoding="utf-8") as f:
        lines = f.read().split("\n")
    catalogue = [lines[0]] + [l for l in lines[1:] if l and l.split("\t", 1)[0] in item_ids]
    with gzip.GzipFile(os.path.join(out_dir, "items.tsv.gz"), "wb", mtime=0) as g:
        g.write(("\n".join(catalogue) + "\n").encode("utf-8"))
    print(
        f"{len(kept)} reviews by {len({r['reviewerID'] for r in kept})} shoppers of {len(item_ids)} items "
        f"({len(catalogue) - 1} with a catalogue row)"
    )


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else os.path.dirname(os.path.abspath(__file__)))
