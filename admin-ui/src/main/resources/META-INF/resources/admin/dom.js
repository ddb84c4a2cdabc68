// DOM helpers shared by the admin app and the setup-link page.
// Everything that comes from the API is written with textContent or setAttribute, never as
// HTML: connector names, descriptions and event payloads are untrusted.

/**
 * Builds an element. props: class, text, dataset, on<Event> handlers, boolean/property values
 * (checked, disabled, value…) and any other attribute. Children may be nodes, strings, arrays,
 * null or false (skipped).
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value == null || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name === 'text') el.textContent = value;
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (typeof value !== 'string' && name in el) el[name] = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

let idCounter = 0;
export function uid(prefix = 'id') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

// Icons: small stroke drawings on a 24×24 grid, built as SVG nodes.
const ICONS = {
  plug: [['path', 'M9 2v6M15 2v6M6 8h12v4a6 6 0 0 1-12 0V8zM12 18v4']],
  users: [['circle', { cx: 9, cy: 8, r: 4 }], ['path', 'M2 21a7 7 0 0 1 14 0M16 4.5a4 4 0 0 1 0 7M18 14.5a6 6 0 0 1 4 6.5']],
  grid: [['path', 'M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h6v6h-6z']],
  link: [['path', 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1']],
  sliders: [['path', 'M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12'], ['circle', { cx: 16, cy: 6, r: 2 }], ['circle', { cx: 10, cy: 12, r: 2 }], ['circle', { cx: 18, cy: 18, r: 2 }]],
  inbox: [['path', 'M3 13l3-8h12l3 8v6H3v-6zM3 13h5l1 3h6l1-3h5']],
  copy: [['path', 'M9 9h11v11H9zM5 15H4V4h11v1']],
  check: [['path', 'M5 12.5l4.5 4.5L19 7']],
  x: [['path', 'M6 6l12 12M18 6L6 18']],
  alert: [['path', 'M12 3.5l9.5 16.5h-19zM12 10v4.5M12 17.2v.3']],
  info: [['circle', { cx: 12, cy: 12, r: 9 }], ['path', 'M12 11v6M12 7.5v.3']],
  key: [['circle', { cx: 8, cy: 15, r: 4 }], ['path', 'M11 12l9-9M16.5 6.5l3 3M14 9l2 2']],
  trash: [['path', 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3']],
  refresh: [['path', 'M20 12a8 8 0 1 1-2.4-5.7M20 4v5h-5']],
  logout: [['path', 'M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9']],
  lock: [['path', 'M5 11h14v10H5zM8 11V7a4 4 0 0 1 8 0v4']],
  search: [['circle', { cx: 11, cy: 11, r: 7 }], ['path', 'M20 20l-4-4']],
  zap: [['path', 'M13 2L4 14h7l-1 8 9-12h-7z']],
  send: [['path', 'M21 3L10 14M21 3l-7 18-4-7-7-4z']],
  external: [['path', 'M14 4h6v6M20 4l-9 9M18 14v6H4V6h6']],
  eye: [['path', 'M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12z'], ['circle', { cx: 12, cy: 12, r: 3 }]],
  plus: [['path', 'M12 5v14M5 12h14']],
  wand: [['path', 'M4 20L15 9M13 7l4 4M17 2.5v3M20.5 6h-3M19.5 3.5l-1.5 1.5M8 3v3M9.5 4.5h-3']],
  shield: [['path', 'M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z']],
  clock: [['circle', { cx: 12, cy: 12, r: 9 }], ['path', 'M12 7v5l3 2']],
  chevron: [['path', 'M9 6l6 6-6 6']],
};

export function icon(name, extraClass = '') {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', `icon ${extraClass}`.trim());
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const [tag, attrs] of ICONS[name] || []) {
    const part = document.createElementNS(ns, tag);
    if (typeof attrs === 'string') part.setAttribute('d', attrs);
    else for (const [k, v] of Object.entries(attrs)) part.setAttribute(k, String(v));
    svg.append(part);
  }
  return svg;
}

/** A connector's icon: its iconUrl when it is on this origin (or a data: URL), else a monogram. */
export function connectorIcon(connector, size = 'md') {
  const box = h('span', { class: `conn-icon conn-icon-${size}`, 'aria-hidden': 'true' });
  const monogram = () => {
    box.classList.add('monogram');
    box.replaceChildren(document.createTextNode(initials(connector?.name || connector?.id || '?')));
  };
  const src = safeImageUrl(connector?.iconUrl);
  if (src) {
    const img = h('img', { src, alt: '', loading: 'lazy', decoding: 'async' });
    img.addEventListener('error', monogram, { once: true });
    box.append(img);
  } else monogram();
  return box;
}

function initials(name) {
  const words = String(name).split(/[\s_-]+/).filter(Boolean);
  return ((words[0]?.[0] || '?') + (words[1]?.[0] || '')).toUpperCase();
}

/** The UI calls no host but the platform: other origins are refused. */
export function safeImageUrl(value) {
  if (!value || typeof value !== 'string') return null;
  if (/^data:image\/(png|gif|jpe?g|webp|svg\+xml)[;,]/i.test(value)) return value;
  try {
    const url = new URL(value, document.baseURI);
    return url.origin === location.origin ? url.href : null;
  } catch {
    return null;
  }
}

/** Only http(s) URLs may be followed (authorization dialogs, setup links). */
export function isHttpUrl(value) {
  try {
    const url = new URL(value, document.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

// ---- status badges ----------------------------------------------------------------------

const STATUS = {
  NEEDS_SETUP: ['Needs setup', 'amber', 'sliders'],
  NEEDS_AUTHORIZATION: ['Needs authorization', 'blue', 'lock'],
  CONNECTED: ['Connected', 'green', 'check'],
  ERROR: ['Error', 'red', 'alert'],
};

export function statusBadge(status, testid = 'status-badge') {
  const [text, tone, glyph] = STATUS[status] || [String(status || 'Unknown'), 'grey', 'info'];
  return h('span', { class: `badge badge-${tone}`, 'data-testid': testid, dataset: { status: status || '' } },
    icon(glyph), h('span', { text }));
}

// ---- dates ------------------------------------------------------------------------------

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function time(value) {
  if (!value) return h('span', { class: 'muted', text: '—' });
  const date = new Date(typeof value === 'number' && value < 1e12 ? value * 1000 : value);
  if (Number.isNaN(date.getTime())) return h('span', { text: String(value) });
  return h('time', { datetime: date.toISOString(), title: date.toISOString(), text: dateFormat.format(date) });
}

// ---- live announcements, toasts ---------------------------------------------------------

export function announce(message) {
  const live = document.getElementById('live');
  if (!live) return;
  live.textContent = '';
  // A separate task so that screen readers notice the same text twice in a row.
  setTimeout(() => { live.textContent = message; }, 50);
}

export function toast(message, tone = 'success') {
  const host = document.getElementById('toasts');
  if (!host) return;
  const item = h('div', { class: `toast toast-${tone}`, role: tone === 'error' ? 'alert' : 'status' },
    icon(tone === 'error' ? 'alert' : 'check'), h('span', { text: message }));
  host.append(item);
  setTimeout(() => item.classList.add('leaving'), 4500);
  setTimeout(() => item.remove(), 5000);
}

// ---- copy to clipboard ------------------------------------------------------------------

/**
 * A button that copies the text of `source` (an element, or a function returning a string).
 * Falls back to selecting the text when the clipboard API is unavailable (plain http).
 */
export function copyButton(source, { label = 'Copy', testid, what = 'value' } = {}) {
  const text = h('span', { text: label });
  const btn = h('button', { type: 'button', class: 'btn btn-small btn-ghost copy-btn', 'data-testid': testid,
    'aria-label': `Copy ${what}` }, icon('copy'), text);
  btn.addEventListener('click', async () => {
    const value = typeof source === 'function' ? source() : source.textContent;
    let ok = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(value);
        ok = true;
      }
    } catch { /* fall through to the selection fallback */ }
    if (!ok && source instanceof Element) {
      selectText(source);
      try { ok = document.execCommand('copy'); } catch { ok = false; }
    }
    text.textContent = ok ? 'Copied' : 'Press Ctrl+C';
    btn.classList.toggle('copied', ok);
    announce(ok ? `${capitalize(what)} copied to the clipboard` : `${capitalize(what)} selected; press Control C to copy`);
    setTimeout(() => { text.textContent = label; btn.classList.remove('copied'); }, 2000);
  });
  return btn;
}

function selectText(el) {
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    el.focus();
    el.select();
    return;
  }
  const range = document.createRange();
  range.selectNodeContents(el);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

function capitalize(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A read-only value with a copy button, e.g. a webhook URL. */
export function copyField(label, value, { testid, help } = {}) {
  const valueId = uid('copy');
  const code = h('code', { class: 'copy-value', id: valueId, 'data-testid': testid, text: value || '' });
  return h('div', { class: 'copy-field' },
    h('div', { class: 'copy-label', id: `${valueId}-label`, text: label }),
    h('div', { class: 'copy-row' }, code,
      copyButton(code, { testid: testid ? `copy-${testid}` : undefined, what: label.toLowerCase() })),
    help ? h('p', { class: 'help', text: help }) : null);
}

// ---- dialogs ----------------------------------------------------------------------------

/**
 * Opens a modal <dialog>. buttons: [{label, value, tone, testid, autofocus}]. Resolves with the
 * chosen button's value, or null when dismissed with Escape. `onSubmit(value)` may return false
 * to keep the dialog open (e.g. while a request fails).
 */
export function openDialog({ title, body = [], buttons, testid, onSubmit }) {
  const opener = document.activeElement;
  const titleId = uid('dlg');
  const footer = h('div', { class: 'dialog-actions' });
  const errorBox = h('p', { class: 'form-alert', role: 'alert', hidden: true });
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, 'data-testid': testid },
    h('form', { method: 'dialog', class: 'dialog-form', novalidate: true },
      h('h2', { id: titleId, text: title }),
      h('div', { class: 'dialog-body' }, body),
      errorBox,
      footer));
  document.body.append(dialog);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value) => {
      if (settled) return;
      settled = true;
      dialog.close();
      dialog.remove();
      if (opener && opener.isConnected && typeof opener.focus === 'function') opener.focus();
      resolve(value);
    };
    for (const b of buttons) {
      const btn = h('button', { type: b.value === null ? 'button' : 'submit', class: `btn ${b.tone ? `btn-${b.tone}` : ''}`,
        'data-testid': b.testid, autofocus: b.autofocus || false, text: b.label });
      btn.addEventListener('click', async (event) => {
        event.preventDefault();
        if (b.value === null || !onSubmit) return finish(b.value);
        errorBox.hidden = true;
        btn.disabled = true;
        try {
          const result = await onSubmit(b.value);
          if (result !== false) finish(b.value);
        } catch (error) {
          errorBox.textContent = error?.message || 'Something went wrong.';
          errorBox.hidden = false;
        } finally {
          btn.disabled = false;
        }
      });
      footer.append(btn);
    }
    dialog.addEventListener('cancel', (event) => { event.preventDefault(); finish(null); });
    // Enter in a text input submits with the last (primary) button.
    dialog.querySelector('form').addEventListener('submit', (event) => {
      event.preventDefault();
      footer.lastElementChild?.click();
    });
    dialog.showModal();
    const first = dialog.querySelector('[autofocus]') || dialog.querySelector('input, select, textarea');
    if (first) first.focus();
  });
}

/** A yes/no confirmation; the safe choice has focus. Resolves true when confirmed. */
export async function confirmDialog({ title, message, confirmLabel = 'Confirm', danger = false, testid = 'confirm-dialog' }) {
  const result = await openDialog({
    title,
    testid,
    body: (Array.isArray(message) ? message : [message]).map((m) => (m instanceof Node ? m : h('p', { text: m }))),
    buttons: [
      { label: 'Cancel', value: null, testid: 'confirm-cancel', autofocus: true },
      { label: confirmLabel, value: 'ok', tone: danger ? 'danger' : 'primary', testid: 'confirm-ok' },
    ],
  });
  return result === 'ok';
}

// ---- small building blocks --------------------------------------------------------------

export function button(label, { tone, glyph, testid, onClick, type = 'button', small = false, attrs = {} } = {}) {
  return h('button', { type, class: `btn ${tone ? `btn-${tone}` : ''} ${small ? 'btn-small' : ''}`.trim(),
    'data-testid': testid, onClick, ...attrs }, glyph ? icon(glyph) : null, h('span', { text: label }));
}

export function linkButton(label, href, { tone, glyph, testid, small = false } = {}) {
  return h('a', { href, class: `btn ${tone ? `btn-${tone}` : ''} ${small ? 'btn-small' : ''}`.trim(), 'data-testid': testid },
    glyph ? icon(glyph) : null, h('span', { text: label }));
}

/** Runs an async action with the button disabled and marked busy. */
export async function busy(btn, action) {
  btn.disabled = true;
  btn.setAttribute('aria-busy', 'true');
  btn.classList.add('is-busy');
  try {
    return await action();
  } finally {
    btn.disabled = false;
    btn.removeAttribute('aria-busy');
    btn.classList.remove('is-busy');
  }
}

export function banner(tone, title, detail, { testid, dismissible = true, actions = [] } = {}) {
  const box = h('div', { class: `banner banner-${tone}`, role: tone === 'error' ? 'alert' : 'status', 'data-testid': testid },
    icon(tone === 'error' ? 'alert' : tone === 'success' ? 'check' : 'info'),
    h('div', { class: 'banner-text' }, h('strong', { text: title }), detail ? h('p', { text: detail }) : null,
      actions.length ? h('div', { class: 'banner-actions' }, actions) : null));
  if (dismissible) {
    box.append(h('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Dismiss', onClick: () => box.remove() }, icon('x')));
  }
  return box;
}

export function card(title, { description, actions, testid, tone, headingLevel = 2 } = {}, ...content) {
  return h('section', { class: `card ${tone ? `card-${tone}` : ''}`.trim(), 'data-testid': testid },
    title ? h('header', { class: 'card-head' },
      h('div', {}, h(`h${headingLevel}`, { text: title }), description ? h('p', { class: 'muted', text: description }) : null),
      actions ? h('div', { class: 'card-actions' }, actions) : null) : null,
    content);
}

export function emptyState(glyph, title, text, action) {
  return h('div', { class: 'empty' }, icon(glyph, 'empty-icon'), h('h3', { text: title }), text ? h('p', { text }) : null, action || null);
}

export function spinner(label = 'Loading…') {
  return h('div', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('span', { text: label }));
}

export function prettyJson(value) {
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}
