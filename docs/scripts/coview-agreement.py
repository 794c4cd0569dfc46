#!/usr/bin/env python3
"""Co-view agreement of a backfill's item2vec vectors (docs/scaling.md), as coViewHitRate in
FeatureBatchClusterITCase at 3393800: for each item with a learned (BEHAVIOUR) vector whose co-view list has an
entry with one, is the first such entry (the strongest) among its 10 nearest items by cosine? Vectors are unit
length; ties do not count against. Usage: coview-agreement.py OUT (the --out of ./reasonflow features)."""
import glob, gzip, json, os, sys

import numpy as np


def files(root):
    # items.jsonl.gz is one file at parallelism 1 and a directory of parts otherwise
    found = []
    for p in sorted(glob.glob(os.path.join(root, 'items*'))):
        if os.path.isfile(p):
            found.append(p)
        else:
            found += sorted(f for f in glob.glob(os.path.join(p, '**', '*'), recursive=True) if os.path.isfile(f))
    return found


def lines(root):
    for f in files(root):
        with (gzip.open if f.endswith('.gz') else open)(f, 'rt') as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)


def item_id(r):
    return r['id'] if 'id' in r else r['item']['id']


rows = list(lines(sys.argv[1]))
vec = {item_id(r): np.asarray(r['vector'], dtype=np.float64) for r in rows if r.get('vectorSource') == 'BEHAVIOUR'}
ids = sorted(vec)
if not ids:
    sys.exit(f"{sys.argv[1]}: no item rows with a BEHAVIOUR vector")
pos = {i: k for k, i in enumerate(ids)}
M = np.stack([vec[i] for i in ids])
hits = total = 0
for r in rows:
    i = item_id(r)
    if i not in vec:
        continue
    target = next((c['itemId'] for c in (r.get('coViews') or []) if c['itemId'] in vec), None)
    if target is None:
        continue
    s = M @ vec[i]
    t = s[pos[target]]
    above = int(np.sum(s > t)) - (1 if s[pos[i]] > t else 0)
    hits += above < 10
    total += 1
print(f"{sys.argv[1]}: {hits}/{total} = {100.0 * hits / total:.2f}% over {len(rows)} item rows, {len(vec)} vectors")
