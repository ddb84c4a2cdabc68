// Setup forms generated from a connector's auth-field schema
// (field: {key, label, help, type, required, secret, default, choices, pattern, level}).

import { h, icon, uid, button, busy } from './dom.js';

export function levelOf(field) {
  return String(field.level || 'tenant').toLowerCase();
}

function typeOf(field) {
  return String(field.type || 'text').toLowerCase();
}

export function isSecret(field) {
  return field.secret === true || typeOf(field) === 'secret';
}

/** The fields a form shows: the operator sets operator/both fields, a tenant tenant/both ones. */
export function fieldsFor(connector, audience) {
  const all = Array.isArray(connector?.authFields) ? connector.authFields : [];
  return all.filter((f) => (audience === 'operator' ? levelOf(f) !== 'tenant' : levelOf(f) !== 'operator'));
}

/** Secret fields that get a "Generate strong token" action. */
export function offersGenerate(field) {
  return isSecret(field) && field.key === 'verifyToken';
}

/**
 * Where an operator default applies to a tenant's field. This is the one place that reads it
 * from a connection response; it accepts `inherited`, `operatorDefaults` or `defaults`, each
 * either a map {key: value | {set: bool}} or a list of keys.
 * Returns null, or {value?: string, secret?: true}.
 */
export function operatorDefault(connection, key) {
  for (const source of [connection?.inherited, connection?.operatorDefaults, connection?.defaults]) {
    if (!source) continue;
    if (Array.isArray(source)) {
      if (source.includes(key)) return {};
      continue;
    }
    if (typeof source !== 'object' || !(key in source) || source[key] == null) continue;
    const v = source[key];
    if (typeof v === 'object' && !Array.isArray(v)) {
      if ('set' in v) return v.set ? { secret: true } : null;
      if ('value' in v) return v.value == null ? {} : { value: asText(v.value) };
      return {};
    }
    return { value: asText(v) };
  }
  return null;
}

function asText(value) {
  if (value == null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

function isStoredSecret(value) {
  return value === true || (value && typeof value === 'object' && value.set === true);
}

/** Maps an error's `field` ("clientId", "setup.clientId", "/setup/clientId") to a field key. */
function errorKey(field, keys) {
  const f = String(field || '');
  const candidates = [f, f.replace(/^\/?setup[./]/, ''), f.replace(/^\//, ''), f.split(/[./[\]]/).filter(Boolean).pop()];
  return candidates.find((c) => keys.has(c)) || null;
}

/**
 * Builds a <form> for the given fields.
 * options:
 *   fields, values (setup map: key → value | {set}), audience ('tenant' | 'operator'),
 *   inherited(key) → operatorDefault-style info for tenant forms,
 *   onSubmit(values) → Promise (throw an ApiError to show its problem details),
 *   onValidate(values) → Promise<[{field, message}]> (optional, run when a field changes),
 *   onGenerate(field) → Promise (optional, for offersGenerate fields),
 *   submitLabel, testid, extraButtons (nodes placed after Save).
 * Returns a controller: {element, values(), isDirty(), showProblem(error, actions), clearErrors(),
 *   markSecretSet(key), focusFirstError(), submitButton}.
 */
export function createSetupForm(options) {
  const { fields, values = {}, audience = 'tenant', inherited = () => null, onSubmit, onValidate, onGenerate,
    submitLabel = 'Save', testid = 'setup-form', extraButtons = [] } = options;
  const prefix = uid('fld');
  const rows = new Map(); // key → {field, read(), isTouched(), setError(msg), input, ...}
  const touched = new Set();
  const keys = new Set(fields.map((f) => f.key));

  const alert = h('div', { class: 'form-alert', role: 'alert', 'data-testid': 'form-alert', hidden: true });
  const status = h('p', { class: 'form-status', role: 'status', 'data-testid': 'form-status' });
  const submitButton = button(submitLabel, { tone: 'primary', type: 'submit', testid: `${testid}-save`, glyph: 'check' });
  const discard = button('Discard changes', { tone: 'ghost', testid: `${testid}-discard`, attrs: { hidden: true } });
  const body = h('div', { class: 'fields' });
  const form = h('form', { class: 'setup-form', novalidate: true, 'data-testid': testid },
    alert,
    audience !== 'operator' && fields.some((f) => f.required) ? h('p', { class: 'muted small', 'aria-hidden': 'true' }, h('span', { class: 'req', text: '*' }), ' required') : null,
    body,
    h('div', { class: 'form-actions' }, submitButton, discard, extraButtons, status));

  for (const field of fields) {
    const row = buildRow(field);
    rows.set(field.key, row);
    body.append(row.element);
  }

  let baseline = collect();

  function collect() {
    const out = {};
    for (const [key, row] of rows) {
      const v = row.read();
      if (v !== undefined) out[key] = v;
    }
    return out;
  }

  function isDirty() {
    return JSON.stringify(collect()) !== JSON.stringify(baseline);
  }

  function refreshDirty() {
    const dirty = isDirty();
    discard.hidden = !dirty;
    form.classList.toggle('is-dirty', dirty);
    if (dirty) status.textContent = 'Unsaved changes';
    else if (status.textContent === 'Unsaved changes') status.textContent = '';
  }

  function clearErrors() {
    alert.hidden = true;
    alert.replaceChildren();
    for (const row of rows.values()) row.setError(null);
  }

  function showProblem(error, actions = []) {
    const fieldErrors = error?.fieldErrors || [];
    const unplaced = [];
    const listed = [];
    for (const e of fieldErrors) {
      const key = errorKey(e.field, keys);
      if (key) {
        rows.get(key).setError(e.message || 'This value is not valid.');
        listed.push([key, e.message]);
      } else unplaced.push(`${e.field}: ${e.message}`);
    }
    const title = error?.problem?.title && error.status !== 422 ? error.problem.title : listed.length ? 'Check the highlighted fields' : 'Not saved';
    const detail = error?.message;
    alert.replaceChildren(
      icon('alert'),
      h('div', {},
        h('strong', { text: title }),
        detail && detail !== title ? h('p', { text: detail }) : null,
        listed.length ? h('ul', { class: 'error-summary' }, listed.map(([key, message]) => h('li', {},
          h('a', { href: `#${rows.get(key).inputId}`, onClick: (ev) => { ev.preventDefault(); rows.get(key).focus(); } },
            `${rows.get(key).field.label}: ${message}`)))) : null,
        unplaced.length ? h('ul', {}, unplaced.map((t) => h('li', { text: t }))) : null,
        actions.length ? h('div', { class: 'banner-actions' }, actions) : null));
    alert.hidden = false;
    if (listed.length) rows.get(listed[0][0]).focus();
  }

  function focusFirstError() {
    for (const row of rows.values()) if (row.hasError()) return row.focus();
  }

  form.addEventListener('input', refreshDirty);
  form.addEventListener('change', (event) => {
    refreshDirty();
    const key = event.target?.dataset?.field;
    if (key && onValidate) {
      touched.add(key);
      scheduleValidate();
    }
  });

  let validateTimer = null;
  let validateSeq = 0;
  function scheduleValidate() {
    clearTimeout(validateTimer);
    validateTimer = setTimeout(async () => {
      const seq = ++validateSeq;
      let errors;
      try {
        errors = await onValidate(collect());
      } catch {
        return; // validation is a courtesy; saving reports problems for real
      }
      if (seq !== validateSeq || !Array.isArray(errors)) return;
      const byKey = new Map();
      for (const e of errors) {
        const key = errorKey(e.field, keys);
        if (key && !byKey.has(key)) byKey.set(key, e.message);
      }
      for (const key of touched) rows.get(key)?.setError(byKey.get(key) || null);
    }, 400);
  }

  discard.addEventListener('click', () => {
    for (const row of rows.values()) row.reset();
    clearErrors();
    refreshDirty();
    status.textContent = 'Changes discarded';
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!onSubmit) return;
    clearErrors();
    status.textContent = 'Saving…';
    await busy(submitButton, async () => {
      try {
        await onSubmit(collect());
        status.textContent = '';
      } catch (error) {
        status.textContent = '';
        showProblem(error, error.actions || []);
      }
    });
  });

  // ---- one row per field ----------------------------------------------------------------

  function buildRow(field) {
    const key = field.key;
    const type = typeOf(field);
    const secret = isSecret(field);
    const inputId = `${prefix}-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const helpId = `${inputId}-help`;
    const noteId = `${inputId}-note`;
    const errorId = `${inputId}-error`;
    const stored = values[key];
    const inheritedInfo = audience === 'tenant' && levelOf(field) === 'both' ? inherited(key) : null;
    // Required is asked of the tenant; an operator default may always be left blank.
    const required = audience !== 'operator' && field.required === true;

    const described = [];
    const help = field.help ? h('p', { class: 'help', id: helpId, text: field.help }) : null;
    if (help) described.push(helpId);

    let noteText = null;
    if (inheritedInfo) {
      // The connection inherits either the operator's default or, failing that, the schema's.
      const who = inheritedInfo.value != null && inheritedInfo.value === field.default ? 'Default' : 'Operator default';
      noteText = inheritedInfo.value != null && !secret
        ? `${who} applies: “${inheritedInfo.value}”. Leave blank to use it.`
        : `${who} applies. Leave as is to use it.`;
    }
    const note = noteText ? h('p', { class: 'note', id: noteId, 'data-testid': `field-note-${key}` }, icon('info'), h('span', { text: noteText })) : null;
    if (note) described.push(noteId);

    const errorBox = h('p', { class: 'field-error', id: errorId, 'data-testid': `field-error-${key}`, hidden: true });

    const label = h('label', { for: inputId, class: 'field-label' },
      h('span', { text: field.label || key }),
      required ? [h('span', { class: 'req', 'aria-hidden': 'true', text: ' *' }), h('span', { class: 'sr-only', text: ' (required)' })] : null,
      audience === 'operator' ? h('span', { class: 'level-tag', text: levelOf(field) === 'both' ? 'Tenants may override' : 'Operator only' }) : null);
    const checkbox = type === 'boolean' && !secret;

    const common = {
      id: inputId, name: key, 'data-field': key, 'aria-required': required ? 'true' : null,
      'aria-describedby': described.join(' ') || null,
    };

    let control;
    let input;
    let read;
    let reset;
    let secretApi = null;

    if (secret) {
      secretApi = secretControl(field, common, isStoredSecret(stored), inheritedInfo);
      ({ control, input, read, reset } = secretApi);
    } else if (type === 'boolean') {
      const initial = stored != null ? String(stored) === 'true' : String(field.default) === 'true';
      input = h('input', { ...common, type: 'checkbox', checked: initial });
      control = h('div', { class: 'check-row' }, input, label);
      read = () => (input.checked ? 'true' : 'false');
      reset = () => { input.checked = initial; };
    } else if (type === 'choice') {
      const choices = Array.isArray(field.choices) ? field.choices : [];
      const initial = stored != null ? asText(stored) : inheritedInfo ? '' : asText(field.default);
      input = h('select', common,
        h('option', { value: '', text: inheritedInfo ? 'Use the operator default' : 'Choose…' }),
        choices.map((c) => h('option', { value: String(c), text: String(c) })));
      input.value = initial;
      control = input;
      read = () => (input.value === '' ? undefined : input.value);
      reset = () => { input.value = initial; };
    } else {
      const initial = stored != null ? asText(stored) : inheritedInfo ? '' : asText(field.default);
      input = h('input', {
        ...common,
        type: type === 'url' ? 'url' : 'text',
        value: initial,
        autocomplete: 'off',
        spellcheck: 'false',
        inputmode: type === 'url' ? 'url' : null,
        placeholder: inheritedInfo?.value || (type === 'url' ? 'https://' : null),
      });
      control = input;
      if (type === 'list') {
        const chips = h('ul', { class: 'chips', 'aria-hidden': 'true' });
        const drawChips = () => chips.replaceChildren(...input.value.split(',').map((s) => s.trim()).filter(Boolean)
          .map((s) => h('li', { class: 'chip', text: s })));
        input.addEventListener('input', drawChips);
        drawChips();
        const listHint = h('p', { class: 'help', id: `${inputId}-list`, text: 'Separate values with commas.' });
        input.setAttribute('aria-describedby', [...described, `${inputId}-list`].join(' '));
        control = h('div', { class: 'list-control' }, input, listHint, chips);
        reset = () => { input.value = initial; drawChips(); };
      } else {
        reset = () => { input.value = initial; };
      }
      read = () => (input.value.trim() === '' ? undefined : input.value.trim());
    }

    const element = h('div', { class: `field field-${type}${secret ? ' field-secret' : ''}`, dataset: { fieldRow: key } },
      checkbox ? null : label, control, errorBox, help, note);

    function setError(message) {
      const ids = new Set((input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean));
      if (message) {
        errorBox.replaceChildren(icon('alert'), h('span', { text: message }));
        errorBox.hidden = false;
        input.setAttribute('aria-invalid', 'true');
        ids.add(errorId);
        element.classList.add('has-error');
      } else {
        errorBox.hidden = true;
        errorBox.replaceChildren();
        input.removeAttribute('aria-invalid');
        ids.delete(errorId);
        element.classList.remove('has-error');
      }
      if (ids.size) input.setAttribute('aria-describedby', [...ids].join(' '));
      else input.removeAttribute('aria-describedby');
    }

    return {
      field, element, input, inputId, read, reset, setError,
      hasError: () => !errorBox.hidden,
      focus: () => {
        if (secretApi && input.closest('[hidden]')) secretApi.focusReplace();
        else input.focus();
      },
      markSet: () => secretApi?.markSet(),
    };
  }

  function secretControl(field, common, storedInitially, inheritedInfo) {
    let stored = storedInitially;
    let replacing = !stored;
    const key = field.key;
    const input = h('input', { ...common, type: 'password', autocomplete: 'new-password', spellcheck: 'false',
      placeholder: stored ? 'Enter a new value' : inheritedInfo ? 'Leave blank to use the operator default' : null });
    const pill = h('span', { class: 'pill', 'data-testid': `secret-state-${key}` });
    const replaceBtn = button('Replace', { small: true, testid: `secret-replace-${key}`,
      attrs: { 'aria-label': `Replace ${field.label || key}` } });
    const keepBtn = button('Keep current', { small: true, tone: 'ghost', testid: `secret-keep-${key}` });
    const showBtn = h('button', { type: 'button', class: 'btn btn-small btn-ghost', 'aria-pressed': 'false',
      'aria-label': `Show ${field.label || key}` }, icon('eye'), h('span', { text: 'Show' }));
    const generateBtn = onGenerate && offersGenerate(field)
      ? button('Generate strong token', { small: true, glyph: 'wand', testid: `generate-${key}` })
      : null;
    const entry = h('div', { class: 'secret-entry' }, input, showBtn, keepBtn);
    const control = h('div', { class: 'secret-control' },
      h('div', { class: 'secret-state' }, pill, replaceBtn, generateBtn), entry);

    function draw() {
      pill.textContent = stored ? 'Set' : 'Not set';
      pill.className = `pill ${stored ? 'pill-set' : 'pill-unset'}`;
      pill.prepend(icon(stored ? 'lock' : 'info'));
      replaceBtn.hidden = !stored || replacing;
      keepBtn.hidden = !stored;
      entry.hidden = !replacing;
      input.placeholder = stored ? 'Enter a new value' : inheritedInfo ? 'Leave blank to use the operator default' : '';
    }

    replaceBtn.addEventListener('click', () => {
      replacing = true;
      draw();
      input.focus();
    });
    keepBtn.addEventListener('click', () => {
      replacing = false;
      input.value = '';
      input.type = 'password';
      draw();
      form.dispatchEvent(new Event('input'));
      replaceBtn.focus();
    });
    showBtn.addEventListener('click', () => {
      const show = input.type === 'password';
      input.type = show ? 'text' : 'password';
      showBtn.setAttribute('aria-pressed', String(show));
      showBtn.querySelector('span').textContent = show ? 'Hide' : 'Show';
    });
    if (generateBtn) {
      generateBtn.addEventListener('click', () => busy(generateBtn, () => onGenerate(field)));
    }
    draw();

    return {
      control,
      input,
      // Untouched (or left blank) → null: the server keeps the stored value.
      read: () => (replacing && input.value !== '' ? input.value : null),
      reset: () => {
        replacing = !stored;
        input.value = '';
        draw();
      },
      markSet: () => {
        stored = true;
        replacing = false;
        input.value = '';
        draw();
      },
      focusReplace: () => replaceBtn.focus(),
    };
  }

  return {
    element: form,
    submitButton,
    values: collect,
    isDirty,
    showProblem,
    clearErrors,
    focusFirstError,
    setStatus: (text) => { status.textContent = text; },
    // A secret stored on its own (e.g. a generated token): other unsaved edits stay unsaved.
    markSecretSet: (key) => {
      rows.get(key)?.markSet();
      if (key in baseline) baseline[key] = null;
      refreshDirty();
    },
  };
}

/** 32 random bytes, base64url: a strong token for a secret such as a webhook Verify Token. */
export function strongToken() {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
