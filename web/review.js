// Textra web UI, the review page (#/doc/ID): the page with each field's boxes in the field's colour, the fields
// in schema order and groups, line items as an editable table whose sums are checked live, corrections.
// Loaded before app.js, whose helpers (t, el, api, apiJson, resourceUrl, resourceLink, fieldName,
// formatAmount) it calls at run time.
'use strict';

// Distinct, colour-blind-friendly hues (Okabe-Ito, then Tableau): field i gets PALETTE[i % length].
const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#d55e00', '#56b4e9', '#9467bd', '#8c564b',
                 '#17becf', '#bcbd22', '#e377c2', '#7f7f7f'];
const LOW_CONFIDENCE = 0.6;
const schemaCache = new Map();

// The JSON Schema of a built-in schema (keys in schema order), or null for others.
async function loadSchema(name) {
  if (!schemaCache.has(name)) {
    schemaCache.set(name, apiJson('/v1/schemas/' + encodeURIComponent(name)).catch(() => null));
  }
  return schemaCache.get(name);
}

function leafOf(node) {
  return node && typeof node === 'object' && !Array.isArray(node) && 'value' in node ? node : null;
}

// Field descriptors in schema order: {path, leaf, group, kind, description}. Members the schema does not
// list follow in the result's order (open keys such as supplier.other_ids.ICE).
function orderedFields(fields, schema) {
  const out = [];
  const visit = (node, spec, path, group) => {
    const leaf = leafOf(node);
    if (leaf || node === null || typeof node !== 'object') {
      out.push({ path, leaf: leaf || { value: node }, group,
                 kind: spec && spec['x-textra-kind'], description: spec && spec.description });
      return;
    }
    if (Array.isArray(node)) return;  // line items: the table
    const props = (spec && spec.properties) || {};
    const keys = [...Object.keys(props).filter((k) => k in node), ...Object.keys(node).filter((k) => !(k in props))];
    for (const k of keys) {
      const childSpec = props[k] || (spec && typeof spec.additionalProperties === 'object' ? spec.additionalProperties : null);
      visit(node[k], childSpec, path ? path + '.' + k : k, group);
    }
  };
  const props = (schema && schema.properties) || {};
  const keys = [...Object.keys(props).filter((k) => k in fields), ...Object.keys(fields).filter((k) => !(k in props))];
  for (const k of keys) {
    const node = fields[k];
    const spec = props[k];
    let group = 'document';
    if (node && typeof node === 'object' && !Array.isArray(node) && !leafOf(node)) group = k;
    else if (spec && spec['x-textra-kind'] === 'amount') group = 'totals';
    visit(node, spec, k, group);
  }
  return out;
}

// Arrays of objects at the top level (line_items): {path, columns, rows: [{col: leaf}]}.
function tableFields(fields, schema) {
  const tables = [];
  for (const [k, node] of Object.entries(fields)) {
    if (!Array.isArray(node)) continue;
    const spec = schema && schema.properties && schema.properties[k];
    const itemProps = spec && spec.items && spec.items.properties;
    const columns = itemProps ? Object.keys(itemProps)
      : [...new Set(node.flatMap((row) => Object.keys(row || {})))];
    tables.push({ path: k, columns, rows: node.map((row) => Object.fromEntries(
      columns.map((c) => [c, leafOf(row && row[c]) || { value: row ? row[c] ?? null : null }]))) });
  }
  return tables;
}

function groupName(group) {
  const key = 'group.' + group;
  return MESSAGES[lang][key] || MESSAGES.en[key] || fieldName(group);
}

function displayValue(v) {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

// What the user typed, as the field's type: amounts and numbers as numbers ("1 234,50" -> 1234.5).
function parseTyped(text, original, kind) {
  if (text.trim() === '') return null;
  if (typeof original === 'number' || kind === 'amount' || kind === 'percent') {
    const n = Number(text.replace(/\s/g, '').replace(',', '.'));
    return Number.isFinite(n) ? n : text;
  }
  return text;
}

function numberOf(text) {
  const n = Number(String(text).replace(/\s/g, '').replace(',', '.'));
  return text === '' || !Number.isFinite(n) ? null : n;
}

// Warnings name the fields they are about ("total_ht 690.00 + total_tva ..."): a field is warned when its
// path appears in a warning's message.
function warningsFor(path, warnings) {
  return warnings.filter((w) => new RegExp('(^|[^\\w.])' + path.replace(/\./g, '\\.') + '($|[^\\w])').test(w.message || ''));
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
    doc.duplicate_of ? duplicateBadge(doc.duplicate_of) : '',
    el('span', { class: 'muted', id: 'doc-status', title: doc.error || '' },
      t('status.' + doc.status) + (doc.error && doc.status !== 'extracted' ? ' — ' + doc.error : '')),
    resourceLink('/v1/documents/' + id + '/file', t('doc.original'), { target: '_blank' }),
    result ? resourceLink('/v1/documents/' + id + '/label-studio', t('doc.labelstudio'),
      { id: 'label-studio', download: 'document-' + id + '-label-studio.json' }) : '',
    el('button', { type: 'button', onclick: async () => {
      if (!window.confirm(t('doc.confirmdelete'))) return;
      await apiJson('/v1/documents/' + id, { method: 'DELETE' }); location.hash = '#/';
    } }, t('doc.delete')));
  if (!result) { view.replaceChildren(header, el('p', {}, t('doc.noresult'))); return; }

  const schema = await loadSchema(result.schema);
  const fields = orderedFields(result.fields, schema);
  fields.forEach((f, i) => { f.color = PALETTE[i % PALETTE.length]; });
  const tables = tableFields(result.fields, schema);
  const warnings = result.warnings || [];
  const page = reviewPage(id, result, fields, tables);
  const { form, save } = fieldForm(id, fields, tables, corrections, warnings, page, result.roles || {});
  const warningList = warnings.length
    ? el('div', { class: 'warnings', id: 'warnings' }, el('h3', {}, t('doc.warnings')),
        el('ul', {}, warnings.map((w) => el('li', { 'data-code': w.code }, w.message || w.code))))
    : '';
  view.replaceChildren(header, el('div', { class: 'doc' }, page.node, el('div', {}, form, warningList,
    el('p', { class: 'muted keys' }, t('doc.keys')))));
  page.show(1);
  view.onkeydown = (e) => reviewKeys(e, id, form, save);
}

// The window listeners of the review page last shown: the next one removes them, so going from document to
// document does not pile up listeners that keep every earlier page alive and redraw it on each resize.
let windowListeners = new AbortController();

// The page image with boxes: pages, zoom (buttons, Ctrl+wheel) and pan (the frame scrolls; drag to move).
function reviewPage(id, result, fields, tables) {
  windowListeners.abort();
  windowListeners = new AbortController();
  const { signal } = windowListeners;
  const pageCount = Math.max(1, Number(result.pages) || 1);
  let pageNumber = 1;
  let zoom = 1;
  const pageBox = el('div', { class: 'page' });
  const frame = el('div', { class: 'page-frame' }, pageBox);
  const img = el('img', { id: 'page-image', alt: result.file || '' });
  pageBox.append(img);
  const boxes = [];
  const rowSources = tables.flatMap((table) => table.rows.map((row, i) => {
    const sources = Object.values(row).map((leaf) => leaf.source).filter((s) => s && Array.isArray(s.boxes));
    return { path: table.path + '.' + i, color: '#6b7280', leaf: { source: sources[0] ? {
      page: sources[0].page, boxes: [rowBox(sources.flatMap((s) => s.boxes))] } : null } };
  }));
  const place = () => {
    boxes.forEach((b) => b.node.remove());
    boxes.length = 0;
    if (!img.naturalWidth) return;
    const scale = img.clientWidth / img.naturalWidth;
    for (const f of [...fields, ...rowSources]) {
      const src = f.leaf.source;
      if (!src || src.page !== pageNumber || !Array.isArray(src.boxes)) continue;
      for (const [x0, y0, x1, y1] of src.boxes) {
        const node = el('div', { class: f.path.match(/\.\d+$/) ? 'box row-box' : 'box', 'data-path': f.path,
          title: fieldName(f.path), tabindex: -1,
          style: `--c:${f.color};left:${x0 * scale}px;top:${y0 * scale}px;` +
                 `width:${(x1 - x0) * scale}px;height:${(y1 - y0) * scale}px`,
          onclick: () => { const input = document.querySelector(`#fields input[data-path="${f.path}"]`) ||
                                          document.querySelector(`#fields tr[data-row="${f.path}"] input`);
                           if (input) input.focus(); } },
          el('span', {}, fieldName(f.path)));
        pageBox.append(node);
        boxes.push({ path: f.path, node });
      }
    }
  };
  img.addEventListener('load', place);
  window.addEventListener('resize', place, { signal });
  const setZoom = (z) => {
    zoom = Math.min(Math.max(z, 1), 4);
    pageBox.style.width = (100 * zoom) + '%';
    place();
  };
  frame.addEventListener('wheel', (e) => {
    if (!e.ctrlKey) return;
    e.preventDefault();
    setZoom(zoom * (e.deltaY < 0 ? 1.2 : 1 / 1.2));
  }, { passive: false });
  let drag = null;
  frame.addEventListener('pointerdown', (e) => {
    if (zoom === 1 || e.target.classList.contains('box')) return;
    drag = { x: e.clientX, y: e.clientY, left: frame.scrollLeft, top: frame.scrollTop };
  });
  frame.addEventListener('pointermove', (e) => {
    if (!drag) return;
    frame.scrollLeft = drag.left - (e.clientX - drag.x);
    frame.scrollTop = drag.top - (e.clientY - drag.y);
  });
  window.addEventListener('pointerup', () => { drag = null; }, { signal });

  const pageLabel = el('span', { id: 'page-number' });
  const show = (n) => {
    pageNumber = Math.min(Math.max(n, 1), pageCount);
    pageLabel.textContent = t('doc.page', pageNumber, pageCount);
    resourceUrl('/v1/documents/' + id + '/pages/' + pageNumber + '.png').then((url) => {
      if (img.src.startsWith('blob:')) URL.revokeObjectURL(img.src);
      img.src = url;
    }).catch((err) => pageBox.append(el('p', { class: 'error' }, err.message)));
  };
  const tools = el('div', { class: 'toolbar' },
    pageCount > 1 ? el('button', { type: 'button', 'aria-label': t('doc.prev'), onclick: () => show(pageNumber - 1) }, '←') : '',
    pageCount > 1 ? pageLabel : '',
    pageCount > 1 ? el('button', { type: 'button', 'aria-label': t('doc.next'), onclick: () => show(pageNumber + 1) }, '→') : '',
    el('button', { type: 'button', id: 'zoom-in', 'aria-label': t('doc.zoomin'), onclick: () => setZoom(zoom * 1.5) }, '+'),
    el('button', { type: 'button', id: 'zoom-out', 'aria-label': t('doc.zoomout'), onclick: () => setZoom(zoom / 1.5) }, '−'));

  // Marks the field's boxes (data-active), showing their page and scrolling the first into view.
  const highlight = (path, sourcePage) => {
    if (sourcePage && sourcePage !== pageNumber) show(sourcePage);
    boxes.forEach((b) => b.node.toggleAttribute('data-active', path !== null && b.path === path));
    const box = boxes.find((b) => b.path === path);
    if (box) box.node.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'smooth' });
  };
  return { node: el('div', {}, tools, frame), show, highlight };
}

// The box around several boxes (a table row's cells).
function rowBox(list) {
  return [Math.min(...list.map((b) => b[0])), Math.min(...list.map((b) => b[1])),
          Math.max(...list.map((b) => b[2])), Math.max(...list.map((b) => b[3]))];
}

// The fields, grouped in schema order, and the line-item tables; saving sends only what changed.
function fieldForm(id, fields, tables, corrections, warnings, page, roles) {
  const inputs = [];
  const groups = [];
  for (const f of fields) {
    let group = groups.find((g) => g.name === f.group);
    if (!group) groups.push(group = { name: f.group, rows: [] });
    group.rows.push(fieldRow(f, corrections, warnings, page, inputs));
  }
  const tableEditors = tables.map((table) => lineItemsEditor(table, corrections, page, fields, inputs, roles));
  const message = el('span', { id: 'save-status', role: 'status' });
  const save = async () => {
    const changes = {};
    for (const { input, field } of inputs) {
      if (input.classList.contains('changed')) changes[field.path] = parseTyped(input.value, field.leaf.value, field.kind);
    }
    for (const editor of tableEditors) {
      if (editor.changed()) changes[editor.path] = editor.rows();
    }
    if (Object.keys(changes).length === 0) return true;
    try {
      await apiJson('/v1/documents/' + id + '/fields', { method: 'PUT', headers: { 'Content-Type': 'application/json' },
                                                         body: JSON.stringify(changes) });
      message.textContent = t('doc.saved');
      message.className = '';
      inputs.forEach(({ input }) => input.classList.remove('changed'));
      tableEditors.forEach((editor) => editor.saved());
      return true;
    } catch (err) { message.textContent = err.message; message.className = 'error'; return false; }
  };
  const form = el('form', { id: 'fields', class: 'fields', onsubmit: (e) => { e.preventDefault(); save(); } },
    groups.map((g) => el('fieldset', { 'data-group': g.name }, el('legend', {}, groupName(g.name)),
      el('table', {}, el('tbody', {}, g.rows)))),
    tableEditors.map((editor) => editor.node),
    el('div', { class: 'toolbar' }, el('button', { id: 'save', class: 'primary', type: 'submit' }, t('doc.save')), message));
  return { form, save };
}

function fieldRow(f, corrections, warnings, page, inputs) {
  const corrected = Object.prototype.hasOwnProperty.call(corrections, f.path);
  const input = el('input', { value: displayValue(corrected ? corrections[f.path] : f.leaf.value),
                              'data-path': f.path, 'aria-label': fieldName(f.path) });
  input.addEventListener('input', () => input.classList.add('changed'));
  const focusBox = () => page.highlight(f.path, f.leaf.source && f.leaf.source.page);
  input.addEventListener('focus', focusBox);
  inputs.push({ input, field: f });
  const notes = [];
  const confidence = f.leaf.confidence;
  if (typeof confidence === 'number' && confidence < LOW_CONFIDENCE && f.leaf.value !== null) {
    notes.push(el('div', { class: 'note low-confidence' }, t('doc.lowconf', Math.round(confidence * 100))));
  }
  for (const w of warningsFor(f.path, warnings)) notes.push(el('div', { class: 'note warned' }, w.message));
  if (corrected) notes.push(el('div', { class: 'corrected', 'data-corrected': f.path }, t('doc.corrected', displayValue(f.leaf.value))));
  return el('tr', { class: 'clickable' + (notes.some((n) => !n.classList.contains('corrected')) ? ' flagged' : ''),
                    'data-path': f.path, style: `--c:${f.color}`,
                    onclick: focusBox, onmouseenter: focusBox, onmouseleave: () => page.highlight(null) },
    el('th', { scope: 'row', title: f.description || f.path }, el('i', { class: 'swatch', 'aria-hidden': 'true' }), fieldName(f.path)),
    el('td', {}, input, notes));
}

// An editable table of line items: add, remove and split rows; quantity × unit price and the sum against
// the net total are checked as the person types. The columns and the total are found by their roles (the
// result's "roles": {"total_net": "total_ht", "item_amount": "amount", ...}), so a user's schema with its
// own names is checked too; a table that is not the line items is edited without checks.
function lineItemsEditor(table, corrections, page, fields, inputs, roles) {
  const items = table.path === roles.line_items;
  const role = (name) => (items ? roles[name] : undefined);
  const [qty, price, amount] = [role('item_quantity'), role('item_unit_price'), role('item_amount')];
  const corrected = Array.isArray(corrections[table.path]) ? corrections[table.path] : null;
  let rows = corrected
    ? corrected.map((row) => Object.fromEntries(table.columns.map((c) => [c, row[c] ?? null])))
    : table.rows.map((row) => Object.fromEntries(table.columns.map((c) => [c, row[c].value])));
  const sources = corrected ? [] : table.rows;
  let changed = false;
  const body = el('tbody');
  const status = el('p', { class: 'items-status', role: 'status' });
  const net = () => {
    const entry = inputs.find((i) => i.field.path === role('total_net'));
    return entry ? numberOf(entry.input.value) : null;
  };
  const check = () => {
    let sum = 0;
    let any = false;
    body.querySelectorAll('tr').forEach((tr, i) => {
      const row = rows[i];
      const [q, p, a] = [row[qty] ?? null, row[price] ?? null, row[amount] ?? null];
      const expected = q !== null && p !== null ? Math.round(q * p * 100) / 100 : null;
      const mismatch = expected !== null && a !== null && Math.abs(expected - a) > 0.011;
      tr.classList.toggle('mismatch', mismatch);
      tr.querySelector('.row-note').textContent = mismatch ? t('items.row_mismatch', formatAmount(expected)) : '';
      if (typeof a === 'number') { sum += a; any = true; }
    });
    const total = net();
    const wrong = any && total !== null && Math.abs(sum - total) > 0.011;
    status.textContent = wrong ? t('items.sum_mismatch', formatAmount(sum), formatAmount(total))
                               : any ? t('items.sum', formatAmount(sum)) : '';
    status.classList.toggle('sum-mismatch', wrong);
  };
  const render = () => {
    body.replaceChildren(...rows.map((row, i) => {
      const path = table.path + '.' + i;
      const source = sources[i] && Object.values(sources[i]).map((l) => l.source).find((s) => s);
      const cells = table.columns.map((c) => {
        const input = el('input', { value: displayValue(row[c]), 'data-column': c, 'aria-label': fieldName(table.path + '.' + c) });
        input.addEventListener('input', () => {
          row[c] = c === role('item_description') ? input.value
            : numberOf(input.value) ?? (input.value === '' ? null : input.value);
          changed = true;
          check();
        });
        input.addEventListener('focus', () => page.highlight(path, source && source.page));
        return el('td', {}, input);
      });
      const edit = (fn) => { fn(); changed = true; render(); };
      return el('tr', { 'data-row': path },
        cells,
        el('td', { class: 'row-tools' },
          el('button', { type: 'button', class: 'split', title: t('items.split'),
                         onclick: () => edit(() => rows.splice(i + 1, 0, Object.fromEntries(table.columns.map((c) =>
                           [c, c === role('item_vat_rate') ? row[c] : null])))) }, '⤓'),
          el('button', { type: 'button', class: 'remove', title: t('items.remove'),
                         onclick: () => edit(() => rows.splice(i, 1)) }, '×'),
          el('span', { class: 'row-note' })));
    }));
    check();
  };
  render();
  // The net total's input changes the sum check too.
  const netInput = inputs.find((i) => i.field.path === role('total_net'));
  if (netInput) netInput.input.addEventListener('input', check);
  const node = el('fieldset', { 'data-group': table.path, class: 'items' }, el('legend', {}, groupName(table.path)),
    el('table', { id: 'items-' + table.path },
      el('thead', {}, el('tr', {}, table.columns.map((c) => el('th', {}, fieldName(table.path + '.' + c))), el('th'))),
      body),
    el('div', { class: 'toolbar' }, el('button', { type: 'button', class: 'add-row',
      onclick: () => { rows.push(Object.fromEntries(table.columns.map((c) => [c, null]))); changed = true; render(); } },
      t('items.add')), status));
  return { node, path: table.path, changed: () => changed, rows: () => rows, saved: () => { changed = false; } };
}

// Keyboard: Alt+↓/↑ next/previous field, Alt+→ next (older) document, Ctrl+Enter saves and goes on.
async function reviewKeys(e, id, form, save) {
  const fieldsInOrder = [...form.querySelectorAll('input')];
  const at = fieldsInOrder.indexOf(document.activeElement);
  if (e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
    e.preventDefault();
    const next = fieldsInOrder[Math.min(Math.max(at + (e.key === 'ArrowDown' ? 1 : -1), 0), fieldsInOrder.length - 1)];
    if (next) next.focus();
  } else if ((e.altKey && e.key === 'ArrowRight') || (e.ctrlKey && e.key === 'Enter')) {
    e.preventDefault();
    if (e.ctrlKey && !(await save())) return;
    const older = await apiJson('/v1/documents?limit=1&cursor=' + id);
    if (older.documents.length) location.hash = '#/doc/' + older.documents[0].id;
  }
}
