// Lodestone dashboard: one plain script, no build step. Every figure comes from the HTTP API with the key the operator
// typed in, kept in sessionStorage and sent as a header. Pages are chosen by the URL hash (#/entities, #/user/alice …).
'use strict';

const KEY = 'lodestone.key';
const TENANT = 'lodestone.tenant';
const ALGORITHMS = ['hybrid', 'collaborative', 'item_knn', 'user_knn', 'content_based', 'popular', 'trending'];
const PAGE_SIZE = 50;

const state = { admin: false, tenants: [], timers: [] };

// ---------------------------------------------------------------- DOM helpers (text only: ids are never parsed as HTML)

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const $ = (sel) => document.querySelector(sel);
const fmt = (n) => (n === null || n === undefined) ? '–' : Number(n).toLocaleString('en-US');
const fix = (n, d = 3) => (n === null || n === undefined) ? '–' : Number(n).toFixed(d);
const enc = encodeURIComponent;
// A setting's value from /api/config: unset, a list, or per-tenant limits (an object) as JSON.
const settingText = (v) => v === null ? 'unset' : Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v);
const when = (t) => t ? new Date(t).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '–';

function card(id, label, value) {
  return h('div', { class: 'card' }, h('div', { class: 'value', id, text: fmt(value) }), h('div', { class: 'label', text: label }));
}

function table(headers, rows, id) {
  return h('table', { id },
    h('thead', {}, h('tr', {}, headers.map(([text, cls]) => h('th', { class: cls || null, text })))),
    h('tbody', {}, rows));
}

// ---------------------------------------------------------------- API

function key() { return sessionStorage.getItem(KEY) || ''; }
function tenant() { return sessionStorage.getItem(TENANT) || ''; }

async function api(path, options = {}) {
  const headers = { 'Accept': 'application/json' };
  if (key()) headers['Authorization'] = 'Bearer ' + key();
  if (state.admin && tenant() && options.tenant !== false) headers['X-Tenant-ID'] = tenant();
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method: options.method || 'GET', headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await res.text();
  const body = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const err = new Error((body && body.error && body.error.message) || ('HTTP ' + res.status));
    err.status = res.status;
    err.code = body && body.error && body.error.code;
    throw err;
  }
  return body;
}

// ---------------------------------------------------------------- charts: small inline SVG

function barChart(points, { width = 560, height = 160, id } = {}) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', '100%');
  if (id) svg.setAttribute('id', id);
  const max = Math.max(1, ...points.map(p => p.value));
  const left = 34, bottom = 18, w = (width - left) / Math.max(1, points.length);
  const axis = document.createElementNS(ns, 'text');
  axis.setAttribute('x', 0); axis.setAttribute('y', 10); axis.textContent = fmt(max);
  svg.append(axis);
  points.forEach((p, i) => {
    const bh = (height - bottom - 8) * p.value / max;
    const r = document.createElementNS(ns, 'rect');
    r.setAttribute('x', left + i * w + 1); r.setAttribute('width', Math.max(1, w - 2));
    r.setAttribute('y', height - bottom - bh); r.setAttribute('height', bh);
    r.setAttribute('fill', '#3563e9'); r.setAttribute('data-value', p.value);
    const title = document.createElementNS(ns, 'title'); title.textContent = `${p.label}: ${fmt(p.value)}`;
    r.append(title); svg.append(r);
    if (points.length <= 16 || i % Math.ceil(points.length / 8) === 0) {
      const t = document.createElementNS(ns, 'text');
      t.setAttribute('x', left + i * w); t.setAttribute('y', height - 4); t.textContent = p.short || p.label;
      svg.append(t);
    }
  });
  return svg;
}

function hbars(entries, id) {
  const max = Math.max(1, ...entries.map(e => e[1]));
  return h('table', { id }, h('tbody', {}, entries.map(([label, value]) => h('tr', { 'data-type': label },
    h('td', { text: label }),
    h('td', { style: 'width:60%' }, h('div', { class: 'bar' }, h('div', { style: `width:${100 * value / max}%` }))),
    h('td', { class: 'num', text: fmt(value) })))));
}

function sparkline(values, id) {
  return barChart(values.map((v, i) => ({ value: v, label: String(i), short: '' })), { height: 60, id });
}

// ---------------------------------------------------------------- pages

const pages = {
  async overview(root) {
    const t = tenant();
    const [tenants, activity, popular, trending] = await Promise.all([
      api('/api/v1/dashboard/tenants', { tenant: false }),
      api('/api/v1/dashboard/activity?days=14'),
      api('/api/v1/recommendations/popular?count=10'),
      api('/api/v1/recommendations/trending?count=10')]);
    const mine = tenants.tenants.find(x => x.tenant_id === t) || { entities: 0, users: 0, interactions: 0 };
    root.append(
      h('h1', {}, 'Overview of ', h('span', { id: 'overview-tenant', text: t })),
      h('div', { class: 'cards' }, card('count-entities', 'entities', mine.entities), card('count-users', 'users', mine.users),
        card('count-interactions', 'interactions', mine.interactions), card('count-recent', 'interactions in 14 days', activity.total)),
      h('div', { class: 'grid' },
        h('div', { class: 'panel' }, h('h2', { text: 'Interactions per day (UTC)' }),
          barChart(activity.per_day.map(d => ({ value: d.total, label: d.date, short: d.date.slice(5) })), { id: 'chart-days' })),
        h('div', { class: 'panel' }, h('h2', { text: 'By type (14 days)' }),
          hbars(Object.entries(activity.by_type).sort((a, b) => b[1] - a[1]), 'chart-types'))),
      h('div', { class: 'grid' },
        h('div', { class: 'panel' }, h('h2', { text: 'Top entities (all time)' }), recList(popular.popular, 'top-list')),
        h('div', { class: 'panel' }, h('h2', { text: 'Trending' }), recList(trending.trending, 'trending-list'))),
      h('div', { class: 'panel' }, h('h2', { text: state.admin ? 'All tenants' : 'Your tenant' }),
        table([['tenant'], ['entities', 'num'], ['users', 'num'], ['interactions', 'num']],
          tenants.tenants.map(x => h('tr', { 'data-tenant': x.tenant_id }, h('td', {}, x.tenant_id),
            h('td', { class: 'num', text: fmt(x.entities) }), h('td', { class: 'num', text: fmt(x.users) }),
            h('td', { class: 'num', text: fmt(x.interactions) }))), 'tenant-counts')));
  },

  async entities(root, args) {
    const q = args.q || '', type = args.type || '', offset = Number(args.offset || 0);
    const page = await api(`/api/v1/dashboard/entities?limit=${PAGE_SIZE}&offset=${offset}&q=${enc(q)}&entity_type=${enc(type)}`);
    root.append(h('h1', { text: 'Entities' }), searchBar('entities', q, offset, page.total, type),
      h('div', { class: 'panel' }, table([['entity'], ['type'], ['users', 'num'], ['popularity', 'num']],
        page.entities.map(e => h('tr', {}, h('td', {}, h('a', { href: `#/entity/${enc(e.entity_id)}?type=${enc(e.entity_type)}`, text: e.entity_id })),
          h('td', { text: e.entity_type }), h('td', { class: 'num', text: fmt(e.users) }), h('td', { class: 'num', text: fix(e.popularity, 2) }))),
        'entity-table')));
  },

  async users(root, args) {
    const q = args.q || '', offset = Number(args.offset || 0);
    const page = await api(`/api/v1/dashboard/users?limit=${PAGE_SIZE}&offset=${offset}&q=${enc(q)}`);
    root.append(h('h1', { text: 'Users' }), searchBar('users', q, offset, page.total),
      h('div', { class: 'panel' }, table([['user'], ['entities', 'num']],
        page.users.map(u => h('tr', {}, h('td', {}, h('a', { href: `#/user/${enc(u.user_id)}`, text: u.user_id })),
          h('td', { class: 'num', text: fmt(u.entities) }))), 'user-table')));
  },

  async user(root, args) {
    const id = args.id;
    const [history, ...lists] = await Promise.all([
      api(`/api/v1/interactions/user/${enc(id)}?limit=50`),
      ...ALGORITHMS.map(a => api(`/api/v1/recommendations/user/${enc(id)}?count=10&algorithm=${a}`).catch(e => ({ error: e.message })))]);
    root.append(h('h1', {}, 'User ', h('span', { id: 'user-id', text: id })),
      h('div', { class: 'grid' },
        h('div', { class: 'panel' }, h('h2', { text: `History (${history.length} most recent)` }),
          table([['when'], ['entity'], ['type'], ['weight', 'num']], history.map(i => h('tr', {},
            h('td', { text: when(i.timestamp) }),
            h('td', {}, h('a', { href: `#/entity/${enc(i.entity_id)}?type=${enc(i.entity_type)}`, text: i.entity_id })),
            h('td', { text: typeof i.interaction_type === 'string' ? i.interaction_type : JSON.stringify(i.interaction_type) }),
            h('td', { class: 'num', text: fix(i.weight, 1) }))), 'user-history')),
        h('div', { class: 'panel' }, h('h2', { text: 'Recommendations by algorithm' }),
          h('div', { class: 'recs' }, ALGORITHMS.map((a, n) => h('div', { 'data-algorithm': a },
            h('h3', {}, a, lists[n].cold_start ? h('span', { class: 'muted', text: ' (cold start)' }) : null),
            lists[n].error ? h('p', { class: 'error', text: lists[n].error }) : recList(lists[n].recommendations, 'recs-' + a)))))));
  },

  async entity(root, args) {
    const id = args.id, type = args.type || '';
    const typeQ = type ? `entity_type=${enc(type)}` : '';
    const [entity, similar, complement, recent] = await Promise.all([
      api(`/api/v1/entities/${enc(id)}?${typeQ}`),
      api(`/api/v1/recommendations/entity/${enc(id)}?count=10&${typeQ}`),
      api(`/api/v1/recommendations/${enc(tenant())}/complement/${enc(id)}?count=10&${typeQ}`, { tenant: false }).catch(e => ({ error: e.message })),
      api(`/api/v1/interactions/entity/${enc(id)}?limit=20&${typeQ}`)]);
    root.append(h('h1', {}, 'Entity ', h('span', { id: 'entity-id', text: entity.entity_id }), h('span', { class: 'muted', text: ' · ' + entity.entity_type })),
      h('div', { class: 'grid' },
        h('div', { class: 'panel' }, h('h2', { text: 'Attributes' }), h('pre', { id: 'entity-attributes', text: JSON.stringify(entity.attributes, null, 2) }),
          h('p', { class: 'muted', text: `created ${when(entity.created_at)} · updated ${when(entity.updated_at)}${entity.hidden ? ' · hidden' : ''}` })),
        h('div', { class: 'panel' }, h('h2', { text: 'Similar entities' }), recList(similar.recommendations, 'similar-list')),
        h('div', { class: 'panel' }, h('h2', { text: 'Complementary (bought together)' }),
          complement.error ? h('p', { class: 'error', text: complement.error })
            : recList(complement.map(p => ({ entity_id: p.entity_id, entity_type: p.entity_type, score: p.score, reason: 'complement' })), 'complement-list')),
        h('div', { class: 'panel' }, h('h2', { text: 'Recent interactions' }),
          table([['when'], ['user'], ['weight', 'num']], recent.map(i => h('tr', {}, h('td', { text: when(i.timestamp) }),
            h('td', {}, h('a', { href: `#/user/${enc(i.user_id)}`, text: i.user_id })), h('td', { class: 'num', text: fix(i.weight, 1) }))), 'entity-recent'))));
  },

  async model(root) {
    const m = await api('/api/v1/dashboard/model');
    const l = m.learned || {};
    root.append(h('h1', { text: 'Model' }),
      h('div', { class: 'cards' }, card('model-entities', 'entities', m.entities), card('model-users', 'users', m.users),
        card('model-interactions', 'interactions', m.interactions), card('model-version', 'version (writes)', m.version),
        card('model-cache-hits', 'cache hits', m.cache_hits), card('model-cache-misses', 'cache misses', m.cache_misses)),
      h('div', { class: 'grid' },
        h('div', { class: 'panel' }, h('h2', { text: 'Serving model' }),
          table([['figure'], ['value']], [
            h('tr', {}, h('td', { text: 'last full rebuild' }), h('td', { id: 'model-last-rebuild', text: when(m.last_rebuild) }))])),
        h('div', { class: 'panel', id: 'learned' }, h('h2', { text: `Learned model (${l.kind || 'none'})` }),
          table([['figure'], ['value']], [
            ['trained at', when(l.trained_at)], ['training took', l.training_millis ? fmt(l.training_millis) + ' ms' : '–'],
            ['size', l.bytes ? fmt(Math.round(l.bytes / 1024)) + ' KiB' : '–'], ['items', fmt(l.items)],
            ['trained on (pairs)', fmt(l.interactions)], ['training now', l.training ? 'yes' : 'no'],
            ['changes since', fmt(l.pending_changes)], ['last error', l.last_error || '–']]
            .map(([a, b]) => h('tr', {}, h('td', { text: a }), h('td', { text: b })))))),
      evaluationPanel());
    const latest = await api('/api/v1/dashboard/evaluations/latest').catch(() => null);
    if (latest) showEvaluation(latest);
  },

  async operations(root) {
    const history = [];
    const ratePanel = h('div', { id: 'rate-chart' });
    root.append(h('h1', { text: 'Operations (this node)' }),
      h('div', { class: 'cards' }, card('ops-rate', 'requests / s', null), card('ops-p50', 'p50 ms', null),
        card('ops-p99', 'p99 ms', null), card('ops-errors', 'errors / s', null), card('ops-total', 'requests since start', null),
        card('ops-error-total', 'errors since start', null)),
      h('div', { class: 'panel' }, h('h2', { text: 'Request rate, last 2 minutes' }), ratePanel),
      h('div', { class: 'panel' }, h('h2', { text: 'Routes since start' }), h('div', { id: 'route-table' })),
      state.admin ? h('div', { class: 'panel' }, h('h2', { text: 'Configuration (secrets masked)' }), h('div', { id: 'config' })) : null);
    let previous = null;
    const poll = async () => {
      const now = await api('/api/v1/dashboard/requests');
      const t = now.total;
      $('#ops-total').textContent = fmt(t.requests);
      $('#ops-error-total').textContent = fmt(t.errors);
      if (previous) {
        const dt = (performance.now() - previous.at) / 1000;
        const n = t.requests - previous.total.requests;
        $('#ops-rate').textContent = fix(n / dt, 1);
        $('#ops-errors').textContent = fix((t.errors - previous.total.errors) / dt, 2);
        $('#ops-p50').textContent = percentile(previous.total.buckets, t.buckets, n, 0.5);
        $('#ops-p99').textContent = percentile(previous.total.buckets, t.buckets, n, 0.99);
        history.push(n / dt);
        if (history.length > 60) history.shift();
        ratePanel.replaceChildren(sparkline(history, 'rate-sparkline'));
      }
      previous = { at: performance.now(), total: t };
      $('#route-table').replaceChildren(table([['route'], ['requests', 'num'], ['errors', 'num'], ['mean ms', 'num'], ['max ms', 'num']],
        now.routes.map(r => h('tr', {}, h('td', { text: `${r.method} ${r.route}` }), h('td', { class: 'num', text: fmt(r.requests) }),
          h('td', { class: 'num', text: fmt(r.errors) }), h('td', { class: 'num', text: fix(1000 * r.seconds / Math.max(1, r.requests), 2) }),
          h('td', { class: 'num', text: fix(1000 * r.max_seconds, 1) })))));
    };
    await poll();
    state.timers.push(setInterval(() => poll().catch(showError), 2000));
    if (state.admin) {
      const config = await api('/api/config', { tenant: false });
      $('#config').replaceChildren(table([['variable'], ['value']],
        Object.entries(config).map(([k, v]) => h('tr', {}, h('td', {}, h('code', { text: k })), h('td', { text: settingText(v) }))), 'config-table'));
    }
  },

  async tenants(root, args) {
    if (!state.admin) { root.append(h('p', { class: 'error', text: 'Tenants and keys need the admin key.' })); return; }
    const list = await api('/api/v1/dashboard/tenants', { tenant: false });
    const selected = args.t || tenant();
    const keys = selected ? await api(`/api/v1/tenants/${enc(selected)}/keys`, { tenant: false }) : { keys: [] };
    const newTenant = h('input', { id: 'new-tenant-id', placeholder: 'tenant id' });
    const newName = h('input', { id: 'new-tenant-name', placeholder: 'name (optional)' });
    const keyName = h('input', { id: 'new-key-name', placeholder: 'key name (optional)' });
    const secretBox = h('div', { id: 'new-key' });
    root.append(h('h1', { text: 'Tenants & keys' }),
      h('div', { class: 'panel' }, h('h2', { text: 'Tenants' }),
        h('form', { class: 'toolbar', onsubmit: async (ev) => {
          ev.preventDefault();
          await run(async () => {
            await api('/api/v1/tenants', { method: 'POST', tenant: false, body: { tenant_id: newTenant.value.trim(), name: newName.value.trim() || undefined } });
            await loadTenants();
            location.hash = `#/tenants?t=${enc(newTenant.value.trim())}`;
          });
        } }, newTenant, newName, h('button', { id: 'create-tenant', type: 'submit', text: 'Create tenant' })),
        table([['tenant'], ['name'], ['entities', 'num'], ['interactions', 'num'], ['']],
          list.tenants.map(x => h('tr', { 'data-tenant': x.tenant_id },
            h('td', {}, h('a', { href: `#/tenants?t=${enc(x.tenant_id)}`, text: x.tenant_id })), h('td', { text: x.name || '' }),
            h('td', { class: 'num', text: fmt(x.entities) }), h('td', { class: 'num', text: fmt(x.interactions) }),
            h('td', {}, x.tenant_id === 'default' ? null : h('button', { class: 'danger', onclick: () => run(async () => {
              if (!confirm(`Delete tenant ${x.tenant_id} and all its data?`)) return;
              await api(`/api/v1/tenants/${enc(x.tenant_id)}`, { method: 'DELETE', tenant: false });
              await loadTenants();
              // the deleted tenant's keys were on show: show the list alone (its keys are gone with it)
              if (x.tenant_id === selected && location.hash !== '#/tenants') location.hash = '#/tenants'; else render();
            }) }, 'Delete')))), 'tenant-table')),
      selected ? h('div', { class: 'panel' }, h('h2', {}, 'Keys of ', h('span', { id: 'keys-tenant', text: selected })),
        h('form', { class: 'toolbar', onsubmit: async (ev) => {
          ev.preventDefault();
          await run(async () => {
            const created = await api(`/api/v1/tenants/${enc(selected)}/keys`, { method: 'POST', tenant: false, body: keyName.value.trim() ? { name: keyName.value.trim() } : {} });
            await pages.tenants(clear(), { t: selected });
            $('#new-key').replaceChildren(h('div', { class: 'secret' }, 'New key — copy it now, it is not shown again: ',
              h('code', { id: 'new-key-secret', text: created.key })));
          });
        } }, keyName, h('button', { id: 'create-key', type: 'submit', text: 'Create key' })),
        secretBox,
        table([['key id'], ['name'], ['created'], ['']], keys.keys.map(k => h('tr', { 'data-key': k.key_id },
          h('td', {}, h('code', { text: k.key_id })), h('td', { text: k.name || '' }), h('td', { text: when(k.created_at) }),
          h('td', {}, h('button', { class: 'danger', onclick: () => run(async () => {
            await api(`/api/v1/tenants/${enc(selected)}/keys/${enc(k.key_id)}`, { method: 'DELETE', tenant: false });
            await pages.tenants(clear(), { t: selected });
          }) }, 'Revoke')))), 'key-table')) : null);
  },
};

function recList(items, id) {
  if (!items || !items.length) return h('p', { class: 'muted', id, text: 'Nothing yet.' });
  return h('ol', { id }, items.map(r => h('li', { 'data-entity': r.entity_id },
    h('a', { href: `#/entity/${enc(r.entity_id)}?type=${enc(r.entity_type)}`, text: r.entity_id }),
    ' ', h('span', { class: 'reason', text: `${fix(r.score, 3)} · ${r.reason || ''}` }))));
}

function searchBar(page, q, offset, total, type) {
  const input = h('input', { id: 'search', value: q, placeholder: 'search ids' });
  const typeInput = type !== undefined ? h('input', { id: 'search-type', value: type, placeholder: 'entity type' }) : null;
  const go = (o) => {
    const params = new URLSearchParams({ q: input.value.trim(), offset: String(o) });
    if (typeInput && typeInput.value.trim()) params.set('type', typeInput.value.trim());
    location.hash = `#/${page}?${params}`;
  };
  return h('form', { class: 'toolbar', onsubmit: (ev) => { ev.preventDefault(); go(0); } }, input, typeInput,
    h('button', { type: 'submit', id: 'search-button', text: 'Search' }),
    h('span', { class: 'muted', id: 'page-info', text: `${fmt(total ? offset + 1 : 0)}–${fmt(Math.min(total, offset + PAGE_SIZE))} of ` },
      h('span', { id: 'total', text: fmt(total) })),
    h('button', { type: 'button', class: 'secondary', id: 'prev', disabled: offset === 0, onclick: () => go(Math.max(0, offset - PAGE_SIZE)) }, '← Previous'),
    h('button', { type: 'button', class: 'secondary', id: 'next', disabled: offset + PAGE_SIZE >= total, onclick: () => go(offset + PAGE_SIZE) }, 'Next →'));
}

// Percentile in ms from the difference of two cumulative histograms (bucket bound in seconds -> count).
function percentile(before, after, n, p) {
  if (n <= 0) return '–';
  const bounds = Object.keys(after).map(Number).sort((a, b) => a - b);
  for (const b of bounds) {
    const key = Object.keys(after).find(k => Number(k) === b);
    const d = after[key] - ((before && before[key]) || 0);
    if (d >= p * n) return '≤ ' + fmt(b * 1000);
  }
  return '> ' + fmt(bounds[bounds.length - 1] * 1000);
}

function evaluationPanel() {
  const progress = h('div', { class: 'bar' }, h('div', { id: 'eval-progress', style: 'width:0%' }));
  return h('div', { class: 'panel', id: 'evaluation' }, h('h2', { text: 'Offline quality (built-in evaluator)' }),
    h('p', { class: 'muted', text: 'Per-user random 80/20 split of the most recent 200,000 interactions; each algorithm beside the popularity baseline.' }),
    h('div', { class: 'toolbar' }, h('button', { id: 'eval-start', onclick: () => run(startEvaluation) }, 'Run evaluation'),
      h('span', { id: 'eval-state', class: 'muted' })),
    progress, h('p', { id: 'eval-when', class: 'muted' }), h('div', { id: 'eval-results' }));
}

async function startEvaluation() {
  let ev;
  try {
    ev = await api('/api/v1/dashboard/evaluations', { method: 'POST', body: { k: 10 } });
  } catch (e) {
    if (e.code !== 'EVALUATION_RUNNING') throw e;
    ev = await api('/api/v1/dashboard/evaluations/latest');
  }
  showEvaluation(ev);
  const timer = setInterval(async () => {
    try {
      const now = await api('/api/v1/dashboard/evaluations/latest');
      showEvaluation(now);
      if (now.state !== 'running') clearInterval(timer);
    } catch (e) { clearInterval(timer); showError(e); }
  }, 500);
  state.timers.push(timer);
}

function showEvaluation(ev) {
  const bar = $('#eval-progress');
  if (!bar) return;
  bar.style.width = `${Math.round(100 * ev.progress)}%`;
  $('#eval-state').textContent = `${ev.state} · ${Math.round(100 * ev.progress)}% · ${ev.step}` +
    (ev.finished_at ? ` · finished ${when(ev.finished_at)}` : '') + (ev.error ? ` · ${ev.error}` : '');
  $('#eval-state').setAttribute('data-state', ev.state);
  // The last finished run is kept by the server across restarts: say when it ran and on what.
  $('#eval-when').textContent = ev.finished_at
    ? `Last run finished ${when(ev.finished_at)} (started ${when(ev.started_at)}) on ${fmt(ev.interactions)} interactions, k = ${ev.k}.`
    : `Started ${when(ev.started_at)}.`;
  $('#eval-results').replaceChildren(table([['algorithm'], [`recall@${ev.k}`, 'num'], [`ndcg@${ev.k}`, 'num'], ['hit rate', 'num'],
    ['precision', 'num'], ['mrr', 'num'], ['coverage', 'num'], ['users', 'num']],
    ev.results.map(r => h('tr', { 'data-algorithm': r.algorithm }, h('td', { text: r.algorithm }),
      ...[r.recall, r.ndcg, r.hit_rate, r.precision, r.mrr, r.coverage].map(v => h('td', { class: 'num', text: fix(v) })),
      h('td', { class: 'num', text: fmt(r.users) }))), 'eval-table'));
}

// ---------------------------------------------------------------- shell: login, tenant picker, routing

function clear() {
  const root = $('#page');
  root.replaceChildren();
  return root;
}

function showError(e) {
  $('#error').textContent = e ? (e.message || String(e)) : '';
}

async function run(action) {
  showError(null);
  try { await action(); } catch (e) { showError(e); }
}

function parseHash() {
  const [path, query] = (location.hash.slice(2) || 'overview').split('?');
  const parts = path.split('/');
  const args = Object.fromEntries(new URLSearchParams(query || ''));
  if (parts.length > 1) args.id = decodeURIComponent(parts.slice(1).join('/'));
  return { page: parts[0], args };
}

async function render() {
  state.timers.forEach(clearInterval);
  state.timers = [];
  showError(null);
  const { page, args } = parseHash();
  const fn = pages[page] || pages.overview;
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active',
    a.dataset.page === page || (page === 'user' && a.dataset.page === 'users') || (page === 'entity' && a.dataset.page === 'entities')));
  const root = clear();
  root.setAttribute('data-page', page);
  root.setAttribute('data-loading', 'true');
  try {
    await fn(root, args);
  } catch (e) {
    if (e.status === 401) { logout('Your key is no longer accepted: ' + e.message); return; }
    showError(e);
  } finally {
    root.setAttribute('data-loading', 'false');
  }
}

async function loadTenants() {
  const who = await api('/api/v1/dashboard/tenants', { tenant: false });
  state.admin = who.admin;
  state.tenants = who.tenants.map(t => t.tenant_id);
  if (!who.admin) sessionStorage.setItem(TENANT, who.tenant_id);
  else if (!state.tenants.includes(tenant())) sessionStorage.setItem(TENANT, state.tenants.includes('default') ? 'default' : (state.tenants[0] || 'default'));
  const select = $('#tenant');
  select.replaceChildren(...state.tenants.map(t => h('option', { value: t, text: t })));
  select.value = tenant();
  select.disabled = !who.admin;
  $('#who').textContent = who.admin ? 'admin' : `tenant key · ${who.tenant_id}`;
  document.querySelectorAll('[data-admin]').forEach(el => { el.hidden = !who.admin; });
}

async function login(k) {
  sessionStorage.setItem(KEY, k);
  try {
    await loadTenants();
  } catch (e) {
    sessionStorage.removeItem(KEY);
    throw e;
  }
  $('#login').hidden = true;
  ['#nav', '#page', '#logout', '#tenant-picker'].forEach(s => { $(s).hidden = false; });
  await render();
}

function logout(message) {
  state.timers.forEach(clearInterval);
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(TENANT);
  ['#nav', '#page', '#logout', '#tenant-picker'].forEach(s => { $(s).hidden = true; });
  $('#who').textContent = '';
  $('#login').hidden = false;
  $('#login-error').textContent = message || '';
  $('#login-key').value = '';
  // The next login starts on the overview, not on the page of whoever was logged in before.
  history.replaceState(null, '', '#/overview');
}

$('#login-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  $('#login-error').textContent = '';
  try {
    await login($('#login-key').value.trim());
  } catch (e) {
    $('#login-error').textContent = e.status === 401 ? 'That key is not accepted.' : e.message;
  }
});
$('#logout').addEventListener('click', () => logout());
$('#tenant').addEventListener('change', (ev) => { sessionStorage.setItem(TENANT, ev.target.value); render(); });
window.addEventListener('hashchange', () => { if (!$('#login').hidden) return; render(); });

if (sessionStorage.getItem(KEY) !== null) {
  login(key()).catch(() => logout());
} else {
  logout();
}
