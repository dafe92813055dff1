// The extraction engine of the next uploads (POST /v1/extract `engine` and `model`): the shipped NER model,
// or a language model among those the server serves (GET /v1/models, `textra serve --models DIR`). The
// choice is kept in localStorage. Loaded before app.js, whose el(), t() and apiJson() it uses when called.
'use strict';

function enginePicker() {
  const saved = localStorage.getItem('textra.engine') || 'ner';
  const engine = el('select', { id: 'engine', 'aria-label': t('engine.label') },
    el('option', { value: 'ner' }, t('engine.ner')), el('option', { value: 'llm' }, t('engine.llm')));
  const model = el('select', { id: 'model', 'aria-label': t('engine.model') });
  const note = el('span', { id: 'engine-note', class: 'muted' });
  const show = async () => {
    localStorage.setItem('textra.engine', engine.value);
    model.hidden = engine.value !== 'llm';
    note.textContent = '';
    if (model.hidden || model.options.length) return;
    try {
      const models = (await apiJson('/v1/models')).data.map((m) => m.id);
      model.replaceChildren(...models.map((id) => el('option', { value: id }, id)));
      const remembered = localStorage.getItem('textra.model');
      if (models.includes(remembered)) model.value = remembered;
      if (!models.length) note.textContent = t('engine.nomodels');
    } catch (err) {
      note.textContent = err.message;
    }
  };
  engine.value = saved === 'llm' ? 'llm' : 'ner';
  engine.addEventListener('change', show);
  model.addEventListener('change', () => localStorage.setItem('textra.model', model.value));
  show();
  return el('span', { class: 'engine-picker' }, engine, model, note);
}

// Adds the chosen engine to an upload's form (nothing for the default NER engine).
function appendEngineFields(form) {
  const engine = document.getElementById('engine');
  if (!engine || engine.value !== 'llm') return;
  form.append('engine', 'llm');
  form.append('model', document.getElementById('model').value);
}
