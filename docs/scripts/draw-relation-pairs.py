# Draws Beauty anchor/candidate pairs a co-view reason is written about (relation-labels/README.md).
# Usage: python3 docs/scripts/draw-relation-pairs.py SEED N [FEATURES_DIR]  (from the repo root, after ./reasonflow demo)
# Prints anchor, candidate, co-view count and both titles; pairs already in beauty-pairs.tsv are skipped.
import gzip, json, glob, random, sys, collections, hashlib
F = sys.argv[3] if len(sys.argv) > 3 else 'target/demo/features'
SEED = int(sys.argv[1]); N = int(sys.argv[2])
old = set()
for line in open('reason-job/src/test/resources/relation-labels/beauty-pairs.tsv'):
    if line.startswith('#') or line.startswith('anchor_id'): continue
    f = line.rstrip('\n').split('\t'); old.add((f[0], f[1])); old.add((f[1], f[0]))
co = collections.defaultdict(list)
for p in glob.glob(F + '/coviews.tsv.gz/*.gz'):
    for line in gzip.open(p, 'rt'):
        a, b, n = line.rstrip('\n').split('\t')
        if a == 'item_a': continue
        n = int(n); co[a].append((n, b)); co[b].append((n, a))
titles = {}
for p in glob.glob(F + '/items.jsonl.gz/*.gz'):
    for line in gzip.open(p, 'rt'):
        j = json.loads(line); titles[j['item']['id']] = j['item'].get('title') or ''
profiles = []
for p in sorted(glob.glob(F + '/profiles.jsonl.gz/*.gz')):
    for line in gzip.open(p, 'rt'):
        j = json.loads(line); profiles.append((j['userId'], j['recent'], set(j['seenItems'])))
profiles.sort(key=lambda x: x[0])
random.Random(SEED).shuffle(profiles)
out = []; seen = set()
for uid, recent, seenItems in profiles:
    anchors = sorted(recent, key=lambda a: -a['lastTimeMs'])[:2]
    for a in anchors:
        a = a['itemId']
        nb = sorted([x for x in co[a] if x[0] >= 5 and x[1] not in seenItems], key=lambda x: (-x[0], x[1]))[:2]
        for n, b in nb:
            if (a, b) in old or (a, b) in seen or (b, a) in seen: continue
            seen.add((a, b)); out.append((a, b, n))
    if len(out) >= N: break
for a, b, n in out[:N]:
    print('\t'.join([a, b, str(n), titles.get(a, ''), titles.get(b, '')]))
