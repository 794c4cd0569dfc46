#!/usr/bin/env python3
# Share of reasons per claim kind in a reason-job output (docs/benchmarks.md, Instruments content claims).
# Usage: python3 docs/scripts/content-claims.py OUT/recommendations [x]   (x: also print 20 seeded reasons)
import gzip, json, os, sys, collections, random
root = sys.argv[1]
files = []
for d, _, fs in os.walk(root):
    for f in fs:
        if f.endswith('.jsonl.gz') or f.endswith('.jsonl'):
            files.append(os.path.join(d, f))
recs = []
for f in sorted(files):
    op = gzip.open if f.endswith('.gz') else open
    with op(f, 'rt', encoding='utf-8') as fh:
        for line in fh:
            if line.strip():
                recs.append(json.loads(line))
ASPECT = {'AspectClaim', 'AspectCountClaim', 'AspectShareClaim', 'AspectReviewersClaim', 'UserAspectClaim'}
ATTR = {'AttributeClaim'}
BRAND = {'SameBrandClaim'}
def kinds(claims):
    return {c.get('claim') for c in (claims or [])}
n = len(recs)
c_attr = c_aspect = c_content = c_content_strict = c_brand = 0
kind_count = collections.Counter()
named_from_reviews = 0
for r in recs:
    k = kinds(r.get('claims'))
    for x in k: kind_count[x] += 1
    a = bool(k & ATTR); s = bool(k & ASPECT); b = bool(k & BRAND)
    c_attr += a; c_aspect += s; c_brand += b
    c_content += (a or s)
print(f"recommendations {n}, users {len({r['userId'] for r in recs})}")
print(f"content claim (attribute or aspect): {c_content} ({100.0*c_content/n:.1f}%)")
print(f"  attribute {c_attr} ({100.0*c_attr/n:.1f}%), aspect {c_aspect} ({100.0*c_aspect/n:.1f}%), same brand {c_brand} ({100.0*c_brand/n:.1f}%)")
print("claim kinds (share of reasons):")
for k, v in kind_count.most_common():
    print(f"  {k}: {v} ({100.0*v/n:.1f}%)")
zh = sum(1 for r in recs if 'zh-CN' in (r.get('otherLocales') or {}))
print(f"reasons with a verified zh-CN version: {zh}")
item_names = sum(1 for r in recs if 'the item ' in r.get('reason', ''))
print(f"en reasons naming 'the item <id>': {item_names}")
rnd = random.Random(13)
sample = rnd.sample(recs, min(20, n))
if len(sys.argv) > 2:
    for r in sample:
        zhr = (r.get('otherLocales') or {}).get('zh-CN', {}).get('reason', '')
        print(f"| {r['userId']} / {r['itemId']} | {r['reason']} | {zhr} |")
