// Textra web UI: upload, list, review and correct documents, dashboard per supplier.
// Plain JavaScript served by `textra serve` (no build step, no CDN). Hash routes: #/, #/doc/ID, #/dashboard.
'use strict';

const MESSAGES = {
  fr: {
    'nav.documents': 'Documents', 'nav.dashboard': 'Tableau de bord',
    'upload.prompt': 'Déposez des factures ou des tickets ici, ou', 'upload.choose': 'choisissez des fichiers',
    'upload.running': 'Envoi…', 'upload.extracting': 'Extraction…', 'upload.done': 'Terminé', 'upload.failed': 'Échec',
    'list.empty': 'Aucun document pour l\'instant.', 'list.file': 'Fichier', 'list.supplier': 'Fournisseur',
    'list.date': 'Date', 'list.total': 'Total TTC', 'list.status': 'État', 'list.more': 'Suivants',
    'list.filter': 'Filtrer par fournisseur',
    'doc.field': 'Champ', 'doc.value': 'Valeur', 'doc.save': 'Enregistrer', 'doc.saved': 'Corrections enregistrées',
    'doc.corrected': 'corrigé (machine : {0})', 'doc.warnings': 'Avertissements', 'doc.back': '← Documents',
    'doc.delete': 'Supprimer', 'doc.noresult': 'Pas encore de résultat.', 'doc.original': 'Fichier original',
    'dash.title': 'Total TTC par fournisseur et par mois', 'dash.count': 'Nombre', 'dash.tva': 'TVA',
    'dash.month': 'Mois', 'dash.currency': 'Devise', 'dash.empty': 'Aucune donnée.',
    'status.new': 'nouveau', 'status.extracted': 'extrait', 'status.failed': 'échec', 'status.reviewed': 'vérifié',
    'auth.prompt': 'Jeton d\'accès (bearer token) :', 'doc.confirmdelete': 'Supprimer ce document ?',
    'doc.labelstudio': 'Export Label Studio',
    'export.button': 'Exporter', 'export.format': 'Format d\'export', 'export.force': 'Exporter quand même',
    'export.refused': '{0} document(s) à corriger avant l\'export :', 'export.done': 'Export téléchargé : {0}',
    'export.csv': 'CSV (un document par ligne)', 'export.csv-lines': 'CSV (une ligne d\'article par ligne)',
    'export.fec': 'FEC (écritures comptables)', 'export.cii': 'Factur-X / EN 16931 (XML CII)',
    'doc.page': 'Page {0} / {1}', 'doc.prev': 'Page précédente', 'doc.next': 'Page suivante',
    'dash.chart': 'Total TTC par fournisseur',
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
    'list.empty': 'No documents yet.', 'list.file': 'File', 'list.supplier': 'Supplier', 'list.date': 'Date',
    'list.total': 'Total incl. tax', 'list.status': 'Status', 'list.more': 'Next', 'list.filter': 'Filter by supplier',
    'doc.field': 'Field', 'doc.value': 'Value', 'doc.save': 'Save', 'doc.saved': 'Corrections saved',
    'doc.corrected': 'corrected (machine: {0})', 'doc.warnings': 'Warnings', 'doc.back': '← Documents',
    'doc.delete': 'Delete', 'doc.noresult': 'No result yet.', 'doc.original': 'Original file',
    'dash.title': 'Total incl. tax per supplier and month', 'dash.count': 'Count', 'dash.tva': 'VAT',
    'dash.month': 'Month', 'dash.currency': 'Currency', 'dash.empty': 'No data.',
    'status.new': 'new', 'status.extracted': 'extracted', 'status.failed': 'failed', 'status.reviewed': 'reviewed',
    'auth.prompt': 'Access token (bearer token):', 'doc.confirmdelete': 'Delete this document?',
    'doc.labelstudio': 'Label Studio export',
    'export.button': 'Export', 'export.format': 'Export format', 'export.force': 'Export anyway',
    'export.refused': '{0} document(s) to fix before exporting:', 'export.done': 'Export downloaded: {0}',
    'export.csv': 'CSV (one row per document)', 'export.csv-lines': 'CSV (one row per line item)',
    'export.fec': 'FEC (French accounting journal)', 'export.cii': 'EN 16931 invoice (CII XML)',
    'doc.page': 'Page {0} of {1}', 'doc.prev': 'Previous page', 'doc.next': 'Next page',
    'dash.chart': 'Total incl. tax per supplier',
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

async function showList(view, cursor, supplier) {
  const input = el('input', { id: 'file-input', type: 'file', multiple: true, hidden: true,
                              accept: 'image/*,application/pdf', onchange: (e) => uploadFiles(e.target.files) });
  const drop = el('div', { id: 'drop', role: 'region', 'aria-label': t('upload.prompt') },
    t('upload.prompt') + ' ',
    el('button', { id: 'choose-files', type: 'button', onclick: () => input.click() }, t('upload.choose')),
    input,
    el('div', { id: 'uploads', 'aria-live': 'polite' }));
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); uploadFiles(e.dataTransfer.files); });

  const filter = el('input', { type: 'search', placeholder: t('list.filter'), value: supplier || '',
                               'aria-label': t('list.filter') });
  filter.addEventListener('change', () => showList(view, null, filter.value));
  view.replaceChildren(drop, el('div', { class: 'toolbar' }, filter, exportControls(supplier)),
                       el('div', { id: 'export-status', 'aria-live': 'polite' }), el('div', { id: 'list' }));

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
        if (files.length === 1 && body.document_id) location.hash = '#/doc/' + body.document_id;
        else route();
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
    el('strong', { id: 'doc-name' }, doc.file_name),
    el('span', { class: 'muted', id: 'doc-status' }, t('status.' + doc.status)),
    resourceLink('/v1/documents/' + id + '/file', t('doc.original'), { target: '_blank' }),
    result ? resourceLink('/v1/documents/' + id + '/label-studio', t('doc.labelstudio'),
      { id: 'label-studio', download: 'document-' + id + '-label-studio.json' }) : '',
    el('button', { type: 'button', onclick: async () => {
      if (!window.confirm(t('doc.confirmdelete'))) return;
      await apiJson('/v1/documents/' + id, { method: 'DELETE' }); location.hash = '#/';
    } }, t('doc.delete')));
  if (!result) { view.replaceChildren(header, el('p', {}, t('doc.noresult'))); return; }

  const fields = flattenFields(result.fields, '', []);
  const pageCount = Math.max(1, Number(result.pages) || 1);
  let pageNumber = 1;
  const pageBox = el('div', { class: 'page' });
  const img = el('img', { id: 'page-image', alt: doc.file_name });
  pageBox.append(img);
  const inputs = [];
  const boxes = [];
  // One box per line of each value on the shown page, scaled from page pixels to the displayed image.
  const placeBoxes = () => {
    boxes.forEach((b) => b.node.remove());
    boxes.length = 0;
    if (!img.naturalWidth) return;
    const scale = img.clientWidth / img.naturalWidth;
    for (const f of fields) {
      const src = f.leaf.source;
      if (!src || src.page !== pageNumber || !Array.isArray(src.boxes)) continue;
      for (const [x0, y0, x1, y1] of src.boxes) {
        const node = el('div', { class: 'box', 'data-path': f.path, title: fieldName(f.path),
          style: `left:${x0 * scale}px;top:${y0 * scale}px;width:${(x1 - x0) * scale}px;height:${(y1 - y0) * scale}px`,
          onclick: () => { const entry = inputs.find((i) => i.field.path === f.path); if (entry) entry.input.focus(); } },
          el('span', {}, fieldName(f.path)));
        pageBox.append(node);
        boxes.push({ path: f.path, node });
      }
    }
  };
  img.addEventListener('load', placeBoxes);
  window.addEventListener('resize', placeBoxes);
  const pageLabel = el('span', { id: 'page-number' });
  const showPage = (n) => {
    pageNumber = Math.min(Math.max(n, 1), pageCount);
    pageLabel.textContent = t('doc.page', pageNumber, pageCount);
    resourceUrl('/v1/documents/' + id + '/pages/' + pageNumber + '.png').then((url) => {
      if (img.src.startsWith('blob:')) URL.revokeObjectURL(img.src);
      img.src = url;
    })
      .catch((err) => pageBox.append(el('p', { class: 'error' }, err.message)));
  };
  const pager = pageCount > 1
    ? el('div', { class: 'toolbar' },
        el('button', { type: 'button', 'aria-label': t('doc.prev'), onclick: () => showPage(pageNumber - 1) }, '←'),
        pageLabel,
        el('button', { type: 'button', 'aria-label': t('doc.next'), onclick: () => showPage(pageNumber + 1) }, '→'))
    : '';

  // Shows the field's page, marks its boxes (data-active) and scrolls the first into view.
  const highlight = (f) => {
    const page = f.leaf.source && f.leaf.source.page;
    if (page && page !== pageNumber) showPage(page);
    boxes.forEach((b) => b.node.toggleAttribute('data-active', b.path === f.path));
    const box = boxes.find((b) => b.path === f.path);
    if (box) box.node.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  const rows = fields.map((f) => {
    const corrected = Object.prototype.hasOwnProperty.call(corrections, f.path);
    const input = el('input', { value: displayValue(corrected ? corrections[f.path] : f.leaf.value),
                                'data-path': f.path, 'aria-label': fieldName(f.path) });
    input.addEventListener('input', () => input.classList.add('changed'));
    input.addEventListener('focus', () => highlight(f));
    inputs.push({ input, field: f });
    return el('tr', { class: 'clickable', 'data-path': f.path, onclick: () => highlight(f) },
      el('th', { scope: 'row', title: f.path }, fieldName(f.path)),
      el('td', {}, input, corrected ? el('div', { class: 'corrected', 'data-corrected': f.path },
        t('doc.corrected', displayValue(f.leaf.value))) : ''));
  });
  const message = el('span', { id: 'save-status', role: 'status' });
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
      message.className = '';
      inputs.forEach(({ input }) => input.classList.remove('changed'));
    } catch (err) { message.textContent = err.message; message.className = 'error'; }
  };
  const form = el('form', { id: 'fields', class: 'fields', onsubmit: (e) => { e.preventDefault(); save(); } },
    el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, t('doc.field')), el('th', {}, t('doc.value')))),
      el('tbody', {}, rows)),
    el('div', { class: 'toolbar' }, el('button', { id: 'save', class: 'primary', type: 'submit' }, t('doc.save')), message));
  const warnings = (result.warnings || []).length
    ? el('div', { class: 'warnings' }, el('h3', {}, t('doc.warnings')),
        el('ul', {}, result.warnings.map((w) => el('li', {}, w.message || w.code))))
    : '';
  view.replaceChildren(header, el('div', { class: 'doc' }, el('div', {}, pager, pageBox), el('div', {}, form, warnings)));
  showPage(1);
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
    view.replaceChildren(...currencyCharts(rows), el('h2', {}, t('dash.title')), table);
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
