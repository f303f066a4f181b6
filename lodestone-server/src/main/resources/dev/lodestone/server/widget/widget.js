/*
 * Lodestone storefront widget. Served by the Lodestone server at /widget.js; no build step.
 * Configured by its own <script> tag (data-api-key, data-tenant-id, data-api-url, data-auto-track, data-debug) and
 * renders every element with data-grooveshop-recommendations. A failing server never breaks the page: the widget
 * renders nothing there and logs once. See docs/storefront.md.
 */
(function () {
  'use strict';
  var PREFIX = '[Lodestone widget]';
  var SELECTOR = '[data-grooveshop-recommendations]';
  var TYPES = ['similar', 'trending', 'bundle', 'personalized', 'complement', 'recently-viewed', 'auto'];
  var LAYOUTS = ['grid', 'carousel', 'list'];
  var THEMES = ['light', 'dark', 'minimal'];
  var USER_KEY = 'gs_user_id';
  var RECENT_KEY = 'gs_recently_viewed';
  var TESTS_KEY = 'gs_ab_tests';

  var existing = window.GrooveShopRecommendations;
  if (existing && existing.__lodestone) return; // loaded twice: the first copy serves

  var script = document.currentScript;
  var data = (script && script.dataset) || {};
  var config = {
    apiKey: data.apiKey,
    tenantId: data.tenantId,
    apiUrl: trimSlash(data.apiUrl || originOf(script && script.src) || location.origin),
    autoTrack: data.autoTrack !== 'false',
    debug: data.debug !== undefined && data.debug !== 'false'
  };
  var listeners = {};
  var warned = false;
  var viewed = {};
  var socket = null;
  var socketTries = 0;
  var liveElements = {};

  function trimSlash(url) { return String(url).replace(/\/+$/, ''); }
  function originOf(src) { try { return src ? new URL(src, location.href).origin : null; } catch (e) { return null; } }
  function debug() { if (config.debug && window.console) console.debug.apply(console, [PREFIX].concat([].slice.call(arguments))); }
  function warnOnce(message, error) {
    if (warned || !window.console) return;
    warned = true;
    console.warn(PREFIX + ' ' + message, error || '');
  }
  function safe(fn) {
    return function () {
      try { return fn.apply(this, arguments); } catch (e) { warnOnce('internal error', e); }
    };
  }

  function emit(type, detail) {
    var set = listeners[type];
    if (!set) return;
    set.forEach(function (cb) { try { cb(detail); } catch (e) { warnOnce('an on(' + type + ') callback failed', e); } });
  }

  function storage(key, fallback) {
    try { var v = localStorage.getItem(key); return v === null ? fallback : JSON.parse(v); } catch (e) { return fallback; }
  }
  function store(key, value) { try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode */ } }

  function anonymousId() {
    var id = storage(USER_KEY, null);
    if (typeof id !== 'string' || !id) {
      var rnd = (window.crypto && crypto.randomUUID) ? crypto.randomUUID().replace(/-/g, '') : String(Math.random()).slice(2) + Date.now();
      id = 'anon_' + rnd.slice(0, 24);
      store(USER_KEY, id);
    }
    return id;
  }

  function rememberViewed(productId) {
    var list = storage(RECENT_KEY, []);
    if (!Array.isArray(list)) list = [];
    list = [productId].concat(list.filter(function (p) { return p !== productId; })).slice(0, 20);
    store(RECENT_KEY, list);
  }

  function headers(json) {
    var h = { 'Authorization': 'Bearer ' + config.apiKey };
    if (json) h['Content-Type'] = 'application/json';
    return h;
  }

  /** GET or POST with retries on 429 (Retry-After, else back-off); rejects on any other failure. */
  function request(method, path, body, attempt) {
    attempt = attempt || 0;
    return fetch(config.apiUrl + path, {
      method: method, headers: headers(body !== undefined), mode: 'cors', credentials: 'omit',
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (res) {
      if (res.status === 429 && attempt < 2) {
        var wait = Number(res.headers.get('Retry-After')) * 1000 || 500 * Math.pow(2, attempt);
        return new Promise(function (r) { setTimeout(r, Math.min(wait, 5000)); })
          .then(function () { return request(method, path, body, attempt + 1); });
      }
      if (!res.ok) throw new Error(method + ' ' + path + ' answered ' + res.status);
      return res.json();
    });
  }

  function track(type, productId, metadata) {
    if (!config.autoTrack || !productId) return;
    var body = {
      tenant_id: config.tenantId, user_id: userOf(null), entity_id: String(productId), interaction_type: type,
      metadata: metadata || {}, timestamp: new Date().toISOString()
    };
    fetch(config.apiUrl + '/api/v1/interactions', {
      method: 'POST', headers: headers(true), body: JSON.stringify(body), keepalive: true, mode: 'cors', credentials: 'omit'
    }).catch(function (e) { warnOnce('tracking failed', e); });
  }

  function abEvent(test, eventType, metadata) {
    fetch(config.apiUrl + '/api/v1/ab-events', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, keepalive: true, mode: 'cors', credentials: 'omit',
      body: JSON.stringify({ test_id: test.id, variant: test.variant, user_id: userOf(null), event_type: eventType,
        timestamp: Date.now(), metadata: metadata || {} })
    }).catch(function (e) { warnOnce('A/B event failed', e); });
  }

  function userOf(el) {
    var given = el && el.getAttribute('data-user-id');
    return given || config.userId || anonymousId();
  }

  /** A stable variant per test and shopper: the same shopper always sees the same one. */
  function variantOf(testId, userId, variants) {
    var h = 2166136261;
    var s = testId + ':' + userId;
    for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); }
    return variants[(h >>> 0) % variants.length];
  }

  function settings(el) {
    var a = function (n) { return el.getAttribute(n); };
    var s = {
      productId: a('data-product-id'),
      count: Math.max(1, Math.min(50, parseInt(a('data-count'), 10) || 5)),
      layout: LAYOUTS.indexOf(a('data-layout')) >= 0 ? a('data-layout') : 'grid',
      type: TYPES.indexOf(a('data-type')) >= 0 ? a('data-type') : 'similar',
      theme: THEMES.indexOf(a('data-theme')) >= 0 ? a('data-theme') : 'light',
      category: a('data-category'),
      productIds: (a('data-product-ids') || '').split(',').map(function (p) { return p.trim(); }).filter(Boolean),
      userId: userOf(el),
      realTime: a('data-real-time') !== null && a('data-real-time') !== 'false',
      test: null
    };
    var testId = a('data-test-id');
    if (testId) {
      var variants = (a('data-variants') || 'A,B').split(',').map(function (v) { return v.trim(); }).filter(Boolean);
      var variant = variantOf(testId, s.userId, variants);
      s.test = { id: testId, variant: variant };
      // A variant may change what is shown: data-variant-<name>-type|layout|count|theme.
      ['type', 'layout', 'count', 'theme'].forEach(function (k) {
        var v = a('data-variant-' + variant.toLowerCase() + '-' + k);
        if (v === null) return;
        if (k === 'count') s.count = Math.max(1, Math.min(50, parseInt(v, 10) || s.count));
        else if ((k === 'type' ? TYPES : k === 'layout' ? LAYOUTS : THEMES).indexOf(v) >= 0) s[k] = v;
      });
      var tests = storage(TESTS_KEY, {});
      if (!tests || typeof tests !== 'object') tests = {};
      tests[testId] = variant;
      store(TESTS_KEY, tests);
    }
    return s;
  }

  function fetchProducts(s) {
    var t = 'api/v1/recommendations/' + encodeURIComponent(config.tenantId);
    var base = '/' + t;
    var q = '?count=' + s.count;
    var type = s.type;
    if (type === 'auto') type = s.productId ? 'similar' : 'personalized';
    if ((type === 'similar' || type === 'complement') && !s.productId) type = 'trending';
    switch (type) {
      case 'similar': return request('GET', base + '/similar/' + encodeURIComponent(s.productId) + q);
      case 'complement': return request('GET', base + '/complement/' + encodeURIComponent(s.productId) + q);
      case 'personalized': return request('GET', base + '/personalized/' + encodeURIComponent(s.userId) + q);
      case 'trending': return request('GET', base + '/trending' + q + (s.category ? '&category=' + encodeURIComponent(s.category) : ''));
      case 'bundle': {
        var basket = s.productIds.length ? s.productIds : (s.productId ? [s.productId] : []);
        if (!basket.length) return Promise.resolve([]);
        return request('POST', base + '/bundle', { product_ids: basket, count: s.count });
      }
      case 'recently-viewed': {
        var recent = storage(RECENT_KEY, []);
        if (!Array.isArray(recent)) recent = [];
        recent = recent.filter(function (p) { return p !== s.productId; }).slice(0, s.count);
        if (!recent.length) return Promise.resolve([]);
        return request('POST', base + '/batch', { product_ids: recent });
      }
    }
    return Promise.resolve([]);
  }

  function httpUrl(u) {
    if (typeof u !== 'string' || !u) return null;
    try { var p = new URL(u, location.href); return p.protocol === 'http:' || p.protocol === 'https:' ? p.href : null; } catch (e) { return null; }
  }

  function node(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function money(v) {
    var n = Number(v);
    if (!isFinite(n)) return null;
    try { return n.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }); } catch (e) { return n.toFixed(2); }
  }

  function card(product, position, s, el) {
    var attrs = (product && product.attributes) || {};
    var id = String(product.entity_id);
    var href = httpUrl(attrs.url) || '#';
    var c = node('a', 'gs-card');
    c.href = href;
    c.setAttribute('data-product-id', id);
    var img = httpUrl(attrs.image_url || attrs.image);
    if (img) {
      var pic = node('img', 'gs-image');
      pic.src = img;
      pic.alt = attrs.name ? String(attrs.name) : '';
      pic.loading = 'lazy';
      c.appendChild(pic);
    }
    var body = node('div', 'gs-body');
    body.appendChild(node('div', 'gs-name', attrs.name || attrs.title || id));
    var price = money(attrs.price);
    if (price !== null) {
      var p = node('div', 'gs-price');
      var discount = Number(attrs.discount);
      if (isFinite(discount) && discount > 0 && discount < 100) {
        p.appendChild(node('span', 'gs-old-price', price));
        p.appendChild(document.createTextNode(' '));
        p.appendChild(node('span', 'gs-new-price', money(Number(attrs.price) * (1 - discount / 100))));
        p.appendChild(node('span', 'gs-discount', '-' + Math.round(discount) + '%'));
      } else {
        p.textContent = price;
      }
      body.appendChild(p);
    }
    var rating = Number(attrs.rating);
    if (isFinite(rating) && rating > 0) {
      var stars = Math.round(Math.max(0, Math.min(5, rating)));
      var r = node('div', 'gs-rating', '\u2605\u2605\u2605\u2605\u2605'.slice(0, stars) + '\u2606\u2606\u2606\u2606\u2606'.slice(0, 5 - stars));
      if (attrs.review_count) r.appendChild(node('span', 'gs-reviews', ' (' + attrs.review_count + ')'));
      body.appendChild(r);
    }
    c.appendChild(body);
    c.addEventListener('click', safe(function () {
      var detail = { productId: id, position: position, type: s.type, product: product, element: el, variant: s.test && s.test.variant };
      track('click', id, { source: 'widget', widget_type: s.type, position: position });
      if (s.test) abEvent(s.test, 'click', { product_id: id, position: position });
      emit('click', detail);
    }));
    return c;
  }

  function render(el, s, products) {
    var root = node('div', 'gs-rec gs-layout-' + s.layout + ' gs-theme-' + s.theme);
    if (s.test) root.setAttribute('data-variant', s.test.variant);
    var track_ = node('div', 'gs-items');
    products.forEach(function (p, i) { if (p && p.entity_id !== undefined && p.entity_id !== null) track_.appendChild(card(p, i, s, el)); });
    if (s.layout === 'carousel') {
      var prev = node('button', 'gs-nav gs-prev', '\u2039');
      var next = node('button', 'gs-nav gs-next', '\u203a');
      prev.type = next.type = 'button';
      prev.setAttribute('aria-label', 'previous');
      next.setAttribute('aria-label', 'next');
      prev.addEventListener('click', function () { track_.scrollBy({ left: -track_.clientWidth * 0.8, behavior: 'smooth' }); });
      next.addEventListener('click', function () { track_.scrollBy({ left: track_.clientWidth * 0.8, behavior: 'smooth' }); });
      root.appendChild(prev);
      root.appendChild(track_);
      root.appendChild(next);
    } else {
      root.appendChild(track_);
    }
    if (s.realTime && s.productId) {
      var badge = node('div', 'gs-live');
      badge.hidden = true;
      root.insertBefore(badge, root.firstChild);
      watchLive(s.productId, badge);
    }
    el.textContent = '';
    el.appendChild(root);
    el.setAttribute('data-gs-rendered', String(products.length));
    products.forEach(function (p, i) {
      if (!p) return;
      var id = String(p.entity_id);
      track('impression', id, { source: 'widget', widget_type: s.type, position: i });
      emit('impression', { productId: id, position: i, type: s.type, product: p, element: el, variant: s.test && s.test.variant });
    });
    if (s.test) abEvent(s.test, 'impression', { products: products.length });
    emit('render', { element: el, type: s.type, count: products.length });
  }

  function renderElement(el) {
    if (el.__gsRendering) return;
    el.__gsRendering = true;
    var s = settings(el);
    if (s.productId && !viewed[s.productId]) {
      viewed[s.productId] = true;
      rememberViewed(s.productId);
      track('view', s.productId, { source: 'widget' });
    }
    debug('rendering', s);
    fetchProducts(s).then(safe(function (products) {
      if (!Array.isArray(products)) throw new Error('the server did not answer a list');
      render(el, s, products);
    })).catch(function (e) {
      el.__gsRendering = false;
      el.setAttribute('data-gs-error', 'true');
      warnOnce('recommendations could not be loaded; the element is left as it was', e);
      emit('error', { element: el, error: String(e && e.message || e) });
    });
  }

  // ---- live activity badge, over one shared socket
  function watchLive(productId, badge) {
    (liveElements[productId] = liveElements[productId] || []).push(badge);
    if (socket && socket.readyState === 1) socket.send(JSON.stringify({ type: 'subscribe', productId: productId }));
    else openSocket();
  }

  function openSocket() {
    if (socket || !('WebSocket' in window)) return;
    var url = config.apiUrl.replace(/^http/, 'ws') + '/ws/activity?tenant_id=' + encodeURIComponent(config.tenantId)
      + '&api_key=' + encodeURIComponent(config.apiKey);
    try { socket = new WebSocket(url); } catch (e) { warnOnce('live activity unavailable', e); return; }
    socket.onopen = function () {
      socketTries = 0;
      Object.keys(liveElements).forEach(function (p) { socket.send(JSON.stringify({ type: 'subscribe', productId: p })); });
    };
    socket.onmessage = safe(function (ev) {
      var m = JSON.parse(ev.data);
      if (m.type !== 'activity') return;
      (liveElements[m.productId] || []).forEach(function (badge) { showActivity(badge, m); });
      emit('activity', m);
    });
    socket.onclose = function (ev) {
      socket = null;
      // 44xx: refused (key, origin, too many sockets): do not insist.
      if (ev.code >= 4400 && ev.code < 4500) { warnOnce('live activity refused: ' + ev.reason); return; }
      if (socketTries++ < 5) setTimeout(openSocket, 1000 * Math.pow(2, socketTries));
    };
    socket.onerror = function () { /* onclose follows */ };
  }

  function showActivity(badge, m) {
    var parts = [];
    if (m.viewingNow > 0) parts.push(m.viewingNow + (m.viewingNow === 1 ? ' person' : ' people') + ' viewing now');
    if (m.addedToCart > 0) parts.push(m.addedToCart + ' added to cart recently');
    if (m.recentSales > 0) parts.push(m.recentSales + ' sold in the last 24 hours');
    badge.textContent = parts.join(' \u00b7 ');
    badge.hidden = parts.length === 0;
    badge.setAttribute('data-viewing-now', String(m.viewingNow));
    badge.setAttribute('data-recent-sales', String(m.recentSales));
  }

  var STYLE = '.gs-rec{font:14px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;position:relative;box-sizing:border-box}'
    + '.gs-rec *{box-sizing:border-box}'
    + '.gs-items{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:16px}'
    + '.gs-layout-list .gs-items{grid-template-columns:1fr;gap:8px}'
    + '.gs-layout-list .gs-card{flex-direction:row;align-items:center}'
    + '.gs-layout-list .gs-image{width:72px;height:72px;flex:none}'
    + '.gs-layout-carousel{display:flex;align-items:center;gap:4px}'
    + '.gs-layout-carousel .gs-items{display:flex;overflow-x:auto;scroll-snap-type:x mandatory;flex:1;scrollbar-width:thin}'
    + '.gs-layout-carousel .gs-card{flex:0 0 180px;scroll-snap-align:start}'
    + '.gs-nav{border:0;background:none;font-size:28px;cursor:pointer;color:inherit;padding:0 6px}'
    + '.gs-card{display:flex;flex-direction:column;gap:8px;text-decoration:none;color:inherit;border-radius:10px;overflow:hidden;padding:8px;border:1px solid #e5e7eb;background:#fff}'
    + '.gs-card:hover{box-shadow:0 2px 10px rgba(0,0,0,.12)}'
    + '.gs-image{width:100%;aspect-ratio:1;object-fit:cover;border-radius:6px;background:#f3f4f6}'
    + '.gs-name{font-weight:600}.gs-price{color:#111827}.gs-old-price{text-decoration:line-through;color:#9ca3af}'
    + '.gs-new-price{color:#b91c1c;font-weight:600}.gs-discount{margin-left:6px;font-size:12px;color:#fff;background:#b91c1c;border-radius:4px;padding:0 4px}'
    + '.gs-rating{color:#f59e0b}.gs-reviews{color:#6b7280}'
    + '.gs-live{margin-bottom:10px;padding:6px 10px;border-radius:8px;background:#fef3c7;color:#92400e;font-size:13px}'
    + '.gs-theme-dark{color:#e5e7eb}.gs-theme-dark .gs-card{background:#1f2937;border-color:#374151}'
    + '.gs-theme-dark .gs-price{color:#e5e7eb}.gs-theme-dark .gs-image{background:#374151}.gs-theme-dark .gs-live{background:#78350f;color:#fde68a}'
    + '.gs-theme-minimal .gs-card{border:0;background:transparent;padding:0;border-radius:0}'
    + '.gs-theme-minimal .gs-card:hover{box-shadow:none;text-decoration:underline}.gs-theme-minimal .gs-name{font-weight:400}';

  function injectStyle() {
    if (document.getElementById('gs-rec-style')) return;
    var st = node('style');
    st.id = 'gs-rec-style';
    st.textContent = STYLE;
    (document.head || document.documentElement).appendChild(st);
  }

  function scan(root) {
    var found = [];
    if (root.matches && root.matches(SELECTOR)) found.push(root);
    if (root.querySelectorAll) found = found.concat([].slice.call(root.querySelectorAll(SELECTOR)));
    found.forEach(function (el) { if (!el.getAttribute('data-gs-rendered')) renderElement(el); });
  }

  var api = {
    __lodestone: true,
    version: '1',
    /** Subscribes to 'click', 'impression', 'render', 'error' or 'activity'; returns the unsubscribe function. */
    on: function (type, callback) {
      if (typeof callback !== 'function') return function () {};
      (listeners[type] = listeners[type] || new Set()).add(callback);
      return function () { listeners[type].delete(callback); };
    },
    /** Renders elements added since, or all of them again with force. */
    refresh: safe(function (force) {
      if (!ready()) return;
      if (force) [].slice.call(document.querySelectorAll(SELECTOR)).forEach(function (el) { el.removeAttribute('data-gs-rendered'); el.__gsRendering = false; });
      scan(document);
    }),
    /** Configures from code (wrappers): the same names as the script tag's data attributes. */
    init: safe(function (options) {
      options = options || {};
      ['apiKey', 'tenantId', 'userId', 'autoTrack', 'debug'].forEach(function (k) { if (options[k] !== undefined) config[k] = options[k]; });
      if (options.apiUrl) config.apiUrl = trimSlash(options.apiUrl);
      start();
    }),
    /** Records a conversion for every A/B test this shopper has seen (call it on the order confirmation page). */
    trackConversion: safe(function (metadata) {
      var tests = storage(TESTS_KEY, {});
      Object.keys(tests || {}).forEach(function (id) { abEvent({ id: id, variant: tests[id] }, 'conversion', metadata); });
    }),
    track: safe(function (type, productId, metadata) { track(type, productId, metadata); }),
    getUserId: function () { return userOf(null); },
    config: function () { return { tenantId: config.tenantId, apiUrl: config.apiUrl, autoTrack: config.autoTrack }; }
  };
  // A wrapper may have queued listeners before the script loaded: keep them.
  if (existing && typeof existing === 'object') {
    Object.keys(existing).forEach(function (k) { if (!(k in api)) api[k] = existing[k]; });
  }
  window.GrooveShopRecommendations = api;

  function ready() {
    if (!config.apiKey || !config.tenantId) {
      if (window.console) console.error(PREFIX + ' data-api-key and data-tenant-id are required on the <script> tag (or call GrooveShopRecommendations.init({apiKey, tenantId}))');
      return false;
    }
    return true;
  }

  var started = false;
  var start = safe(function () {
    if (!ready()) return;
    injectStyle();
    scan(document);
    if (started || !('MutationObserver' in window)) return;
    started = true;
    // Pages (and React/Vue wrappers) add widget elements later: render them as they appear.
    new MutationObserver(safe(function (records) {
      records.forEach(function (r) { [].forEach.call(r.addedNodes, function (n) { if (n.nodeType === 1) scan(n); }); });
    })).observe(document.documentElement, { childList: true, subtree: true });
  });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
