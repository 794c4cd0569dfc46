// Page chrome and client-written reasons in en and zh-CN. A reason the reason job wrote is shown as written; a reason
// this page writes from an API's figures (cosine, co-view shoppers) is written here in the chosen locale.
'use strict';
window.RF_I18N = {
  en: {
    skip: 'Skip to content', shopName: 'ReasonFlow Shop', searchLabel: 'Search products',
    searchPlaceholder: 'Search products, e.g. nail polish', searchButton: 'Search', mainNav: 'Main',
    navForYou: 'For you', navOps: 'Operator view', language: 'Language',
    footer: 'Reference pages of the ReasonFlow query service: they use only the public /v1 API.',
    homeTitle: 'Find something you will love',
    homeIntro: 'Search the catalogue, open a product to see what other shoppers viewed, or pick a shopper to see their recommendations and why.',
    tryQueries: 'Try:',
    loading: 'Loading…',
    results: (n, q, more) => `${more ? 'Top ' : ''}${n} results for “${q}”`,
    noResults: q => `No products match “${q}”.`,
    noResultsHint: 'Check the spelling, use fewer words, or clear the filters.',
    errorTitle: 'Something went wrong', retry: 'Try again',
    filters: 'Filters', brand: 'Brand', category: 'Category', price: 'Price', anyBrand: 'Any brand',
    anyCategory: 'Any category', minPrice: 'Min', maxPrice: 'Max', apply: 'Apply', clearFilters: 'Clear filters',
    pagination: 'Pages', prev: 'Previous', next: 'Next', pageOf: (p, n) => `Page ${p} of ${n}`,
    shoppers: n => `${n} shopper${n === 1 ? '' : 's'}`,
    matchedBy: { title: 'title match', vector: 'similar items', 'title+vector': 'title match + similar items' },
    popularity: 'Popularity', vectorSource: 'Embedding from', itemId: 'Item id', modelVersion: 'Model version',
    vectorSources: { behaviour: 'shopper behaviour', content: 'title words (new item)' },
    noPrice: 'Price not listed',
    viewedTogether: 'Viewed together in one session',
    alsoViewed: 'Shoppers also viewed', noSimilar: 'No similar products yet.',
    evidence: 'Why?', evidenceTitle: 'Evidence',
    similarReason: (cos, shoppers) => shoppers
      ? `${shoppers} shopper${shoppers === 1 ? '' : 's'} viewed both`
      : `Similar to this item (${cos} match)`,
    evCosine: 'Embedding cosine to this item', evCoView: 'Shoppers who had both in one session',
    evCoViewNone: min => `fewer than ${min}, if any (not disclosed)`, evServer: 'Service’s own words', evMatchedBy: 'Found by',
    forYouTitle: 'For you', pickShopper: 'Shopper', noShoppers: 'This service has no stored recommendations: start it with --recommendations.',
    recent: 'Recent activity', recommended: 'Recommended for you', noRecent: 'No recent items.',
    sourceStored: 'Reasons written and verified by the reason job', sourceVector: 'Closest to the shopper’s profile (no stored reasons)',
    reasonLocaleNote: tag => `Shown in ${tag}: the reason job wrote no reason in this language for it (reasons.locales).`,
    claimKinds: {
      AnchorClaim: 'Anchor: an item you interacted with', CoViewCountClaim: 'Co-view count',
      ShareClaim: 'Share of the anchor’s shoppers', SharedTermClaim: 'Shared title word',
      PopularityClaim: 'Popularity', RelationClaim: 'Relation', ActionClaim: 'What you did',
      CoActionClaim: 'What the other shoppers did'
    },
    figures: {
      item: 'Item', action: 'Action', coViews: 'Shoppers with both in one session', share: 'Share of the anchor’s shoppers',
      bucket: 'Bucket', shoppers: 'Shoppers', percentile: 'Percentile', term: 'Word', relation: 'Relation'
    },
    via: 'Written by', candidates: 'Found via', rank: 'Rank',
    events: { view: 'viewed', click: 'clicked', cart: 'added to cart', purchase: 'bought', review: 'reviewed' },
    opsTitle: 'Operator view', indexCard: 'Index', items: 'Items', generation: 'Commit generation',
    modelAge: 'Model age', servedDir: 'Directory', live: 'Live metrics (every 2 s)', rps: 'Requests/s',
    p99: 'p99 latency', errors: 'Errors (5xx)', refused: 'Refused (4xx)', deadLetters: 'Dead letters',
    notReported: 'not reported by this service', chartLabel: 'Requests per second over the last two minutes',
    chartMax: m => `top of the chart ${m}/s`, unknown: 'unknown', ago: s => `${s} ago`
  },
  'zh-CN': {
    skip: '跳到正文', shopName: 'ReasonFlow 商城', searchLabel: '搜索商品',
    searchPlaceholder: '搜索商品，例如 指甲油', searchButton: '搜索', mainNav: '主导航',
    navForYou: '为你推荐', navOps: '运维视图', language: '语言',
    footer: 'ReasonFlow 查询服务的参考页面：只使用公开的 /v1 接口。',
    homeTitle: '发现你会喜欢的商品',
    homeIntro: '搜索商品目录，打开商品查看其他顾客还看了什么，或选择一位顾客查看其推荐及理由。',
    tryQueries: '试试：',
    loading: '加载中…',
    results: (n, q, more) => `“${q}”${more ? '的前' : '共'} ${n} 个结果`,
    noResults: q => `没有与“${q}”匹配的商品。`,
    noResultsHint: '请检查拼写、减少关键词或清除筛选条件。',
    errorTitle: '出错了', retry: '重试',
    filters: '筛选', brand: '品牌', category: '类目', price: '价格', anyBrand: '全部品牌',
    anyCategory: '全部类目', minPrice: '最低', maxPrice: '最高', apply: '应用', clearFilters: '清除筛选',
    pagination: '分页', prev: '上一页', next: '下一页', pageOf: (p, n) => `第 ${p} / ${n} 页`,
    shoppers: n => `${n} 位顾客`,
    matchedBy: { title: '标题匹配', vector: '相似商品', 'title+vector': '标题匹配 + 相似商品' },
    popularity: '人气', vectorSource: '向量来源', itemId: '商品编号', modelVersion: '模型版本',
    vectorSources: { behaviour: '顾客行为', content: '标题词（新商品）' },
    noPrice: '未标价',
    viewedTogether: '同一会话中一起浏览',
    alsoViewed: '顾客还看了', noSimilar: '暂无相似商品。',
    evidence: '为什么？', evidenceTitle: '依据',
    similarReason: (cos, shoppers) => shoppers
      ? `${shoppers} 位顾客同时浏览了这两件商品`
      : `与本商品相似（匹配度 ${cos}）`,
    evCosine: '与本商品的向量余弦', evCoView: '同一会话中同时浏览的顾客数',
    evCoViewNone: min => `少于 ${min} 位或没有（不公开）`, evServer: '服务返回的原文', evMatchedBy: '召回方式',
    forYouTitle: '为你推荐', pickShopper: '顾客', noShoppers: '该服务没有已存储的推荐：请用 --recommendations 启动。',
    recent: '最近动态', recommended: '为你推荐', noRecent: '暂无最近浏览。',
    sourceStored: '理由由理由作业生成并经过校验', sourceVector: '与顾客画像最接近（无存储的理由）',
    reasonLocaleNote: tag => `以 ${tag} 显示：理由作业没有为它写这种语言的理由（reasons.locales）。`,
    claimKinds: {
      AnchorClaim: '锚点：你互动过的商品', CoViewCountClaim: '共同浏览人数',
      ShareClaim: '占锚点顾客的比例', SharedTermClaim: '共同的标题词',
      PopularityClaim: '人气', RelationClaim: '关系', ActionClaim: '你的操作',
      CoActionClaim: '其他顾客的操作'
    },
    figures: {
      item: '商品', action: '操作', coViews: '同一会话中同时浏览的顾客数', share: '占锚点顾客的比例',
      bucket: '档位', shoppers: '顾客数', percentile: '百分位', term: '词', relation: '关系'
    },
    via: '生成方式', candidates: '召回来源', rank: '排名',
    events: { view: '浏览过', click: '点击过', cart: '加入购物车', purchase: '购买过', review: '评价过' },
    opsTitle: '运维视图', indexCard: '索引', items: '商品数', generation: '提交代数',
    modelAge: '模型时长', servedDir: '目录', live: '实时指标（每 2 秒）', rps: '每秒请求数',
    p99: 'p99 延迟', errors: '错误（5xx）', refused: '拒绝（4xx）', deadLetters: '死信',
    notReported: '本服务不报告', chartLabel: '最近两分钟的每秒请求数',
    chartMax: m => `图表上限 ${m}/秒`, unknown: '未知', ago: s => `${s}前`
  }
};
