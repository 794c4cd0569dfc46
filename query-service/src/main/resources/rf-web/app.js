// The reference shop pages: a hash router over four views, each built from public /v1 calls only.
// Plain DOM, no framework: a shop's own page can copy any one function.
'use strict';
(function () {
  const PAGE_SIZE = 10;
  const SEARCH_K = 100; // hits fetched per query; facets and pages are over these
  const SIMILAR_K = 10;
  const RECS_K = 10;
  const $main = document.getElementById('main');
  let locale = localStorage.getItem('rf.locale') || 'en';
  let stopLive = null; // the operator view's poller, stopped when leaving it

  const t = (key, ...args) => {
    const v = (RF_I18N[locale] || RF_I18N.en)[key];
    return typeof v === 'function' ? v(...args) : v;
  };

  // ---- small helpers -------------------------------------------------------------------------------------------

  /** An element: h('a', {href: '#'}, 'text', child...). Text is always set as text, never as HTML. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  /** GET a JSON endpoint; a refusal throws an Error carrying the service's own message and status. */
  async function api(path) {
    return answer(fetch(path, { headers: { Accept: 'application/json' } }));
  }

  /** A fetch's JSON body; a refusal throws an Error carrying the service's own message and status. */
  async function answer(pending) {
    const res = await pending;
    const body = await res.json().catch(() => null);
    if (!res.ok) {
      const e = new Error(body && body.error ? body.error : `HTTP ${res.status}`);
      e.status = res.status;
      throw e;
    }
    return body;
  }

  function qs(params) {
    const u = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, v);
    return u.toString();
  }

  function money(p) {
    return p === null || p === undefined ? null
      : new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(p);
  }

  /** A product "photo": the catalogue has no images, so a swatch with a stable colour per item and its initials. */
  function swatch(item, size) {
    let hash = 0;
    for (const ch of item.itemId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
    const words = (item.title || item.itemId).replace(/[^\p{L}\p{N} ]/gu, ' ').split(/\s+/).filter(Boolean);
    const initials = words.slice(0, 2).map(w => w[0].toUpperCase()).join('');
    return h('div', { class: 'swatch ' + (size || ''), style: `--hue:${hash % 360}`, 'aria-hidden': 'true' }, initials);
  }

  function setMain(title, ...children) {
    document.title = title ? `${title} · ${t('shopName')}` : t('shopName');
    $main.replaceChildren(...children);
  }

  function loading() {
    setMain(null, h('p', { class: 'state', role: 'status' }, t('loading')));
  }

  function errorState(e, retry) {
    return h('div', { class: 'state error', role: 'alert' },
      h('h1', {}, t('errorTitle')), h('p', {}, e.message),
      retry ? h('button', { type: 'button', onclick: retry }, t('retry')) : null);
  }

  function productCard(hit, extra) {
    return h('li', { class: 'card' },
      h('a', { href: '#/item/' + encodeURIComponent(hit.itemId), class: 'card-link' },
        swatch(hit), h('span', { class: 'card-title' }, hit.title || hit.itemId)),
      hit.brand ? h('p', { class: 'brand' }, hit.brand) : null,
      h('p', { class: 'meta' },
        hit.price !== null && hit.price !== undefined ? h('span', { class: 'price' }, money(hit.price)) : null,
        h('span', { class: 'pop' }, t('shoppers', hit.popularity))),
      extra || null);
  }

  // ---- home ----------------------------------------------------------------------------------------------------

  function home() {
    const tries = ['nail polish', 'shampoo', 'lipstick', 'eye cream'];
    setMain(null, h('section', { class: 'hero' },
      h('h1', {}, t('homeTitle')), h('p', {}, t('homeIntro')),
      h('p', {}, t('tryQueries'), ' ',
        tries.map(q => [h('a', { href: '#/search?' + qs({ q }), class: 'chip' }, q), ' ']))));
  }

  // ---- search --------------------------------------------------------------------------------------------------

  async function search(params) {
    const q = params.get('q') || '';
    document.getElementById('q').value = q;
    if (!q.trim()) return home();
    const filters = {
      brand: params.get('brand'), category: params.get('category'),
      minPrice: params.get('minPrice'), maxPrice: params.get('maxPrice')
    };
    const page = Math.max(1, parseInt(params.get('page') || '1', 10) || 1);
    loading();
    let body;
    try {
      body = await api('/v1/search?' + qs({ q, k: SEARCH_K, ...filters }));
    } catch (e) {
      return setMain(null, errorState(e, () => search(params)));
    }
    const hits = body.hits;
    const pages = Math.max(1, Math.ceil(hits.length / PAGE_SIZE));
    const shown = hits.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const go = changes => {
      const p = new URLSearchParams(params);
      for (const [k, v] of Object.entries(changes)) v ? p.set(k, v) : p.delete(k);
      location.hash = '#/search?' + p.toString();
    };
    const anyFilter = Object.values(filters).some(Boolean);
    const results = hits.length === 0
      ? h('div', { class: 'state empty', role: 'status' },
          h('p', {}, t('noResults', q)), h('p', {}, t('noResultsHint')),
          anyFilter ? h('button', { type: 'button', onclick: () => go({ brand: '', category: '', minPrice: '', maxPrice: '', page: '' }) }, t('clearFilters')) : null)
      : h('div', {},
          h('p', { class: 'count', role: 'status' }, t('results', hits.length, q, hits.length === SEARCH_K)),
          h('ul', { class: 'grid', id: 'results' }, shown.map(hit => productCard(hit,
            h('p', { class: 'badge' }, t('matchedBy')[hit.matchedBy] || hit.matchedBy)))),
          pager(page, pages, p => go({ page: p > 1 ? String(p) : '' })));
    const facets = facetPanel(hits, filters, go);
    setMain(q, h('div', { class: facets ? 'search-layout' : 'search-layout no-facets' },
      facets, h('section', { 'aria-label': t('results', hits.length, q) }, results)));
  }

  /**
   * Brand, category and price filters, offered only where the catalogue has them: counted over the fetched hits, and
   * absent (not empty) for a catalogue with titles only. A chosen filter stays shown so it can be cleared.
   */
  function facetPanel(hits, filters, go) {
    const count = key => {
      const m = new Map();
      for (const hit of hits) {
        const v = key(hit);
        if (v) m.set(v, (m.get(v) || 0) + 1);
      }
      return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 12);
    };
    const brands = count(hit => hit.brand);
    const cats = count(hit => hit.category && hit.category.length ? hit.category[hit.category.length - 1] : null);
    const hasPrice = hits.some(hit => hit.price !== null && hit.price !== undefined);
    const groups = [];
    const choice = (name, label, anyLabel, values, current) => {
      if (!values.length && !current) return;
      const id = 'facet-' + name;
      groups.push(h('div', { class: 'facet' }, h('label', { for: id }, label),
        h('select', { id, onchange: e => go({ [name]: e.target.value, page: '' }) },
          h('option', { value: '' }, anyLabel),
          current && !values.some(([v]) => v === current) ? h('option', { value: current, selected: true }, current) : null,
          values.map(([v, n]) => h('option', { value: v, selected: v === current }, `${v} (${n})`)))));
    };
    choice('brand', t('brand'), t('anyBrand'), brands, filters.brand);
    choice('category', t('category'), t('anyCategory'), cats, filters.category);
    if (hasPrice || filters.minPrice || filters.maxPrice) {
      const min = h('input', { id: 'facet-min', type: 'number', min: '0', step: 'any', value: filters.minPrice || '' });
      const max = h('input', { id: 'facet-max', type: 'number', min: '0', step: 'any', value: filters.maxPrice || '' });
      groups.push(h('form', {
        class: 'facet price', onsubmit: e => {
          e.preventDefault();
          go({ minPrice: min.value, maxPrice: max.value, page: '' });
        }
      }, h('fieldset', {}, h('legend', {}, t('price')),
        h('label', { for: 'facet-min' }, t('minPrice')), min,
        h('label', { for: 'facet-max' }, t('maxPrice')), max,
        h('button', { type: 'submit' }, t('apply')))));
    }
    if (!groups.length) return null;
    return h('aside', { class: 'facets', 'aria-label': t('filters') }, h('h2', {}, t('filters')), groups);
  }

  function pager(page, pages, to) {
    if (pages <= 1) return null;
    const items = [];
    items.push(h('li', {}, page > 1
      ? h('a', { href: '#', rel: 'prev', onclick: e => { e.preventDefault(); to(page - 1); } }, t('prev'))
      : h('span', { class: 'disabled', 'aria-disabled': 'true' }, t('prev'))));
    for (let p = 1; p <= pages; p++) {
      items.push(h('li', {}, p === page
        ? h('span', { 'aria-current': 'page', class: 'current' }, String(p))
        : h('a', { href: '#', 'aria-label': t('pageOf', p, pages), onclick: e => { e.preventDefault(); to(p); } }, String(p))));
    }
    items.push(h('li', {}, page < pages
      ? h('a', { href: '#', rel: 'next', onclick: e => { e.preventDefault(); to(page + 1); } }, t('next'))
      : h('span', { class: 'disabled', 'aria-disabled': 'true' }, t('next'))));
    return h('nav', { class: 'pager', 'aria-label': t('pagination') }, h('ul', {}, items));
  }

  // ---- product page --------------------------------------------------------------------------------------------

  async function product(id) {
    loading();
    let item, similar;
    try {
      const path = '/v1/items/' + encodeURIComponent(id);
      // index.html started these two calls before the scripts loaded when the page opened on this product
      const pre = window.rfPrefetch && window.rfPrefetch.path === path ? window.rfPrefetch : null;
      window.rfPrefetch = null;
      [item, similar] = await Promise.all([pre ? answer(pre.item) : api(path),
        pre ? answer(pre.similar) : api(path + '/similar?' + qs({ k: SIMILAR_K }))]);
    } catch (e) {
      return setMain(null, errorState(e, () => product(id)));
    }
    const facts = h('dl', { class: 'facts' },
      h('dt', {}, t('popularity')), h('dd', {}, t('shoppers', item.popularity)),
      h('dt', {}, t('vectorSource')), h('dd', {}, (t('vectorSources') || {})[item.vectorSource] || item.vectorSource),
      h('dt', {}, t('itemId')), h('dd', {}, item.itemId));
    const crumbs = item.category && item.category.length
      ? h('nav', { class: 'crumbs', 'aria-label': t('category') }, h('ol', {}, item.category.map(c => h('li', {}, c))))
      : null;
    // the service leaves out counts below its privacy threshold; the page checks again, so it never writes one
    const together = item.coViews.filter(c => disclosable(c.shoppers, item.coViewMinShoppers));
    const rail = similar.hits.length
      ? h('ul', { class: 'rail', id: 'similar' },
          similar.hits.map(hit => productCard(hit, similarReason(hit, similar.coViewMinShoppers))))
      : h('p', { class: 'state' }, t('noSimilar'));
    setMain(item.title,
      h('article', { class: 'product', id: 'product' },
        crumbs,
        h('div', { class: 'product-top' },
          swatch(item, 'big'),
          h('div', { class: 'product-info' },
            item.brand ? h('p', { class: 'brand' }, item.brand) : null,
            h('h1', {}, item.title || item.itemId),
            h('p', { class: 'price big' }, item.price !== null ? money(item.price) : t('noPrice')),
            facts,
            together.length ? h('div', { class: 'together' }, h('h2', {}, t('viewedTogether')),
              h('ul', {}, together.slice(0, 5).map(c => h('li', {},
                h('a', { href: '#/item/' + encodeURIComponent(c.itemId) }, c.title || c.itemId),
                ' · ', t('shoppers', c.shoppers))))) : null))),
      h('section', { class: 'also', 'aria-labelledby': 'also-h' }, h('h2', { id: 'also-h' }, t('alsoViewed')), rail));
    performance.mark('rf-product-rendered');
  }

  /** Whether a co-view count may be shown: the service's threshold (reasons.privacy.min-shoppers) or more. */
  function disclosable(count, min) {
    return typeof count === 'number' && typeof min === 'number' && count >= min;
  }

  /** A neighbour's short reason, written here from the service's figures, and its evidence behind a disclosure. */
  function similarReason(hit, min) {
    const cos = hit.score.toFixed(2);
    const coViews = disclosable(hit.coViewShoppers, min) ? hit.coViewShoppers : null;
    return h('div', { class: 'reason' },
      h('p', {}, t('similarReason', cos, coViews)),
      h('details', { class: 'evidence' },
        h('summary', {}, t('evidence')),
        h('dl', {},
          h('dt', {}, t('evCosine')), h('dd', {}, hit.score.toFixed(3)),
          h('dt', {}, t('evCoView')), h('dd', {}, coViews === null ? t('evCoViewNone', min) : String(coViews)),
          h('dt', {}, t('evServer')), h('dd', { lang: 'en' }, hit.why))));
  }

  // ---- for you -------------------------------------------------------------------------------------------------

  async function forYou(userId) {
    loading();
    let list;
    try {
      list = await api('/v1/users?' + qs({ k: 50 }));
    } catch (e) {
      return setMain(t('forYouTitle'), errorState(e, () => forYou(userId)));
    }
    if (!list.users.length) {
      return setMain(t('forYouTitle'), h('h1', {}, t('forYouTitle')), h('p', { class: 'state' }, t('noShoppers')));
    }
    const user = userId || list.users[0];
    const picker = h('label', { class: 'picker' }, t('pickShopper') + ' ',
      h('select', { id: 'shopper', onchange: e => { location.hash = '#/for-you/' + encodeURIComponent(e.target.value); } },
        list.users.map(u => h('option', { value: u, selected: u === user }, u))));
    let profile, recs;
    try {
      const base = '/v1/users/' + encodeURIComponent(user);
      // the reasons in the page's language, as the reason job wrote and verified them in it (reasons.locales)
      [profile, recs] = await Promise.all([api(base), api(base + '/recommendations?' + qs({ k: RECS_K, locale }))]);
    } catch (e) {
      return setMain(t('forYouTitle'), h('h1', {}, t('forYouTitle')), picker, errorState(e, () => forYou(userId)));
    }
    const recent = profile.recent.length
      ? h('ul', { class: 'rail small', id: 'recent' }, profile.recent.slice(0, 7).map(a => h('li', { class: 'card' },
          h('a', { href: '#/item/' + encodeURIComponent(a.itemId), class: 'card-link' },
            swatch({ itemId: a.itemId, title: a.title }), h('span', { class: 'card-title' }, a.title || a.itemId)),
          h('p', { class: 'meta' }, (t('events') || {})[a.event] || a.event))))
      : h('p', {}, t('noRecent'));
    setMain(t('forYouTitle'),
      h('h1', {}, t('forYouTitle')), picker,
      h('section', { 'aria-labelledby': 'recent-h' }, h('h2', { id: 'recent-h' }, t('recent')), recent),
      h('section', { 'aria-labelledby': 'recs-h' },
        h('h2', { id: 'recs-h' }, t('recommended')),
        h('p', { class: 'note' }, recs.source === 'stored' ? t('sourceStored') : t('sourceVector')),
        h('ol', { class: 'recs', id: 'recs' }, recs.recommendations.map(r => recommendation(r)))));
  }

  function recommendation(r) {
    const reasonLocale = r.locale || null;
    const foreign = reasonLocale && reasonLocale !== locale;
    return h('li', { class: 'rec' },
      swatch({ itemId: r.itemId, title: r.title }),
      h('div', {},
        h('a', { href: '#/item/' + encodeURIComponent(r.itemId), class: 'rec-title' }, r.title || r.itemId),
        h('p', { class: 'reason-text', lang: reasonLocale || null }, r.reason || r.why || ''),
        foreign ? h('p', { class: 'note' }, t('reasonLocaleNote', reasonLocale)) : null,
        h('details', { class: 'evidence' }, h('summary', {}, t('evidence')), evidence(r))));
  }

  /**
   * Each claim of a stored reason: the phrase it put in the sentence, the figure behind it and where that figure came
   * from (the reason job's evidence, with its sources), so a merchandiser can check every word. A record without
   * claims (a profile-vector fallback) shows the service's own sentence.
   */
  function evidence(r) {
    const claims = r.claims || [];
    if (!claims.length) {
      return h('dl', {}, h('dt', {}, t('evServer')), h('dd', { lang: 'en' }, r.why || ''));
    }
    const ev = r.evidence || {};
    const anchorOf = id => (ev.anchors || []).find(a => a.itemId === id) || {};
    const kinds = t('claimKinds') || {};
    const rows = claims.map(c => {
      const figures = claimFigures(c, ev, anchorOf(c.anchorId || c.itemId));
      return h('li', { class: 'claim' },
        h('p', {}, h('strong', {}, kinds[c.claim] || c.claim), c.rendered ? [' ', h('q', { lang: r.locale || null }, c.rendered)] : null),
        figures.length ? h('dl', {}, figures.map(([label, value, source]) => [
          h('dt', {}, label),
          h('dd', {}, String(value), source ? h('span', { class: 'source' }, ' ← ', h('code', {}, source)) : null)])) : null);
    });
    const meta = [
      h('dt', {}, t('via')), h('dd', {}, [r.realiser, r.template].filter(Boolean).join(' · ') || '–'),
      h('dt', {}, t('candidates')), h('dd', {}, h('code', {}, (r.via || []).join(', ')))];
    return h('div', {}, h('ul', { class: 'claims' }, rows), h('dl', { class: 'rec-meta' }, meta));
  }

  /** [label, value, source] rows for one claim, from the evidence the reason job kept for it. */
  function claimFigures(c, ev, anchor) {
    const f = t('figures');
    switch (c.claim) {
      case 'AnchorClaim':
        return [[f.item, `${anchor.title || c.itemId} (${c.itemId})`, anchor.source],
          [f.action, (anchor.action || '').toLowerCase(), anchor.source]];
      case 'ActionClaim':
        return [[f.action, (c.action || '').toLowerCase(), anchor.source]];
      case 'CoViewCountClaim':
        return [[f.coViews, c.count, anchor.coViews && anchor.coViews.source]];
      case 'ShareClaim': // the claim carries its figures; the phrase (c.rendered) is what the reason made of them
        return [[f.share, `${c.count} / ${c.of}`, anchor.anchorShoppers && anchor.anchorShoppers.source]];
      case 'CoActionClaim':
        return [[f.action, (c.actions || []).map(a => a.toLowerCase()).join(', '), null]];
      case 'PopularityClaim': {
        const p = ev.popularity || {};
        return [[f.bucket, c.bucket, null],
          [f.shoppers, p.shoppers ? p.shoppers.value : '–', p.shoppers && p.shoppers.source],
          [f.percentile, p.percentile !== undefined ? (p.percentile * 100).toFixed(1) + '%' : '–', null]];
      }
      case 'SharedTermClaim':
        return [[f.term, c.term, anchor.sharedTerms && anchor.sharedTerms.source]];
      case 'RelationClaim':
        return [[f.relation, c.relation, anchor.relation && anchor.relation.source]];
      default:
        return Object.entries(c).filter(([k]) => k !== 'claim' && k !== 'rendered')
          .map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : v, null]);
    }
  }

  // ---- operator view -------------------------------------------------------------------------------------------

  /** Prometheus text format: sample lines into {name, labels, value}. */
  function parseMetrics(text) {
    const out = [];
    for (const line of text.split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const m = line.match(/^([a-zA-Z_:][\w:]*)(\{(.*)\})?\s+(\S+)/);
      if (!m) continue;
      const labels = {};
      if (m[3]) for (const l of m[3].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
      out.push({ name: m[1], labels, value: parseFloat(m[4]) });
    }
    return out;
  }

  function summarise(samples) {
    let requests = 0, errors = 0, refused = 0, dead = null;
    const buckets = new Map();
    for (const s of samples) {
      if (s.name === 'rf_http_requests_total') {
        requests += s.value;
        const st = parseInt(s.labels.status, 10);
        if (st >= 500) errors += s.value; else if (st >= 400) refused += s.value;
      } else if (s.name === 'rf_http_request_duration_seconds_bucket') {
        const le = s.labels.le === '+Inf' ? Infinity : parseFloat(s.labels.le);
        buckets.set(le, (buckets.get(le) || 0) + s.value);
      } else if (/dead_letter/.test(s.name) && !s.name.endsWith('_created')) {
        dead = (dead || 0) + s.value;
      }
    }
    return { requests, errors, refused, dead, buckets };
  }

  /** p99 from the change of the cumulative histogram between two scrapes: the bucket bound it falls in. */
  function p99(prev, cur) {
    const bounds = [...cur.buckets.keys()].sort((a, b) => a - b);
    const delta = le => cur.buckets.get(le) - (prev ? prev.buckets.get(le) || 0 : 0);
    const total = bounds.length ? delta(bounds[bounds.length - 1]) : 0;
    if (total <= 0) return null;
    for (const le of bounds) if (delta(le) >= 0.99 * total) return le;
    return null;
  }

  function duration(ms) {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 120) return `${s} s`;
    if (s < 7200) return `${Math.round(s / 60)} min`;
    if (s < 172800) return `${Math.round(s / 3600)} h`;
    return `${Math.round(s / 86400)} d`;
  }

  async function ops() {
    loading();
    let health;
    try {
      health = await api('/health');
    } catch (e) {
      return setMain(t('opsTitle'), errorState(e, ops));
    }
    const version = Number(health.modelVersion);
    // model versions are the training run's start in epoch ms; an older or hand-set version is shown as it is
    const age = version > 1e12 ? t('ago', duration(Date.now() - version)) : t('unknown');
    const tile = (id, label) => h('div', { class: 'tile' }, h('p', { class: 'tile-label' }, label),
      h('p', { class: 'tile-value', id }, '–'));
    const chart = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    for (const [k, v] of Object.entries({ class: 'chart', id: 'chart', viewBox: '0 0 300 80', preserveAspectRatio: 'none', role: 'img', 'aria-label': t('chartLabel') })) {
      chart.setAttribute(k, v);
    }
    setMain(t('opsTitle'),
      h('h1', {}, t('opsTitle')),
      h('section', { class: 'tiles', 'aria-label': t('indexCard') },
        h('div', { class: 'tile' }, h('p', { class: 'tile-label' }, t('items')), h('p', { class: 'tile-value' }, new Intl.NumberFormat(locale).format(health.items))),
        h('div', { class: 'tile' }, h('p', { class: 'tile-label' }, t('modelVersion')), h('p', { class: 'tile-value small' }, String(health.modelVersion))),
        h('div', { class: 'tile' }, h('p', { class: 'tile-label' }, t('modelAge')), h('p', { class: 'tile-value', id: 'model-age' }, age)),
        h('div', { class: 'tile' }, h('p', { class: 'tile-label' }, t('generation')), h('p', { class: 'tile-value' }, String(health.generation)))),
      h('p', { class: 'note' }, t('servedDir') + ': ', h('code', {}, health.index)),
      h('h2', {}, t('live')),
      h('section', { class: 'tiles', 'aria-live': 'polite' },
        tile('m-rps', t('rps')), tile('m-p99', t('p99')), tile('m-errors', t('errors')), tile('m-refused', t('refused')),
        tile('m-dead', t('deadLetters'))),
      h('figure', { class: 'chart-box' }, chart,
        h('figcaption', {}, t('chartLabel'), ' · ', h('span', { id: 'chart-max' }, t('chartMax', '1.0')))));
    const history = [];
    let prev = null, prevAt = 0, stopped = false;
    const tick = async () => {
      if (stopped) return;
      try {
        const res = await fetch('/metrics');
        const cur = summarise(parseMetrics(await res.text()));
        const now = performance.now();
        if (prev) {
          const rps = (cur.requests - prev.requests) / ((now - prevAt) / 1000);
          history.push(rps);
          if (history.length > 60) history.shift();
          document.getElementById('m-rps').textContent = rps.toFixed(1);
          const p = p99(prev, cur);
          document.getElementById('m-p99').textContent = p === null ? '–' : p === Infinity ? '> max' : `≤ ${(p * 1000).toFixed(p < 0.01 ? 1 : 0)} ms`;
          drawChart(chart, history);
        }
        document.getElementById('m-errors').textContent = String(cur.errors);
        document.getElementById('m-refused').textContent = String(cur.refused);
        document.getElementById('m-dead').textContent = cur.dead === null ? t('notReported') : String(cur.dead);
        if (cur.dead === null) document.getElementById('m-dead').classList.add('small');
        prev = cur;
        prevAt = now;
      } catch (e) {
        // a missed scrape leaves the last figures up; the next tick tries again
      }
    };
    await tick();
    const timer = setInterval(tick, 2000);
    stopLive = () => { stopped = true; clearInterval(timer); };
  }

  /** Requests/s over the last 60 scrapes as a line, scaled to the largest; the scale is the caption's text. */
  function drawChart(svg, values) {
    const max = Math.max(1, ...values);
    const step = 300 / 59;
    const points = values.length === 1 ? [values[0], values[0]] : values;
    const pts = points.map((v, i) => `${(i * step).toFixed(1)},${(78 - (v / max) * 74).toFixed(1)}`).join(' ');
    const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
    line.setAttribute('points', pts);
    line.setAttribute('class', 'line');
    line.setAttribute('vector-effect', 'non-scaling-stroke');
    svg.replaceChildren(line);
    document.getElementById('chart-max').textContent = t('chartMax', max.toFixed(1));
  }

  // ---- chrome: locale, router ----------------------------------------------------------------------------------

  function applyChrome() {
    document.documentElement.lang = locale;
    document.getElementById('locale').value = locale;
    for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
    for (const el of document.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  }

  function route() {
    if (stopLive) { stopLive(); stopLive = null; }
    const hash = location.hash.replace(/^#/, '') || '/';
    const [path, query] = hash.split('?');
    const params = new URLSearchParams(query || '');
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    for (const a of document.querySelectorAll('nav a')) {
      a.toggleAttribute('aria-current', a.getAttribute('href') === '#/' + (parts[0] || ''));
      if (a.hasAttribute('aria-current')) a.setAttribute('aria-current', 'page');
    }
    if (parts[0] === 'search') return search(params);
    if (parts[0] === 'item' && parts[1]) return product(parts[1]);
    if (parts[0] === 'for-you') return forYou(parts[1]);
    if (parts[0] === 'ops') return ops();
    return home();
  }

  document.getElementById('search-form').addEventListener('submit', e => {
    e.preventDefault();
    const q = document.getElementById('q').value.trim();
    if (q) location.hash = '#/search?' + qs({ q });
  });
  document.getElementById('locale').addEventListener('change', e => {
    locale = e.target.value;
    localStorage.setItem('rf.locale', locale);
    applyChrome();
    route();
  });
  window.addEventListener('hashchange', () => { route(); $main.focus({ preventScroll: true }); });
  applyChrome();
  route();
})();
