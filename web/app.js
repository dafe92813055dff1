// Textra web UI: upload, list, review and correct documents, dashboard per supplier.
// Plain JavaScript served by `textra serve` (no build step, no CDN). Hash routes: #/, #/doc/ID, #/dashboard.
'use strict';

const MESSAGES = {
  fr: {
    'nav.documents': 'Documents', 'nav.dashboard': 'Tableau de bord',
    'upload.prompt': 'Déposez des factures ou des tickets ici, ou', 'upload.choose': 'choisissez des fichiers',
    'upload.running': 'Envoi…', 'upload.extracting': 'Extraction…', 'upload.done': 'Terminé', 'upload.failed': 'Échec',
    'engine.label': 'Moteur d\'extraction', 'engine.ner': 'Modèle NER (rapide)', 'engine.llm': 'Modèle de langage',
    'engine.model': 'Modèle de langage', 'engine.nomodels': 'Aucun modèle servi (textra serve --models DOSSIER)',
    'list.empty': 'Aucun document pour l\'instant.', 'list.file': 'Fichier', 'list.supplier': 'Fournisseur',
    'list.date': 'Date', 'list.total': 'Total TTC', 'list.status': 'État', 'list.more': 'Suivants',
    'list.filter': 'Filtrer par fournisseur',
    'doc.field': 'Champ', 'doc.value': 'Valeur', 'doc.save': 'Enregistrer', 'doc.saved': 'Corrections enregistrées',
    'doc.corrected': 'corrigé (machine : {0})', 'doc.warnings': 'Avertissements', 'doc.back': '← Documents',
    'doc.delete': 'Supprimer', 'doc.noresult': 'Pas encore de résultat.', 'doc.original': 'Fichier original',
    'dash.title': 'Total TTC par fournisseur et par mois', 'dash.count': 'Nombre', 'dash.tva': 'TVA',
    'dash.month': 'Mois', 'dash.currency': 'Devise', 'dash.empty': 'Aucune donnée.',
    'status.new': 'nouveau', 'status.extracted': 'extrait', 'status.failed': 'échec', 'status.reviewed': 'vérifié',
    'status.queued': 'en attente', 'status.running': 'en cours', 'status.dead': 'abandonné',
    'auth.prompt': 'Jeton d\'accès (bearer token) :', 'doc.confirmdelete': 'Supprimer ce document ?',
    'doc.labelstudio': 'Export Label Studio',
    'export.button': 'Exporter', 'export.format': 'Format d\'export', 'export.force': 'Exporter quand même',
    'export.refused': '{0} document(s) à corriger avant l\'export :', 'export.done': 'Export téléchargé : {0}',
    'export.csv': 'CSV (un document par ligne)', 'export.csv-lines': 'CSV (une ligne d\'article par ligne)',
    'export.fec': 'FEC (écritures comptables)', 'export.cii': 'Factur-X / EN 16931 (XML CII)',
    'doc.page': 'Page {0} / {1}', 'doc.prev': 'Page précédente', 'doc.next': 'Page suivante',
    'group.document': 'Document', 'group.supplier': 'Fournisseur', 'group.customer': 'Client', 'group.totals': 'Totaux',
    'group.line_items': 'Lignes', 'items.add': 'Ajouter une ligne', 'items.remove': 'Supprimer', 'items.split': 'Scinder',
    'items.sum': 'Somme des lignes : {0}', 'items.sum_mismatch': 'La somme des lignes ({0}) ne correspond pas au total HT ({1})',
    'items.row_mismatch': 'quantité × prix unitaire = {0}', 'doc.lowconf': 'Lecture incertaine ({0} %)',
    'doc.keys': 'Alt+↓/↑ : champ suivant/précédent · Alt+→ : document suivant · Ctrl+Entrée : valider et suivant',
    'doc.zoomin': 'Zoom avant', 'doc.zoomout': 'Zoom arrière',
    'field.line_items.description': 'Désignation', 'field.line_items.quantity': 'Qté',
    'field.line_items.unit_price': 'P.U.', 'field.line_items.amount': 'Montant', 'field.line_items.vat_rate': 'TVA %',
    'dash.chart': 'Total TTC par fournisseur',
    'dup.of': 'doublon de #{0}', 'dup.filter': 'Doublons', 'dup.all': 'Tous les documents',
    'dup.exclude': 'Sans les doublons', 'dup.only': 'Doublons seulement',
    'dash.once': 'Chaque facture est comptée une fois : les doublons sont exclus.',
    'field.invoice_number': 'Numéro de facture', 'field.invoice_date': 'Date de facture',
    'field.due_date': 'Échéance', 'field.supplier.name': 'Fournisseur', 'field.supplier.address': 'Adresse du fournisseur',
    'field.supplier.vat_id': 'N° TVA du fournisseur', 'field.customer.name': 'Client', 'field.customer.address': 'Adresse du client', 'field.currency': 'Devise',
    'field.amount_due': 'Net à payer',
    'field.total_ht': 'Total HT', 'field.total_tva': 'Total TVA', 'field.total_ttc': 'Total TTC',
    'field.company': 'Enseigne', 'field.date': 'Date', 'field.address': 'Adresse', 'field.total': 'Total',
  },
  en: {
    'nav.documents': 'Documents', 'nav.dashboard': 'Dashboard',
    'upload.prompt': 'Drop invoices or receipts here, or', 'upload.choose': 'choose files',
    'upload.running': 'Uploading…', 'upload.extracting': 'Extracting…', 'upload.done': 'Done', 'upload.failed': 'Failed',
    'engine.label': 'Extraction engine', 'engine.ner': 'NER model (fast)', 'engine.llm': 'Language model',
    'engine.model': 'Language model', 'engine.nomodels': 'No models served (textra serve --models DIR)',
    'list.empty': 'No documents yet.', 'list.file': 'File', 'list.supplier': 'Supplier', 'list.date': 'Date',
    'list.total': 'Total incl. tax', 'list.status': 'Status', 'list.more': 'Next', 'list.filter': 'Filter by supplier',
    'doc.field': 'Field', 'doc.value': 'Value', 'doc.save': 'Save', 'doc.saved': 'Corrections saved',
    'doc.corrected': 'corrected (machine: {0})', 'doc.warnings': 'Warnings', 'doc.back': '← Documents',
    'doc.delete': 'Delete', 'doc.noresult': 'No result yet.', 'doc.original': 'Original file',
    'dash.title': 'Total incl. tax per supplier and month', 'dash.count': 'Count', 'dash.tva': 'VAT',
    'dash.month': 'Month', 'dash.currency': 'Currency', 'dash.empty': 'No data.',
    'status.new': 'new', 'status.extracted': 'extracted', 'status.failed': 'failed', 'status.reviewed': 'reviewed',
    'status.queued': 'queued', 'status.running': 'running', 'status.dead': 'gave up',
    'auth.prompt': 'Access token (bearer token):', 'doc.confirmdelete': 'Delete this document?',
    'doc.labelstudio': 'Label Studio export',
    'export.button': 'Export', 'export.format': 'Export format', 'export.force': 'Export anyway',
    'export.refused': '{0} document(s) to fix before exporting:', 'export.done': 'Export downloaded: {0}',
    'export.csv': 'CSV (one row per document)', 'export.csv-lines': 'CSV (one row per line item)',
    'export.fec': 'FEC (French accounting journal)', 'export.cii': 'EN 16931 invoice (CII XML)',
    'doc.page': 'Page {0} of {1}', 'doc.prev': 'Previous page', 'doc.next': 'Next page',
    'group.document': 'Document', 'group.supplier': 'Supplier', 'group.customer': 'Customer', 'group.totals': 'Totals',
    'group.line_items': 'Line items', 'items.add': 'Add a row', 'items.remove': 'Remove', 'items.split': 'Split',
    'items.sum': 'Sum of the lines: {0}', 'items.sum_mismatch': 'The lines sum to {0}, not the total excl. tax ({1})',
    'items.row_mismatch': 'quantity × unit price = {0}', 'doc.lowconf': 'Uncertain reading ({0} %)',
    'doc.keys': 'Alt+↓/↑: next/previous field · Alt+→: next document · Ctrl+Enter: accept and next',
    'doc.zoomin': 'Zoom in', 'doc.zoomout': 'Zoom out',
    'field.line_items.description': 'Description', 'field.line_items.quantity': 'Qty',
    'field.line_items.unit_price': 'Unit price', 'field.line_items.amount': 'Amount', 'field.line_items.vat_rate': 'VAT %',
    'dash.chart': 'Total incl. tax per supplier',
    'dup.of': 'duplicate of #{0}', 'dup.filter': 'Duplicates', 'dup.all': 'All documents',
    'dup.exclude': 'Without duplicates', 'dup.only': 'Duplicates only',
    'dash.once': 'Each invoice is counted once: duplicates are left out.',
    'field.invoice_number': 'Invoice number', 'field.invoice_date': 'Invoice date', 'field.due_date': 'Due date',
    'field.supplier.name': 'Supplier', 'field.supplier.address': 'Supplier address', 'field.supplier.vat_id': 'Supplier VAT id',
    'field.customer.name': 'Customer', 'field.customer.address': 'Customer address', 'field.currency': 'Currency',
    'field.amount_due': 'Amount due', 'field.total_ht': 'Total excl. tax',
    'field.total_tva': 'Total VAT', 'field.total_ttc': 'Total incl. tax',
    'field.company': 'Company', 'field.date': 'Date', 'field.address': 'Address', 'field.total': 'Total',
  },
};

let lang = localStorage.getItem('textra.lang') || (navigator.language || 'fr').slice(0, 2);
if (!MESSAGES[lang]) lang = 'en';

function t(key, ...args) {
  let text = (MESSAGES[lang] && MESSAGES[lang][key]) || MESSAGES.en[key] || key;
  args.forEach((a, i) => { text = text.replace('{' + i + '}', a); });
  return text;
}

// A field's name for people: the translated name when known, else its path ("line_items.0.amount").
function fieldName(path) {
  const key = 'field.' + path;
  return MESSAGES[lang][key] || MESSAGES.en[key] || path;
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

// Images and links cannot send the bearer token: with a token, the resource is fetched and handed over as a
// blob URL (same-origin URLs otherwise, so the browser caches and streams them).
async function resourceUrl(path) {
  if (!localStorage.getItem('textra.token')) return path;
  const response = await api(path);
  if (!response.ok) throw new Error(response.statusText);
  return URL.createObjectURL(await response.blob());
}

// A link to an API resource that also works with a token (download: the file name to save as, or none).
function resourceLink(path, label, attrs = {}) {
  return el('a', Object.assign({ href: path, onclick: async (e) => {
    if (!localStorage.getItem('textra.token')) return;
    e.preventDefault();
    const link = el('a', { href: await resourceUrl(path), download: attrs.download, target: attrs.target });
    link.click();
  } }, attrs), label);
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

// A link to the document a duplicate repeats ("duplicate of #12"); it does not open the row it sits in.
function duplicateBadge(original) {
  return el('a', { class: 'badge duplicate', href: '#/doc/' + original, 'data-duplicate-of': original,
                   onclick: (e) => e.stopPropagation() }, t('dup.of', original));
}

// The list view: upload area, filters (supplier, duplicates), export controls and the documents table.
function showList(view, cursor, supplier, duplicates) {
  const input = el('input', { id: 'file-input', type: 'file', multiple: true, hidden: true,
                              accept: 'image/*,application/pdf', onchange: (e) => uploadFiles(e.target.files) });
  const drop = el('div', { id: 'drop', role: 'region', 'aria-label': t('upload.prompt') },
    t('upload.prompt') + ' ',
    el('button', { id: 'choose-files', type: 'button', onclick: () => input.click() }, t('upload.choose')),
    input, ' ', enginePicker(),
    el('div', { id: 'uploads', 'aria-live': 'polite' }));
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); uploadFiles(e.dataTransfer.files); });

  const filter = el('input', { type: 'search', placeholder: t('list.filter'), value: supplier || '',
                               'aria-label': t('list.filter') });
  filter.addEventListener('change', () => showList(view, null, filter.value, duplicates));
  const duplicateFilter = el('select', { id: 'duplicates-filter', 'aria-label': t('dup.filter') },
    [['', 'dup.all'], ['exclude', 'dup.exclude'], ['only', 'dup.only']].map(([value, key]) =>
      el('option', { value, selected: value === (duplicates || '') }, t(key))));
  duplicateFilter.addEventListener('change', () => showList(view, null, supplier, duplicateFilter.value));
  view.replaceChildren(drop, el('div', { class: 'toolbar' }, filter, duplicateFilter, exportControls(supplier)),
                       el('div', { id: 'export-status', 'aria-live': 'polite' }), el('div', { id: 'list' }));
  return loadList(view, cursor, supplier, duplicates);
}

// Fills #list with one page of documents; list.reload() does it again after uploads, leaving their statuses.
async function loadList(view, cursor, supplier, duplicates) {
  let query = '/v1/documents?limit=25';
  if (cursor) query += '&cursor=' + encodeURIComponent(cursor);
  if (supplier) query += '&supplier=' + encodeURIComponent(supplier);
  if (duplicates) query += '&duplicates=' + encodeURIComponent(duplicates);
  const list = view.querySelector('#list');
  if (!list) return;
  list.reload = () => loadList(view, cursor, supplier, duplicates);
  try {
    const page = await apiJson(query);
    list.replaceChildren();
    if (page.documents.length === 0) { list.append(el('p', { class: 'muted' }, t('list.empty'))); return; }
    const rows = page.documents.map((d) => el('tr', { class: 'clickable', tabindex: 0, 'data-id': d.id,
        onclick: () => { location.hash = '#/doc/' + d.id; },
        onkeydown: (e) => { if (e.key === 'Enter') location.hash = '#/doc/' + d.id; } },
      el('td', {}, d.file_name, d.duplicate_of ? [' ', duplicateBadge(d.duplicate_of)] : []),
      el('td', {}, d.supplier || ''), el('td', {}, d.invoice_date || ''),
      el('td', { class: 'num' }, formatAmount(d.total_ttc, d.currency)), el('td', {}, t('status.' + d.status))));
    list.append(el('table', {},
      el('thead', {}, el('tr', {}, ['list.file', 'list.supplier', 'list.date', 'list.total', 'list.status']
        .map((k) => el('th', {}, t(k))))),
      el('tbody', {}, rows)));
    if (page.next) list.append(el('div', { class: 'toolbar' },
      el('button', { onclick: () => showList(view, page.next, supplier, duplicates) }, t('list.more'))));
  } catch (err) {
    list.replaceChildren(el('p', { class: 'error' }, err.message));
  }
}

// ---- Exports: the documents of the current filter as CSV, FEC or EN 16931 XML -------------------------------

function exportControls(supplier) {
  const format = el('select', { id: 'export-format', 'aria-label': t('export.format') },
    ['csv', 'csv-lines', 'fec', 'cii'].map((f) => el('option', { value: f }, t('export.' + f))));
  const button = el('button', { id: 'export', type: 'button',
                                onclick: () => runExport(format.value, supplier, false) }, t('export.button'));
  return el('span', { class: 'export' }, format, button);
}

// Downloads the export; when documents have unresolved errors the server exports nothing and lists them
// (409): they are shown with links to fix them, and a button to export anyway.
async function runExport(format, supplier, force) {
  const status = document.getElementById('export-status');
  let query = '/v1/export?format=' + encodeURIComponent(format);
  if (supplier) query += '&supplier=' + encodeURIComponent(supplier);
  if (force) query += '&force=1';
  const response = await api(query);
  if (response.status === 409) {
    const body = await response.json();
    status.replaceChildren(el('p', { class: 'warning' }, t('export.refused', body.refused.length)),
      el('ul', { id: 'export-refused' }, body.refused.map((r) =>
        el('li', {}, el('a', { href: '#/doc/' + r.id }, r.file_name), ' : ' + r.reason))),
      el('button', { id: 'export-force', type: 'button', onclick: () => runExport(format, supplier, true) },
         t('export.force')));
    return;
  }
  if (!response.ok) {
    let message = response.statusText;
    try { message = (await response.json()).error.message; } catch (_) { /* not JSON */ }
    status.replaceChildren(el('p', { class: 'error' }, message));
    return;
  }
  const disposition = response.headers.get('Content-Disposition') || '';
  const name = (disposition.match(/filename="([^"]+)"/) || [])[1] || 'export';
  const link = el('a', { href: URL.createObjectURL(await response.blob()), download: name });
  link.click();
  status.replaceChildren(el('p', { id: 'export-done', class: 'muted' }, t('export.done', name)));
}

// Uploads with progress (XMLHttpRequest reports upload progress; fetch does not).
function uploadFiles(files) {
  const area = document.getElementById('uploads');
  for (const file of files) {
    const bar = el('progress', { max: 100, value: 0, 'aria-label': file.name });
    const status = el('span', { class: 'muted', 'data-upload-status': 'running' }, t('upload.running'));
    area.append(el('div', { class: 'upload' }, el('strong', {}, file.name + ' '), status, bar));
    const form = new FormData();
    form.append('file', file, file.name);
    appendEngineFields(form);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/v1/extract');
    const token = localStorage.getItem('textra.token');
    if (token) xhr.setRequestHeader('Authorization', 'Bearer ' + token);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = Math.round(100 * e.loaded / e.total); };
    // Sent: the bar turns indeterminate while the server extracts (it answers when the result is stored).
    xhr.upload.onload = () => { bar.removeAttribute('value'); status.textContent = t('upload.extracting'); };
    xhr.onload = () => {
      bar.value = 100;
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch (_) { /* not JSON: reported below */ }
      if (xhr.status >= 200 && xhr.status < 300) {
        status.dataset.uploadStatus = 'done';
        status.textContent = t('upload.done');
        status.className = '';
        // A copy of a stored invoice stays in view with its flag; a new one opens for review.
        if (body.duplicate_of) {
          status.append(' — ', duplicateBadge(body.duplicate_of));
          status.className = 'warning';
        }
        if (files.length === 1 && body.document_id && !body.duplicate_of) location.hash = '#/doc/' + body.document_id;
        else document.getElementById('list')?.reload();
      } else {
        status.dataset.uploadStatus = 'failed';
        status.textContent = t('upload.failed') + ': ' + ((body.error && body.error.message) || xhr.statusText);
        status.className = 'error';
      }
    };
    xhr.onerror = () => { status.dataset.uploadStatus = 'failed'; status.textContent = t('upload.failed'); status.className = 'error'; };
    xhr.send(form);
  }
}

// ---- Dashboard ------------------------------------------------------------------------------------------

// Total TTC per supplier (and currency: amounts in different currencies are not added), one bar each,
// as inline SVG with the amounts written beside the bars.
// One bar chart per currency: amounts in different currencies never share a scale or a sum.
function supplierChart(rows, currency) {
  const totals = new Map();
  for (const r of rows) totals.set(r.supplier || '—', (totals.get(r.supplier || '—') || 0) + r.total_ttc);
  const entries = [...totals.entries()].sort((a, b) => b[1] - a[1]);
  const ns = 'http://www.w3.org/2000/svg';
  const svgEl = (tag, attrs, text) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const barHeight = 22, labelWidth = 220, width = 720, amountWidth = 130;
  const height = entries.length * (barHeight + 8) + 8;
  const max = Math.max(...entries.map((e) => e[1]), 1);
  const title = t('dash.chart') + (currency ? ' (' + currency + ')' : '');
  const svg = svgEl('svg', { id: 'chart-' + (currency || 'none'), viewBox: `0 0 ${width} ${height}`, role: 'img',
                             'aria-label': title });
  entries.forEach(([name, total], i) => {
    const y = 8 + i * (barHeight + 8);
    const w = Math.max((width - labelWidth - amountWidth) * total / max, 2);
    const bar = svgEl('rect', { x: labelWidth, y, width: w, height: barHeight, 'data-supplier': name });
    bar.append(svgEl('title', {}, name + ': ' + formatAmount(total, currency)));
    svg.append(svgEl('text', { x: labelWidth - 8, y: y + barHeight - 6, 'text-anchor': 'end' }, name), bar,
               svgEl('text', { x: labelWidth + w + 6, y: y + barHeight - 6 }, formatAmount(total, currency)));
  });
  return el('div', { class: 'chart', 'data-currency': currency || '' }, el('h2', {}, title), svg);
}

function currencyCharts(rows) {
  const byCurrency = new Map();
  for (const r of rows) byCurrency.set(r.currency || '', [...(byCurrency.get(r.currency || '') || []), r]);
  return [...byCurrency.keys()].sort().map((currency) => supplierChart(byCurrency.get(currency), currency));
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
        el('td', { class: 'num' }, String(r.count)), el('td', { class: 'num' }, formatAmount(r.total_ttc, r.currency)),
        el('td', { class: 'num' }, formatAmount(r.total_tva, r.currency))))));
    view.replaceChildren(el('p', { class: 'muted' }, t('dash.once')), ...currencyCharts(rows),
                         el('h2', {}, t('dash.title')), table);
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
  view.onkeydown = null;  // the review page's keys
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
