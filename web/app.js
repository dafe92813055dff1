// Textra web UI: upload, list, review and correct documents, dashboard per supplier.
// Plain JavaScript served by `textra serve` (no build step, no CDN). Hash routes: #/, #/doc/ID, #/dashboard.
'use strict';

const MESSAGES = {
  fr: {
    'nav.documents': 'Documents', 'nav.dashboard': 'Tableau de bord',
    'upload.prompt': 'Déposez des factures ou des tickets ici, ou', 'upload.choose': 'choisissez des fichiers',
    'upload.running': 'Envoi et extraction…', 'upload.done': 'Terminé', 'upload.failed': 'Échec',
    'list.empty': 'Aucun document pour l\'instant.', 'list.file': 'Fichier', 'list.supplier': 'Fournisseur',
    'list.date': 'Date', 'list.total': 'Total TTC', 'list.status': 'État', 'list.more': 'Suivants',
    'list.filter': 'Filtrer par fournisseur',
    'doc.field': 'Champ', 'doc.value': 'Valeur', 'doc.save': 'Enregistrer', 'doc.saved': 'Corrections enregistrées',
    'doc.corrected': 'corrigé (machine : {0})', 'doc.warnings': 'Avertissements', 'doc.back': '← Documents',
    'doc.delete': 'Supprimer', 'doc.noresult': 'Pas encore de résultat.', 'doc.original': 'Fichier original',
    'dash.title': 'Total TTC par fournisseur et par mois', 'dash.count': 'Nombre', 'dash.tva': 'TVA',
    'dash.month': 'Mois', 'dash.currency': 'Devise', 'dash.empty': 'Aucune donnée.',
    'status.new': 'nouveau', 'status.extracted': 'extrait', 'status.failed': 'échec', 'status.reviewed': 'vérifié',
    'auth.prompt': 'Jeton d\'accès (bearer token) :',
  },
  en: {
    'nav.documents': 'Documents', 'nav.dashboard': 'Dashboard',
    'upload.prompt': 'Drop invoices or receipts here, or', 'upload.choose': 'choose files',
    'upload.running': 'Uploading and extracting…', 'upload.done': 'Done', 'upload.failed': 'Failed',
    'list.empty': 'No documents yet.', 'list.file': 'File', 'list.supplier': 'Supplier', 'list.date': 'Date',
    'list.total': 'Total incl. tax', 'list.status': 'Status', 'list.more': 'Next', 'list.filter': 'Filter by supplier',
    'doc.field': 'Field', 'doc.value': 'Value', 'doc.save': 'Save', 'doc.saved': 'Corrections saved',
    'doc.corrected': 'corrected (machine: {0})', 'doc.warnings': 'Warnings', 'doc.back': '← Documents',
    'doc.delete': 'Delete', 'doc.noresult': 'No result yet.', 'doc.original': 'Original file',
    'dash.title': 'Total incl. tax per supplier and month', 'dash.count': 'Count', 'dash.tva': 'VAT',
    'dash.month': 'Month', 'dash.currency': 'Currency', 'dash.empty': 'No data.',
    'status.new': 'new', 'status.extracted': 'extracted', 'status.failed': 'failed', 'status.reviewed': 'reviewed',
    'auth.prompt': 'Access token (bearer token):',
  },
};

let lang = localStorage.getItem('textra.lang') || (navigator.language || 'fr').slice(0, 2);
if (!MESSAGES[lang]) lang = 'en';

function t(key, ...args) {
  let text = (MESSAGES[lang] && MESSAGES[lang][key]) || MESSAGES.en[key] || key;
  args.forEach((a, i) => { text = text.replace('{' + i + '}', a); });
  return text;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v);
  }
  for (const c of children.flat()) node.append(c instanceof Node ? c : document.createTextNode(c ?? ''));
  return node;
}

// fetch with the bearer token when the server asks for one.
async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  const token = localStorage.getItem('textra.token');
  if (token) headers.Authorization = 'Bearer ' + token;
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.status === 401) {
    const entered = window.prompt(t('auth.prompt'));
    if (entered) { localStorage.setItem('textra.token', entered); return api(path, options); }
  }
  return response;
}

async function apiJson(path, options) {
  const response = await api(path, options);
  const body = response.status === 204 ? null : await response.json();
  if (!response.ok) throw new Error((body && body.error && body.error.message) || response.statusText);
  return body;
}

function formatAmount(value, currency) {
  if (value === null || value === undefined) return '';
  const text = Number(value).toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return currency ? text + ' ' + currency : text;
}

// ---- Documents list and upload -------------------------------------------------------------------------

async function showList(view, cursor, supplier) {
  const drop = el('div', { id: 'drop' },
    t('upload.prompt') + ' ',
    el('label', { class: 'button', for: 'file-input' }, t('upload.choose')),
    el('input', { id: 'file-input', type: 'file', multiple: true, hidden: true,
                  accept: 'image/*,application/pdf', onchange: (e) => uploadFiles(e.target.files) }),
    el('div', { id: 'uploads' }));
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); uploadFiles(e.dataTransfer.files); });

  const filter = el('input', { type: 'search', placeholder: t('list.filter'), value: supplier || '',
                               'aria-label': t('list.filter') });
  filter.addEventListener('change', () => showList(view, null, filter.value));
  view.replaceChildren(drop, el('div', { class: 'toolbar' }, filter), el('div', { id: 'list' }));

  let query = '/v1/documents?limit=25';
  if (cursor) query += '&cursor=' + encodeURIComponent(cursor);
  if (supplier) query += '&supplier=' + encodeURIComponent(supplier);
  const list = view.querySelector('#list');
  try {
    const page = await apiJson(query);
    if (page.documents.length === 0) { list.append(el('p', { class: 'muted' }, t('list.empty'))); return; }
    const rows = page.documents.map((d) => el('tr', { class: 'clickable', tabindex: 0, 'data-id': d.id,
        onclick: () => { location.hash = '#/doc/' + d.id; },
        onkeydown: (e) => { if (e.key === 'Enter') location.hash = '#/doc/' + d.id; } },
      el('td', {}, d.file_name), el('td', {}, d.supplier || ''), el('td', {}, d.invoice_date || ''),
      el('td', { class: 'num' }, formatAmount(d.total_ttc, d.currency)), el('td', {}, t('status.' + d.status))));
    list.append(el('table', {},
      el('thead', {}, el('tr', {}, ['list.file', 'list.supplier', 'list.date', 'list.total', 'list.status']
        .map((k) => el('th', {}, t(k))))),
      el('tbody', {}, rows)));
    if (page.next) list.append(el('div', { class: 'toolbar' },
      el('button', { onclick: () => showList(view, page.next, supplier) }, t('list.more'))));
  } catch (err) {
    list.append(el('p', { class: 'error' }, err.message));
  }
}

// Uploads with progress (XMLHttpRequest reports upload progress; fetch does not).
function uploadFiles(files) {
  const area = document.getElementById('uploads');
  for (const file of files) {
    const bar = el('progress', { max: 100, value: 0 });
    const status = el('span', { class: 'muted' }, t('upload.running'));
    area.append(el('div', {}, el('strong', {}, file.name + ' '), status, bar));
    const form = new FormData();
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/v1/extract');
    const token = localStorage.getItem('textra.token');
    if (token) xhr.setRequestHeader('Authorization', 'Bearer ' + token);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = Math.round(100 * e.loaded / e.total); };
    xhr.onload = () => {
      bar.value = 100;
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch (_) { /* not JSON: reported below */ }
      if (xhr.status >= 200 && xhr.status < 300) {
        status.textContent = t('upload.done');
        status.className = '';
        if (files.length === 1 && body.document_id) location.hash = '#/doc/' + body.document_id;
        else route();
      } else {
        status.textContent = t('upload.failed') + ': ' + ((body.error && body.error.message) || xhr.statusText);
        status.className = 'error';
      }
    };
    xhr.onerror = () => { status.textContent = t('upload.failed'); status.className = 'error'; };
    xhr.send(form);
  }
}

// ---- One document: page with boxes, fields to check and correct ----------------------------------------

// Flattens result fields into [{path, leaf}] for leaves of the form {value, raw, confidence, source}.
function flattenFields(node, prefix, out) {
  if (node && typeof node === 'object' && !Array.isArray(node) && 'value' in node) {
    out.push({ path: prefix, leaf: node });
  } else if (Array.isArray(node)) {
    node.forEach((item, i) => flattenFields(item, prefix + '.' + i, out));
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) flattenFields(v, prefix ? prefix + '.' + k : k, out);
  }
  return out;
}

function displayValue(v) {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

// Parses what the user typed back to the type of the machine's value (numbers stay numbers).
function parseTyped(text, original) {
  if (text.trim() === '') return null;
  if (typeof original === 'number') {
    const n = Number(text.replace(/\s/g, '').replace(',', '.'));
    return Number.isFinite(n) ? n : text;
  }
  return text;
}

async function showDocument(view, id) {
  view.replaceChildren(el('p', { class: 'muted' }, '…'));
  let data;
  try { data = await apiJson('/v1/documents/' + id); } catch (err) {
    view.replaceChildren(el('p', { class: 'error' }, err.message)); return;
  }
  const doc = data.document;
  const result = data.result;
  const corrections = data.corrections || {};
  const header = el('div', { class: 'toolbar' },
    el('a', { href: '#/' }, t('doc.back')),
    el('strong', {}, doc.file_name),
    el('span', { class: 'muted' }, t('status.' + doc.status)),
    el('a', { href: '/v1/documents/' + id + '/file', target: '_blank' }, t('doc.original')),
    el('button', { onclick: async () => {
      await apiJson('/v1/documents/' + id, { method: 'DELETE' }); location.hash = '#/';
    } }, t('doc.delete')));
  if (!result) { view.replaceChildren(header, el('p', {}, t('doc.noresult'))); return; }

  const fields = flattenFields(result.fields, '', []);
  const pageBox = el('div', { class: 'page' });
  const img = el('img', { alt: doc.file_name, src: '/v1/documents/' + id + '/pages/1.png' });
  pageBox.append(img);
  const boxes = [];
  const placeBoxes = () => {
    boxes.forEach((b) => b.node.remove());
    boxes.length = 0;
    if (!img.naturalWidth) return;
    const scale = img.clientWidth / img.naturalWidth;
    for (const f of fields) {
      const src = f.leaf.source;
      if (!src || src.page !== 1 || !Array.isArray(src.boxes)) continue;
      for (const [x0, y0, x1, y1] of src.boxes) {
        const node = el('div', { class: 'box', 'data-path': f.path,
          style: `left:${x0 * scale}px;top:${y0 * scale}px;width:${(x1 - x0) * scale}px;height:${(y1 - y0) * scale}px` },
          el('span', {}, f.path));
        pageBox.append(node);
        boxes.push({ path: f.path, node });
      }
    }
  };
  img.addEventListener('load', placeBoxes);
  window.addEventListener('resize', placeBoxes);

  const highlight = (path) => {
    boxes.forEach((b) => b.node.classList.toggle('active', b.path === path));
    const box = boxes.find((b) => b.path === path);
    if (box) box.node.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  const inputs = [];
  const rows = fields.map((f) => {
    const corrected = Object.prototype.hasOwnProperty.call(corrections, f.path);
    const input = el('input', { value: displayValue(corrected ? corrections[f.path] : f.leaf.value),
                                'data-path': f.path, 'aria-label': f.path });
    input.addEventListener('input', () => input.classList.add('changed'));
    input.addEventListener('focus', () => highlight(f.path));
    inputs.push({ input, field: f });
    return el('tr', { class: 'clickable', onclick: () => highlight(f.path) },
      el('th', {}, f.path),
      el('td', {}, input, corrected ? el('div', { class: 'corrected' },
        t('doc.corrected', displayValue(f.leaf.value))) : ''));
  });
  const message = el('span', { role: 'status' });
  const save = async () => {
    const changes = {};
    for (const { input, field } of inputs) {
      if (input.classList.contains('changed')) changes[field.path] = parseTyped(input.value, field.leaf.value);
    }
    if (Object.keys(changes).length === 0) return;
    try {
      await apiJson('/v1/documents/' + id + '/fields', { method: 'PUT', headers: { 'Content-Type': 'application/json' },
                                                         body: JSON.stringify(changes) });
      message.textContent = t('doc.saved');
      inputs.forEach(({ input }) => input.classList.remove('changed'));
    } catch (err) { message.textContent = err.message; message.className = 'error'; }
  };
  const form = el('form', { class: 'fields', onsubmit: (e) => { e.preventDefault(); save(); } },
    el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, t('doc.field')), el('th', {}, t('doc.value')))),
      el('tbody', {}, rows)),
    el('div', { class: 'toolbar' }, el('button', { class: 'primary', type: 'submit' }, t('doc.save')), message));
  const warnings = (result.warnings || []).length
    ? el('div', { class: 'warnings' }, el('h3', {}, t('doc.warnings')),
        el('ul', {}, result.warnings.map((w) => el('li', {}, w.message || w.code))))
    : '';
  view.replaceChildren(header, el('div', { class: 'doc' }, pageBox, el('div', {}, form, warnings)));
}

// ---- Dashboard ------------------------------------------------------------------------------------------

function barChart(rows) {
  // Total TTC per month (all suppliers), one bar each, as inline SVG.
  const byMonth = new Map();
  for (const r of rows) if (r.month) byMonth.set(r.month, (byMonth.get(r.month) || 0) + r.total_ttc);
  const months = [...byMonth.keys()].sort();
  if (months.length === 0) return el('div');
  const width = 640, height = 200, pad = 30;
  const max = Math.max(...byMonth.values(), 1);
  const barWidth = (width - 2 * pad) / months.length;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  months.forEach((m, i) => {
    const h = (height - 2 * pad) * byMonth.get(m) / max;
    const rect = document.createElementNS(ns, 'rect');
    rect.setAttribute('x', pad + i * barWidth + 4); rect.setAttribute('y', height - pad - h);
    rect.setAttribute('width', Math.max(barWidth - 8, 2)); rect.setAttribute('height', h);
    const title = document.createElementNS(ns, 'title');
    title.textContent = m + ': ' + formatAmount(byMonth.get(m));
    rect.append(title);
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', pad + i * barWidth + 4); label.setAttribute('y', height - pad + 14);
    label.textContent = m;
    svg.append(rect, label);
  });
  return el('div', { class: 'chart' }, el('h2', {}, t('dash.title')), svg);
}

async function showDashboard(view) {
  view.replaceChildren(el('p', { class: 'muted' }, '…'));
  try {
    const stats = await apiJson('/v1/stats');
    const rows = stats.suppliers;
    if (rows.length === 0) { view.replaceChildren(el('p', { class: 'muted' }, t('dash.empty'))); return; }
    const table = el('table', { id: 'stats' },
      el('thead', {}, el('tr', {}, ['list.supplier', 'dash.month', 'dash.currency', 'dash.count', 'list.total', 'dash.tva']
        .map((k) => el('th', {}, t(k))))),
      el('tbody', {}, rows.map((r) => el('tr', {},
        el('td', {}, r.supplier || '—'), el('td', {}, r.month), el('td', {}, r.currency),
        el('td', { class: 'num' }, String(r.count)), el('td', { class: 'num' }, formatAmount(r.total_ttc)),
        el('td', { class: 'num' }, formatAmount(r.total_tva))))));
    view.replaceChildren(barChart(rows), table);
  } catch (err) {
    view.replaceChildren(el('p', { class: 'error' }, err.message));
  }
}

// ---- Routing and language -------------------------------------------------------------------------------

function applyLanguage() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = t(n.dataset.i18n); });
  document.getElementById('lang-toggle').textContent = lang === 'fr' ? 'EN' : 'FR';
}

function route() {
  const view = document.getElementById('view');
  const hash = location.hash || '#/';
  const doc = hash.match(/^#\/doc\/(\d+)$/);
  if (doc) showDocument(view, doc[1]);
  else if (hash === '#/dashboard') showDashboard(view);
  else showList(view);
}

document.getElementById('lang-toggle').addEventListener('click', () => {
  lang = lang === 'fr' ? 'en' : 'fr';
  localStorage.setItem('textra.lang', lang);
  applyLanguage();
  route();
});
window.addEventListener('hashchange', route);
applyLanguage();
route();
