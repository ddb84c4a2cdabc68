// Plugboard admin UI: sign-in, hash router, shell and views.

import {
  h, icon, uid, connectorIcon, isHttpUrl, statusBadge, time, announce, toast, copyButton, copyField,
  openDialog, confirmDialog, button, linkButton, busy, banner, card, emptyState, spinner, prettyJson,
} from './dom.js';
import { api, session, identify, onUnauthorized, listOf, enc, catalog, connectorById, forgetCatalog } from './api.js';
import { createSetupForm, fieldsFor, operatorDefault, strongToken } from './forms.js';

const root = document.getElementById('app');
let me = session.key ? session.me : null;
let main = null; // <main> of the signed-in shell
let navLinks = new Map();
let currentView = null; // {isDirty()} of the page on screen
let lastHash = location.hash;
let renderSeq = 0;
let signInNotice = null;
let flash = null; // a banner carried over to the next page: {tone, title, detail}

const OAUTH_RETURN_ITEM = 'plugboard.oauthReturn';
const PAGE_SIZE = 20;

// ---- routes -----------------------------------------------------------------------------

const ROUTES = [
  { path: '/tenants', role: 'operator', nav: 'tenants', view: tenantsView },
  { path: '/tenants/:tenantId', role: 'operator', nav: 'tenants', view: tenantView },
  { path: '/tenants/:tenantId/marketplace', role: 'operator', nav: 'tenants', view: marketplaceView },
  { path: '/tenants/:tenantId/connections/:connectionId', role: 'any', nav: 'tenants', view: connectionView },
  { path: '/tenants/:tenantId/connections/:connectionId/events', role: 'any', nav: 'tenants', view: connectionView, tab: 'events' },
  { path: '/connectors', role: 'operator', nav: 'connectors', view: connectorsView },
  { path: '/connectors/:connectorId', role: 'operator', nav: 'connectors', view: defaultsView },
  { path: '/connectors/:connectorId/defaults', role: 'operator', nav: 'connectors', view: defaultsView },
  { path: '/connectors/:connectorId/unmatched-events', role: 'operator', nav: 'connectors', view: unmatchedView },
  { path: '/marketplace', role: 'tenant', nav: 'marketplace', view: marketplaceView },
  { path: '/connections', role: 'tenant', nav: 'connections', view: connectionsView },
  { path: '/connections/:connectionId', role: 'any', nav: 'connections', view: connectionView },
  { path: '/connections/:connectionId/events', role: 'any', nav: 'connections', view: connectionView, tab: 'events' },
].map((r) => ({
  ...r,
  regex: new RegExp(`^${r.path.replace(/:([A-Za-z]+)/g, '(?<$1>[^/]+)')}$`),
}));

function parseHash() {
  const raw = location.hash.replace(/^#/, '');
  const [path, qs] = raw.split('?');
  return { path: (path || '/').replace(/(.)\/+$/, '$1'), query: new URLSearchParams(qs || '') };
}

function match(path) {
  for (const route of ROUTES) {
    const m = route.regex.exec(path);
    if (m) {
      const params = {};
      try {
        for (const [k, v] of Object.entries(m.groups || {})) params[k] = decodeURIComponent(v);
      } catch {
        return null;
      }
      return { route, params };
    }
  }
  return null;
}

/** Where tenant-scoped pages live: a tenant's own key uses #/…, the operator #/tenants/{t}/…. */
function scopeFor(params) {
  if (me.role === 'operator' && params.tenantId) {
    return { tenantId: params.tenantId, base: `#/tenants/${enc(params.tenantId)}`, operator: true };
  }
  return { tenantId: me.tenantId, base: '#', operator: false };
}

function tenantPath(scope) {
  return `/tenants/${enc(scope.tenantId)}`;
}

function replaceHash(hash) {
  history.replaceState(history.state, '', hash);
  lastHash = location.hash;
}

// ---- navigation and guards ----------------------------------------------------------------

window.addEventListener('hashchange', () => {
  if (currentView?.isDirty?.()) {
    const target = location.hash;
    replaceHash(lastHash || '#/');
    confirmLeave().then((ok) => {
      if (ok) {
        currentView = null;
        location.hash = target;
      }
    });
    return;
  }
  lastHash = location.hash;
  render();
});

window.addEventListener('beforeunload', (event) => {
  if (currentView?.isDirty?.()) {
    event.preventDefault();
    event.returnValue = '';
  }
});

function confirmLeave() {
  return confirmDialog({
    title: 'Leave without saving?',
    message: 'You have unsaved changes on this page. If you leave now, they are lost.',
    confirmLabel: 'Leave without saving',
    danger: true,
    testid: 'unsaved-dialog',
  });
}

onUnauthorized(() => {
  if (!me) return;
  currentView = null;
  session.clear();
  me = null;
  signInNotice = 'Your session ended: the API key is no longer accepted. Sign in again.';
  render();
});

async function signOut() {
  if (currentView?.isDirty?.() && !(await confirmLeave())) return;
  currentView = null;
  session.clear();
  sessionStorage.removeItem(OAUTH_RETURN_ITEM);
  me = null;
  forgetCatalog();
  signInNotice = 'You are signed out. The API key was removed from this browser.';
  replaceHash('#/');
  render();
}

// ---- rendering ----------------------------------------------------------------------------

async function render() {
  const seq = ++renderSeq;
  if (!session.key || !me) {
    main = null;
    renderSignIn();
    return;
  }
  const { path, query } = parseHash();

  if (path === '/' || path === '') {
    replaceHash(me.role === 'operator' ? '#/tenants' : '#/connections');
    return render();
  }
  // A tenant may land on its own #/tenants/{id}/connections/… (e.g. from an OAuth redirect).
  const own = me.role === 'tenant' && me.tenantId ? `/tenants/${enc(me.tenantId)}/` : null;
  if (own && path.startsWith(own) && path.slice(own.length).startsWith('connections/')) {
    replaceHash(`#/${path.slice(own.length)}${query.toString() ? `?${query}` : ''}`);
    return render();
  }
  // The operator comes back from an OAuth dialog to #/connections/{c}: find its tenant again.
  const found = match(path);
  if (me.role === 'operator' && found?.params.connectionId && !found.params.tenantId) {
    const returns = JSON.parse(sessionStorage.getItem(OAUTH_RETURN_ITEM) || '{}');
    const tenantId = returns[found.params.connectionId];
    if (tenantId) {
      replaceHash(`#/tenants/${enc(tenantId)}${path}${query.toString() ? `?${query}` : ''}`);
      return render();
    }
  }

  ensureShell();
  const nav = found?.route.nav;
  for (const [key, link] of navLinks) {
    if (key === nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }

  currentView = null;
  main.setAttribute('aria-busy', 'true');
  main.replaceChildren(spinner());

  let result;
  try {
    if (!found) throw Object.assign(new Error('There is no page at this address.'), { status: 404 });
    const { route, params } = found;
    if (route.role !== 'any' && route.role !== me.role) {
      throw Object.assign(new Error(me.role === 'operator'
        ? 'This page is for tenants. As the operator, open a tenant to work on its connections.'
        : 'This page is for the platform operator.'), { status: 403 });
    }
    if (me.role === 'operator' && params.connectionId && !params.tenantId) {
      throw Object.assign(new Error('Connections belong to a tenant: open it from the tenant’s page.'), { status: 404 });
    }
    result = await route.view({ params, query, path, tab: route.tab || 'setup', scope: scopeFor(params) });
  } catch (error) {
    if (seq !== renderSeq || !me) return;
    result = { title: 'Problem', node: errorPage(error) };
  }
  if (seq !== renderSeq || !me) return;
  main.replaceChildren(result.node);
  main.removeAttribute('aria-busy');
  currentView = result;
  document.title = `${result.title} · Plugboard`;
  const heading = main.querySelector('h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
  window.scrollTo(0, 0);
}

function errorPage(error) {
  const back = me?.role === 'operator' ? ['Back to tenants', '#/tenants'] : ['Back to connections', '#/connections'];
  if (error.status === 404 || error.status === 403) {
    return h('div', { class: 'page' }, h('h1', { class: 'sr-only', text: error.status === 404 ? 'Not found' : 'Not allowed' }),
      emptyState(error.status === 404 ? 'search' : 'shield', error.status === 404 ? 'Not found' : 'Not allowed',
        error.message, linkButton(back[0], back[1], { tone: 'primary' })));
  }
  return h('div', { class: 'page' }, h('h1', { text: 'Something went wrong' }),
    banner('error', 'This page could not be loaded', error.message, { dismissible: false,
      actions: [button('Try again', { glyph: 'refresh', onClick: () => render() })] }));
}

function ensureShell() {
  if (main && root.contains(main)) return;
  const items = me.role === 'operator'
    ? [['tenants', 'Tenants', '#/tenants', 'users'], ['connectors', 'Connectors', '#/connectors', 'sliders']]
    : [['connections', 'Connections', '#/connections', 'link'], ['marketplace', 'Marketplace', '#/marketplace', 'grid']];
  navLinks = new Map();
  const navList = h('ul', {}, items.map(([key, label, href, glyph]) => {
    const a = h('a', { href, 'data-testid': `nav-${key}` }, icon(glyph), h('span', { text: label }));
    navLinks.set(key, a);
    return h('li', {}, a);
  }));
  const who = me.role === 'operator'
    ? h('div', { class: 'who', 'data-testid': 'who' }, h('span', { class: 'who-role', text: 'Operator' }), h('span', { class: 'who-name', text: 'Platform admin' }))
    : h('div', { class: 'who', 'data-testid': 'who' }, h('span', { class: 'who-role', text: 'Tenant' }),
      h('span', { class: 'who-name', text: me.tenantName || me.tenantId || '' }));
  main = h('main', { id: 'main', tabindex: '-1', class: 'main' });
  root.replaceChildren(
    skipLink(),
    h('div', { class: 'shell' },
      h('header', { class: 'sidebar' },
        h('a', { class: 'brand', href: '#/' }, icon('plug', 'brand-icon'), h('span', { text: 'Plugboard' })),
        who,
        h('nav', { 'aria-label': 'Main', class: 'nav' }, navList),
        h('button', { type: 'button', class: 'btn btn-ghost signout', 'data-testid': 'sign-out', onClick: signOut },
          icon('logout'), h('span', { text: 'Sign out' }))),
      main));
}

function skipLink() {
  return h('a', { href: '#/', class: 'skip-link', onClick: (e) => {
    e.preventDefault();
    const target = document.getElementById('main');
    target?.focus();
  } }, 'Skip to content');
}

function pageHead({ crumbs = [], title, subtitle, iconNode, badge, actions }) {
  return h('div', { class: 'page-head' },
    crumbs.length ? h('nav', { 'aria-label': 'Breadcrumb', class: 'crumbs' },
      h('ol', {}, crumbs.map(([label, href]) => h('li', {}, href ? h('a', { href, text: label }) : h('span', { 'aria-current': 'page', text: label }))))) : null,
    h('div', { class: 'title-row' },
      iconNode || null,
      h('div', { class: 'title-text' }, h('h1', { text: title, 'data-testid': 'page-title' }),
        subtitle ? h('p', { class: 'subtitle' }, subtitle) : null),
      badge || null,
      actions ? h('div', { class: 'head-actions' }, actions) : null));
}

function takeFlash() {
  const f = flash;
  flash = null;
  return f ? banner(f.tone, f.title, f.detail, { testid: 'flash' }) : null;
}

/** A cursor-paged list: loads pages of {items, next} and offers "Load more". */
function pagedList({ load, renderItem, empty, testid, listClass = 'rows', moreTestid }) {
  const list = h('ul', { class: listClass, 'data-testid': testid });
  const more = button('Load more', { testid: moreTestid || (testid ? `${testid}-more` : undefined), glyph: 'chevron', attrs: { hidden: true } });
  const info = h('div', { class: 'list-status', role: 'status' });
  const element = h('div', { class: 'paged' }, list, info, more);
  let next = null;
  let count = 0;

  async function page(after) {
    const { items, next: n } = await load(after);
    next = n || null;
    for (const item of items) list.append(renderItem(item));
    count += items.length;
    more.hidden = !next;
    if (count === 0 && empty) info.replaceChildren(empty);
    else info.replaceChildren();
    return items.length;
  }

  async function reload() {
    list.replaceChildren();
    count = 0;
    info.replaceChildren(spinner());
    more.hidden = true;
    try {
      await page(null);
    } catch (error) {
      info.replaceChildren(banner('error', 'Could not load the list', error.message, { dismissible: false,
        actions: [button('Try again', { glyph: 'refresh', onClick: reload })] }));
    }
  }

  more.addEventListener('click', () => busy(more, async () => {
    const before = list.children.length;
    try {
      const added = await page(next);
      announce(`${added} more loaded`);
      list.children[before]?.querySelector('a, summary, button')?.focus();
    } catch (error) {
      toast(error.message, 'error');
    }
  }));

  reload();
  return { element, reload, list, prepend: (item) => { list.prepend(renderItem(item)); info.replaceChildren(); count += 1; } };
}

// ---- sign-in ------------------------------------------------------------------------------

function renderSignIn() {
  document.title = 'Sign in · Plugboard';
  const keyId = uid('key');
  const tenantIdInput = uid('tenant');
  const keyInput = h('input', { id: keyId, type: 'password', autocomplete: 'off', spellcheck: 'false', required: true,
    'aria-required': 'true', 'data-testid': 'signin-key', 'aria-describedby': `${keyId}-help` });
  const showBtn = h('button', { type: 'button', class: 'btn btn-ghost btn-small', 'aria-pressed': 'false', 'aria-label': 'Show API key' },
    icon('eye'), h('span', { text: 'Show' }));
  showBtn.addEventListener('click', () => {
    const show = keyInput.type === 'password';
    keyInput.type = show ? 'text' : 'password';
    showBtn.setAttribute('aria-pressed', String(show));
    showBtn.lastChild.textContent = show ? 'Hide' : 'Show';
  });
  const tenantInput = h('input', { id: tenantIdInput, type: 'text', autocomplete: 'off', spellcheck: 'false', 'data-testid': 'signin-tenant' });
  const tenantRow = h('div', { class: 'field', hidden: true },
    h('label', { for: tenantIdInput, class: 'field-label', text: 'Tenant ID' }), tenantInput,
    h('p', { class: 'help', text: 'This platform does not say which tenant a key belongs to. Enter the tenant ID your operator gave you.' }));
  const error = h('p', { class: 'form-alert', role: 'alert', 'data-testid': 'signin-error', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'signin-submit' },
    h('span', { text: 'Sign in' }));
  const showError = (message) => {
    error.replaceChildren(icon('alert'), h('span', { text: message }));
    error.hidden = false;
  };

  const form = h('form', { class: 'signin-form', novalidate: true, 'data-testid': 'signin-form' },
    h('div', { class: 'field' },
      h('label', { for: keyId, class: 'field-label', text: 'API key' }),
      h('div', { class: 'secret-entry' }, keyInput, showBtn),
      h('p', { class: 'help', id: `${keyId}-help`, text: 'Operators use the platform’s admin key; tenants use a key created for them by the operator.' })),
    tenantRow, error, submit);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.hidden = true;
    keyInput.removeAttribute('aria-invalid');
    const key = keyInput.value.trim();
    if (!key) {
      keyInput.setAttribute('aria-invalid', 'true');
      showError('Enter your API key.');
      keyInput.focus();
      return;
    }
    busy(submit, async () => {
      try {
        const who = await identify(key);
        if (who.role === 'tenant' && !who.tenantId) {
          const tenantId = tenantInput.value.trim();
          if (tenantRow.hidden || !tenantId) {
            tenantRow.hidden = false;
            showError('Enter your tenant ID to continue.');
            tenantInput.focus();
            return;
          }
          try {
            await api(`/tenants/${enc(tenantId)}/connections`, { auth: key, query: { limit: 1 } });
          } catch (e) {
            showError(e.status === 404 || e.status === 403 ? 'This key does not belong to that tenant ID.' : e.message);
            tenantInput.focus();
            return;
          }
          who.tenantId = tenantId;
        }
        session.start(key, who);
        me = who;
        signInNotice = null;
        forgetCatalog();
        // A deep link meant for the other role (e.g. left over from an earlier session) goes home.
        const role = match(parseHash().path)?.route.role;
        if (role && role !== 'any' && role !== who.role) replaceHash('#/');
        render();
      } catch (e) {
        showError(e.status === 401 ? 'This API key was not accepted. Check it and try again.' : e.message);
        keyInput.setAttribute('aria-invalid', 'true');
        keyInput.focus();
      }
    });
  });

  const mainEl = h('main', { id: 'main', class: 'signin', tabindex: '-1' },
    h('div', { class: 'signin-card' },
      h('div', { class: 'brand brand-lg' }, icon('plug', 'brand-icon'), h('span', { text: 'Plugboard' })),
      h('h1', { text: 'Sign in' }),
      h('p', { class: 'muted', text: 'Manage tenants, install connectors and set them up.' }),
      signInNotice ? banner('info', signInNotice, null, { testid: 'signin-notice', dismissible: false }) : null,
      form,
      h('p', { class: 'muted small privacy' }, icon('lock'),
        h('span', { text: 'Your key is kept only in this browser tab. Signing out or closing the tab forgets it.' }))));
  root.replaceChildren(skipLink(), mainEl);
  keyInput.focus();
}

// ---- operator: tenants ---------------------------------------------------------------------

async function tenantsView() {
  const inputId = uid('tenant-name');
  const nameInput = h('input', { id: inputId, type: 'text', autocomplete: 'off', maxlength: '200', 'data-testid': 'tenant-name-input',
    'aria-required': 'true', placeholder: 'e.g. Acme Ltd' });
  const nameError = h('p', { class: 'field-error', id: `${inputId}-error`, 'data-testid': 'tenant-name-error', hidden: true });
  const createBtn = button('Create tenant', { tone: 'primary', type: 'submit', glyph: 'plus', testid: 'tenant-create' });
  const setNameError = (message) => {
    nameError.replaceChildren(...(message ? [icon('alert'), h('span', { text: message })] : []));
    nameError.hidden = !message;
    if (message) {
      nameInput.setAttribute('aria-invalid', 'true');
      nameInput.setAttribute('aria-describedby', nameError.id);
      nameInput.focus();
    } else {
      nameInput.removeAttribute('aria-invalid');
      nameInput.removeAttribute('aria-describedby');
    }
  };
  const createForm = h('form', { class: 'inline-form', novalidate: true, 'data-testid': 'tenant-create-form' },
    h('div', { class: 'field grow' }, h('label', { for: inputId, class: 'field-label', text: 'Name' }), nameInput, nameError),
    createBtn);
  createForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = nameInput.value.trim();
    if (!name) return setNameError('Enter a name for the tenant.');
    setNameError(null);
    return busy(createBtn, async () => {
      try {
        const res = await api('/tenants', { method: 'POST', body: { name } });
        const id = res.data?.id || idFromLocation(res.headers);
        flash = { tone: 'success', title: `Tenant “${name}” created`, detail: 'Next: create an API key so the tenant can sign in.' };
        location.hash = `#/tenants/${enc(id)}`;
      } catch (error) {
        const fieldError = error.fieldErrors?.find((e) => e.field === 'name');
        setNameError(fieldError?.message || error.message);
      }
    });
  });

  const list = pagedList({
    testid: 'tenant-list',
    load: (after) => api('/tenants', { query: { after, limit: 50 } }).then((r) => listOf(r.data)),
    empty: emptyState('users', 'No tenants yet', 'Create the first one above.'),
    renderItem: (t) => {
      const row = h('li', { class: 'row', 'data-testid': `tenant-row-${t.id}` },
        h('span', { class: 'avatar', 'aria-hidden': 'true', text: (t.name || '?').charAt(0).toUpperCase() }),
        h('div', { class: 'row-main' },
          h('a', { href: `#/tenants/${enc(t.id)}`, class: 'row-title', text: t.name || t.id }),
          h('div', { class: 'row-meta' }, h('code', { text: t.id }), t.createdAt ? [' · created ', time(t.createdAt)] : null)),
        h('div', { class: 'row-actions' },
          button('Delete', { tone: 'danger-ghost', small: true, glyph: 'trash', testid: `tenant-delete-${t.id}`,
            attrs: { 'aria-label': `Delete tenant ${t.name || t.id}` },
            onClick: async () => {
              if (await deleteTenant(t)) row.remove();
            } })));
      return row;
    },
  });

  return {
    title: 'Tenants',
    node: h('div', { class: 'page' },
      pageHead({ title: 'Tenants', subtitle: 'Each tenant is one of your customers, fully isolated from the others.' }),
      takeFlash(),
      card('New tenant', { testid: 'tenant-create-card' }, createForm),
      card('All tenants', { testid: 'tenants-card' }, list.element)),
  };
}

function idFromLocation(headers) {
  const location = headers?.get('Location');
  return location ? decodeURIComponent(location.split('?')[0].split('/').filter(Boolean).pop()) : '';
}

async function deleteTenant(t) {
  const ok = await confirmDialog({
    title: `Delete tenant “${t.name || t.id}”?`,
    message: ['Its connections, stored secrets, tokens, API keys and received events are deleted.', 'This cannot be undone.'],
    confirmLabel: 'Delete tenant',
    danger: true,
  });
  if (!ok) return false;
  try {
    await api(`/tenants/${enc(t.id)}`, { method: 'DELETE' });
    toast(`Tenant “${t.name || t.id}” deleted`);
    return true;
  } catch (error) {
    toast(error.message, 'error');
    return false;
  }
}

async function tenantView({ params }) {
  const { data: tenant } = await api(`/tenants/${enc(params.tenantId)}`);
  const scope = scopeFor(params);
  const name = tenant.name || tenant.id;

  // API keys
  const reveal = h('div', { class: 'reveal-host' });
  const keyList = h('ul', { class: 'rows', 'data-testid': 'apikey-list' });
  const keyInfo = h('div', { class: 'list-status' }, spinner());
  const keyRow = (k) => {
    const revoked = Boolean(k.revokedAt) || k.status === 'REVOKED' || k.revoked === true;
    const row = h('li', { class: `row ${revoked ? 'is-revoked' : ''}`, 'data-testid': `apikey-row-${k.id}` },
      h('span', { class: 'avatar avatar-key', 'aria-hidden': 'true' }, icon('key')),
      h('div', { class: 'row-main' },
        h('span', { class: 'row-title' }, h('code', { text: k.prefix ? `${k.prefix}…` : k.id })),
        h('div', { class: 'row-meta' }, k.prefix ? [h('code', { text: k.id }), ' · '] : null, 'created ', time(k.createdAt),
          revoked ? [' · revoked ', time(k.revokedAt)] : null)),
      h('span', { class: `pill ${revoked ? 'pill-unset' : 'pill-set'}`, text: revoked ? 'Revoked' : 'Active' }),
      revoked ? null : h('div', { class: 'row-actions' },
        button('Revoke', { tone: 'danger-ghost', small: true, testid: `apikey-revoke-${k.id}`,
          attrs: { 'aria-label': `Revoke key ${k.prefix || k.id}` },
          onClick: async () => {
            const ok = await confirmDialog({ title: 'Revoke this API key?', danger: true, confirmLabel: 'Revoke key',
              message: 'Anything that uses it — scripts, integrations, people signed in with it — stops working at once.' });
            if (!ok) return;
            try {
              await api(`/tenants/${enc(tenant.id)}/api-keys/${enc(k.id)}`, { method: 'DELETE' });
              row.replaceWith(keyRow({ ...k, revokedAt: new Date().toISOString() }));
              toast('API key revoked');
            } catch (error) {
              toast(error.message, 'error');
            }
          } })));
    return row;
  };
  api(`/tenants/${enc(tenant.id)}/api-keys`).then(({ data }) => {
    const { items } = listOf(data);
    keyList.append(...items.map(keyRow));
    keyInfo.replaceChildren(items.length ? '' : h('p', { class: 'muted', text: 'No API keys yet. Create one so the tenant can sign in and use the API.' }));
  }).catch((error) => {
    keyInfo.replaceChildren(h('p', { class: 'muted', text: error.status === 404 || error.status === 405
      ? 'This platform does not list existing keys. Keys you create now appear here.' : `Keys could not be listed: ${error.message}` }));
  });

  const createKey = button('Create API key', { tone: 'primary', glyph: 'key', testid: 'apikey-create' });
  createKey.addEventListener('click', () => busy(createKey, async () => {
    try {
      const { data } = await api(`/tenants/${enc(tenant.id)}/api-keys`, { method: 'POST', body: {} });
      const value = h('code', { class: 'copy-value', 'data-testid': 'apikey-value', text: data.key });
      const box = h('div', { class: 'secret-reveal', 'data-testid': 'apikey-reveal', tabindex: '-1' },
        h('div', { class: 'secret-reveal-head' }, icon('key'), h('strong', { text: 'New API key' })),
        h('p', { text: 'Copy it now and hand it to the tenant: it is shown only once and stored only as a hash.' }),
        h('div', { class: 'copy-row' }, value, copyButton(value, { testid: 'copy-apikey', what: 'API key' })),
        button('Done, I copied it', { small: true, tone: 'ghost', testid: 'apikey-reveal-done', onClick: () => {
          box.remove();
          createKey.focus();
        } }));
      reveal.replaceChildren(box);
      keyInfo.replaceChildren();
      keyList.prepend(keyRow({ id: data.id, prefix: data.prefix, createdAt: data.createdAt || new Date().toISOString() }));
      box.focus();
      announce('API key created. Copy it now; it is shown only once.');
    } catch (error) {
      toast(error.message, 'error');
    }
  }));

  const connections = pagedList({
    testid: 'tenant-connections',
    load: (after) => loadConnections(scope, after),
    empty: emptyState('link', 'No connections', 'This tenant has not installed any connector yet.'),
    renderItem: (c) => connectionRow(c, scope),
  });

  const deleteBtn = button('Delete tenant', { tone: 'danger', glyph: 'trash', testid: 'tenant-delete', onClick: async () => {
    if (await deleteTenant(tenant)) location.hash = '#/tenants';
  } });

  return {
    title: name,
    node: h('div', { class: 'page' },
      pageHead({
        crumbs: [['Tenants', '#/tenants'], [name]],
        title: name,
        iconNode: h('span', { class: 'avatar avatar-lg', 'aria-hidden': 'true', text: name.charAt(0).toUpperCase() }),
        subtitle: [h('span', { text: 'Tenant ID ' }), h('code', { 'data-testid': 'tenant-id', text: tenant.id }),
          tenant.createdAt ? [' · created ', time(tenant.createdAt)] : null],
      }),
      takeFlash(),
      card('API keys', { testid: 'apikeys-card', actions: createKey,
        description: 'A tenant signs in here and calls the API with one of its keys.' }, reveal, keyList, keyInfo),
      card('Connections', { testid: 'tenant-connections-card',
        actions: linkButton('Install a connector', `${scope.base}/marketplace`, { glyph: 'plus', testid: 'tenant-install' }) },
      connections.element),
      card('Danger zone', { tone: 'danger', testid: 'tenant-danger',
        description: 'Deleting the tenant removes its connections, secrets, keys and events.' }, deleteBtn)),
  };
}

// ---- operator: connectors, defaults, unmatched events ----------------------------------------

async function connectorsView() {
  const connectors = await catalog();
  return {
    title: 'Connectors',
    node: h('div', { class: 'page' },
      pageHead({ title: 'Connectors', subtitle: 'Set defaults that apply to every tenant, and see shared-app webhook events that matched no connection.' }),
      connectors.length
        ? h('ul', { class: 'card-grid' }, connectors.map((c) => {
          const operatorFields = fieldsFor(c, 'operator').length;
          return h('li', { class: 'card connector-card', 'data-testid': `connector-card-${c.id}` },
            connectorHead(c),
            c.description ? h('p', { class: 'cc-desc', text: c.description }) : null,
            h('p', { class: 'muted small', text: operatorFields ? `${operatorFields} field${operatorFields > 1 ? 's' : ''} the operator may set` : 'No operator-level fields' }),
            h('div', { class: 'cc-foot cc-foot-start' },
              linkButton('Defaults', `#/connectors/${enc(c.id)}/defaults`, { small: true, glyph: 'sliders', testid: `connector-defaults-${c.id}` }),
              c.capabilities?.webhooks !== false
                ? linkButton('Unmatched events', `#/connectors/${enc(c.id)}/unmatched-events`, { small: true, glyph: 'inbox', testid: `connector-unmatched-${c.id}` })
                : null));
        }))
        : emptyState('grid', 'No connectors', 'No connector plugin is loaded on this platform.')),
  };
}

function connectorHead(c, level = 2) {
  return h('div', { class: 'cc-head' }, connectorIcon(c, 'lg'),
    h('div', {}, h(`h${level}`, { class: 'cc-name', text: c.name || c.id }),
      h('p', { class: 'muted small', text: [c.version ? `v${c.version}` : null, authLabel(c)].filter(Boolean).join(' · ') })));
}

function authKind(connector) {
  const a = connector?.authorization;
  const kind = String((a && typeof a === 'object' ? a.kind || a.type : a) || '').toLowerCase();
  if (kind.includes('oauth')) return 'oauth2';
  if (kind.includes('key')) return 'api-key';
  if (kind === 'none' || kind === '') return 'none';
  return kind;
}

function authLabel(connector) {
  return { oauth2: 'OAuth 2', 'api-key': 'API key', none: 'No authorization' }[authKind(connector)] || null;
}

function connectorTabs(connector, active) {
  return h('nav', { class: 'tabs', 'aria-label': 'Connector sections' },
    h('a', { href: `#/connectors/${enc(connector.id)}/defaults`, 'aria-current': active === 'defaults' ? 'page' : null, 'data-testid': 'tab-defaults' }, icon('sliders'), 'Defaults'),
    connector.capabilities?.webhooks !== false
      ? h('a', { href: `#/connectors/${enc(connector.id)}/unmatched-events`, 'aria-current': active === 'unmatched' ? 'page' : null, 'data-testid': 'tab-unmatched' }, icon('inbox'), 'Unmatched events')
      : null);
}

/** Setup values as stored, for a PUT that changes one secret: other secrets stay (null). */
function storedSetup(setup) {
  const out = {};
  for (const [k, v] of Object.entries(setup || {})) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && 'set' in v ? null : v;
  }
  return out;
}

function splitDefaults(data) {
  if (data && typeof data.setup === 'object' && data.setup !== null) return { values: data.setup, meta: data };
  return { values: data || {}, meta: {} };
}

async function defaultsView({ params }) {
  const connector = await connectorById(params.connectorId);
  const path = `/connectors/${enc(connector.id)}/defaults`;
  const state = { values: {}, etag: null, meta: {} };
  const load = async () => {
    const res = await api(path);
    const { values, meta } = splitDefaults(res.data);
    Object.assign(state, { values, meta, etag: res.headers.get('ETag') || meta.version || null });
  };
  await load();

  const fields = fieldsFor(connector, 'operator');
  const formHost = h('div');
  let form = null;

  const save = async (values) => {
    const res = await api(path, { method: 'PUT', body: values, ifMatch: state.etag });
    return res;
  };

  function drawForm(statusText) {
    if (!fields.length) {
      form = null;
      formHost.replaceChildren(emptyState('sliders', 'Nothing to set here', 'Every field of this connector is set by each tenant on its own connection.'));
      return;
    }
    form = createSetupForm({
      fields, values: state.values, audience: 'operator', testid: 'defaults-form', submitLabel: 'Save defaults',
      onSubmit: async (values) => {
        try {
          await save(values);
        } catch (error) {
          throw conflictAware(error, () => { load().then(() => drawForm()); });
        }
        await load();
        drawForm('Defaults saved');
        toast('Defaults saved');
        form?.submitButton.focus();
      },
      onGenerate: async (field) => {
        const token = await generateSecret(field, Boolean(state.values[field.key]?.set), async (value) => {
          await save({ ...storedSetup(state.values), [field.key]: value });
          await load();
        });
        if (token) form.markSecretSet(field.key);
      },
    });
    if (statusText) form.setStatus(statusText);
    formHost.replaceChildren(form.element);
  }
  drawForm();

  const sharedWebhook = connector.capabilities?.webhooks !== false
    ? state.meta.webhookUrl || `${location.origin}/webhooks/apps/${enc(connector.id)}` : null;
  const redirectUri = state.meta.redirectUri || (authKind(connector) === 'oauth2' ? `${location.origin}/connector/callback` : null);

  return {
    title: `${connector.name} defaults`,
    isDirty: () => form?.isDirty() ?? false,
    node: h('div', { class: 'page' },
      pageHead({ crumbs: [['Connectors', '#/connectors'], [connector.name || connector.id]], title: connector.name || connector.id,
        iconNode: connectorIcon(connector, 'lg'), subtitle: 'Defaults for every tenant' }),
      connectorTabs(connector, 'defaults'),
      h('div', { class: 'columns' },
        card('Operator defaults', { testid: 'defaults-card',
          description: 'Values set here apply to all tenants’ connections. Where a tenant may override a field, its own value wins.' }, formHost),
        sharedWebhook || redirectUri ? card('Shared app', { testid: 'shared-app-card',
          description: 'When all tenants use your one app, give the provider these addresses.' },
        sharedWebhook ? copyField('Shared-app webhook URL', sharedWebhook, { testid: 'shared-webhook-url',
          help: 'Deliveries are routed to the tenant connection whose routing key (e.g. the Page ID) matches.' }) : null,
        redirectUri ? copyField('OAuth redirect URI', redirectUri, { testid: 'shared-redirect-uri',
          help: 'Add it to the app’s allowed OAuth redirect URIs.' }) : null) : null)),
  };
}

async function unmatchedView({ params }) {
  const connector = await connectorById(params.connectorId);
  const list = pagedList({
    testid: 'events-list',
    listClass: 'events',
    load: (after) => api(`/connectors/${enc(connector.id)}/unmatched-events`, { query: { after, limit: PAGE_SIZE } }).then((r) => listOf(r.data)),
    empty: emptyState('inbox', 'No unmatched events', 'Every delivery to the shared-app webhook found its connection.'),
    renderItem: eventItem,
  });
  return {
    title: `${connector.name} unmatched events`,
    node: h('div', { class: 'page' },
      pageHead({ crumbs: [['Connectors', '#/connectors'], [connector.name || connector.id]], title: connector.name || connector.id,
        iconNode: connectorIcon(connector, 'lg'), subtitle: 'Events kept aside by the shared-app webhook' }),
      connectorTabs(connector, 'unmatched'),
      card('Unmatched events', { testid: 'unmatched-card',
        description: 'Deliveries whose routing key (e.g. a Page ID) matched no connection are kept here, oldest first, never dropped.',
        actions: button('Refresh', { small: true, glyph: 'refresh', testid: 'events-refresh', onClick: () => list.reload() }) },
      list.element)),
  };
}

// ---- events -------------------------------------------------------------------------------

function eventItem(event) {
  const json = h('pre', { class: 'json', 'data-testid': 'event-json', tabindex: '0', 'aria-label': 'Event JSON' },
    prettyJson(event.payload ?? event));
  return h('li', { class: 'event', 'data-testid': 'event-item', dataset: { eventId: event.id ?? '' } },
    h('details', {},
      h('summary', {},
        icon('chevron', 'disclosure'),
        h('span', { class: 'tag tag-kind', text: event.kind || 'event' }),
        h('span', { class: 'event-id' }, h('code', { text: event.externalId || event.id || '' })),
        event.routingKey ? h('span', { class: 'muted small event-route' }, 'routing key ', h('code', { text: event.routingKey })) : null,
        h('span', { class: 'event-time muted small' }, time(event.receivedAt))),
      h('div', { class: 'event-body' },
        h('dl', { class: 'meta-grid' },
          h('dt', { text: 'Event ID' }), h('dd', {}, h('code', { text: String(event.id ?? '—') })),
          h('dt', { text: 'External ID' }), h('dd', {}, h('code', { text: String(event.externalId ?? '—') })),
          h('dt', { text: 'Routing key' }), h('dd', {}, h('code', { text: String(event.routingKey ?? '—') })),
          h('dt', { text: 'Received' }), h('dd', {}, time(event.receivedAt))),
        h('div', { class: 'json-head' }, h('span', { class: 'small muted', text: 'Payload' }), copyButton(json, { what: 'event JSON', testid: 'copy-event-json' })),
        json)));
}

// ---- tenant: marketplace and connections ---------------------------------------------------

function loadConnections(scope, after, limit = PAGE_SIZE) {
  return api(`${tenantPath(scope)}/connections`, { query: { after, limit } }).then((r) => listOf(r.data));
}

async function tenantCrumb(scope) {
  if (!scope.operator) return null;
  try {
    const { data } = await api(`/tenants/${enc(scope.tenantId)}`);
    return data.name || scope.tenantId;
  } catch {
    return scope.tenantId;
  }
}

async function marketplaceView({ scope }) {
  const [connectors, installed, tenantName] = await Promise.all([
    catalog(),
    loadConnections(scope, null, 100).then((l) => l.items).catch(() => []),
    tenantCrumb(scope),
  ]);
  const counts = new Map();
  for (const c of installed) counts.set(c.connectorId, (counts.get(c.connectorId) || 0) + 1);

  const searchId = uid('search');
  const search = h('input', { id: searchId, type: 'search', placeholder: 'Search connectors', autocomplete: 'off',
    'data-testid': 'marketplace-search' });
  const categories = [...new Set(connectors.flatMap((c) => c.categories || []))].sort((a, b) => a.localeCompare(b));
  let activeCategory = null;
  const chips = categories.length ? h('div', { class: 'chip-filter', role: 'group', 'aria-label': 'Filter by category' },
    [null, ...categories].map((cat) => {
      const chip = h('button', { type: 'button', class: 'filter-chip', 'aria-pressed': cat === null ? 'true' : 'false',
        'data-testid': `category-${cat ?? 'all'}`, text: cat ?? 'All' });
      chip.addEventListener('click', () => {
        activeCategory = cat;
        for (const other of chip.parentElement.children) other.setAttribute('aria-pressed', String(other === chip));
        filter();
      });
      return chip;
    })) : null;
  const resultInfo = h('p', { class: 'muted small', role: 'status', 'data-testid': 'marketplace-count' });

  const cards = connectors.map((c) => {
    const count = counts.get(c.id) || 0;
    const installBtn = button('Install', { tone: 'primary', glyph: 'plus', testid: 'install-button',
      attrs: { 'aria-label': `Install ${c.name || c.id}` }, onClick: () => installDialog(c, scope, installed) });
    const el = h('li', { class: 'card connector-card', 'data-testid': `connector-card-${c.id}`, dataset: { connector: c.id } },
      connectorHead(c),
      c.description ? h('p', { class: 'cc-desc', text: c.description }) : null,
      (c.categories || []).length ? h('ul', { class: 'tags', 'aria-label': 'Categories' }, c.categories.map((cat) => h('li', { class: 'tag', text: cat }))) : null,
      h('div', { class: 'cc-foot' },
        count ? h('a', { class: 'installed-link small', href: scope.operator ? scope.base : '#/connections', 'data-testid': 'installed-count' },
          icon('check'), `Installed${count > 1 ? ` ×${count}` : ''}`) : h('span'),
        installBtn));
    const haystack = [c.name, c.id, c.description, ...(c.categories || [])].join(' ').toLowerCase();
    return { el, connector: c, haystack };
  });

  function filter() {
    const q = search.value.trim().toLowerCase();
    let shown = 0;
    for (const { el, connector, haystack } of cards) {
      const visible = (!q || haystack.includes(q)) && (!activeCategory || (connector.categories || []).includes(activeCategory));
      el.hidden = !visible;
      if (visible) shown += 1;
    }
    resultInfo.textContent = `${shown} connector${shown === 1 ? '' : 's'}`;
    noMatch.hidden = shown > 0 || connectors.length === 0;
  }
  const noMatch = emptyState('search', 'No connector matches', 'Try another word or category.');
  search.addEventListener('input', filter);

  const node = h('div', { class: 'page' },
    pageHead({
      crumbs: scope.operator ? [['Tenants', '#/tenants'], [tenantName, scope.base], ['Marketplace']] : [],
      title: 'Marketplace',
      subtitle: scope.operator ? `Installing for tenant “${tenantName}”` : 'Install a connector, set it up, authorize it, and its events start arriving.',
    }),
    connectors.length ? h('div', { class: 'toolbar' },
      h('div', { class: 'search' }, h('label', { for: searchId, class: 'sr-only', text: 'Search connectors' }), icon('search'), search),
      chips, resultInfo) : null,
    connectors.length ? h('ul', { class: 'card-grid', 'data-testid': 'marketplace' }, cards.map((c) => c.el)) : emptyState('grid', 'The marketplace is empty', 'No connector is available on this platform yet.'),
    noMatch);
  filter();
  return { title: 'Marketplace', node };
}

async function installDialog(connector, scope, installed) {
  const taken = new Set(installed.map((c) => c.name));
  let name = connector.name || connector.id;
  for (let i = 2; taken.has(name); i += 1) name = `${connector.name || connector.id} ${i}`;
  const nameId = uid('install-name');
  const descId = uid('install-desc');
  const nameInput = h('input', { id: nameId, type: 'text', value: name, autocomplete: 'off', 'aria-required': 'true', 'data-testid': 'install-name', maxlength: '200' });
  const descInput = h('textarea', { id: descId, rows: '2', 'data-testid': 'install-description', maxlength: '1000' });
  let createdId = null;
  const result = await openDialog({
    title: `Install ${connector.name || connector.id}`,
    testid: 'install-dialog',
    body: [
      h('p', { class: 'muted', text: 'Give this connection a name you will recognise, e.g. the Facebook app or Page it is for. You can install the same connector several times.' }),
      h('div', { class: 'field' }, h('label', { for: nameId, class: 'field-label' }, 'Name', h('span', { class: 'req', 'aria-hidden': 'true', text: ' *' })), nameInput),
      h('div', { class: 'field' }, h('label', { for: descId, class: 'field-label' }, 'Description ', h('span', { class: 'muted', text: '(optional)' })), descInput),
    ],
    buttons: [
      { label: 'Cancel', value: null, testid: 'install-cancel' },
      { label: 'Install', value: 'install', tone: 'primary', testid: 'install-confirm' },
    ],
    onSubmit: async () => {
      const body = { connectorId: connector.id, name: nameInput.value.trim() };
      if (!body.name) {
        nameInput.setAttribute('aria-invalid', 'true');
        nameInput.focus();
        throw new Error('Enter a name for the connection.');
      }
      if (descInput.value.trim()) body.description = descInput.value.trim();
      const res = await api(`${tenantPath(scope)}/connections`, { method: 'POST', body });
      createdId = res.data?.id || idFromLocation(res.headers);
      return true;
    },
  });
  if (result === 'install' && createdId) {
    flash = { tone: 'success', title: `${connector.name || connector.id} installed`, detail: 'Next: fill in the setup below and save it.' };
    location.hash = `${scope.base}/connections/${enc(createdId)}`;
  }
}

function connectionRow(c, scope) {
  const row = h('li', { class: 'row', 'data-testid': `connection-row-${c.id}` },
    h('span', { class: 'row-icon' }),
    h('div', { class: 'row-main' },
      h('a', { href: `${scope.base}/connections/${enc(c.id)}`, class: 'row-title', text: c.name || c.id }),
      h('div', { class: 'row-meta' }, h('span', { class: 'connector-name', text: c.connectorId }),
        c.description ? [' · ', h('span', { text: c.description })] : null,
        c.updatedAt ? [' · updated ', time(c.updatedAt)] : null)),
    statusBadge(c.status));
  // The connector's icon and name arrive from the catalog without blocking the list.
  connectorById(c.connectorId).then((connector) => {
    row.querySelector('.row-icon').replaceWith(connectorIcon(connector, 'md'));
    row.querySelector('.connector-name').textContent = connector.name || c.connectorId;
  }).catch(() => {});
  return row;
}

async function connectionsView({ scope }) {
  const list = pagedList({
    testid: 'connection-list',
    load: (after) => loadConnections(scope, after),
    empty: emptyState('link', 'No connections yet', 'Install a connector from the marketplace to get started.',
      linkButton('Browse the marketplace', '#/marketplace', { tone: 'primary', glyph: 'grid', testid: 'empty-marketplace' })),
    renderItem: (c) => connectionRow(c, scope),
  });
  return {
    title: 'Connections',
    node: h('div', { class: 'page' },
      pageHead({ title: 'Connections', subtitle: 'The connectors you installed, and where each one stands.',
        actions: linkButton('Install a connector', '#/marketplace', { tone: 'primary', glyph: 'plus', testid: 'connections-install' }) }),
      takeFlash(),
      card(null, { testid: 'connections-card' }, list.element)),
  };
}

// ---- a connection -------------------------------------------------------------------------

const OAUTH_ERRORS = {
  access_denied: 'The authorization was cancelled in the provider’s dialog.',
  invalid_state: 'The authorization link expired or was already used. Start again with Authorize.',
};

function outcomeBanner(query, connector) {
  if (query.get('authorized') === '1' || query.get('authorized') === 'true') {
    return banner('success', 'Authorized', `${connector.name || 'The provider'} granted access. The connection is ready.`, { testid: 'oauth-outcome' });
  }
  if (query.has('error')) {
    const code = query.get('error');
    const detail = query.get('message') || OAUTH_ERRORS[code] || `The provider answered “${code}”.`;
    return banner('error', 'Authorization failed', detail, { testid: 'oauth-outcome' });
  }
  return null;
}

function stepper(status, connector) {
  const oauth = authKind(connector) === 'oauth2';
  const steps = ['Set up', ...(oauth ? ['Authorize'] : []), 'Connected'];
  const index = { NEEDS_SETUP: 0, NEEDS_AUTHORIZATION: oauth ? 1 : 0, CONNECTED: steps.length, ERROR: steps.length - 1 }[status] ?? 0;
  return h('ol', { class: 'steps', 'aria-label': 'Progress', 'data-testid': 'steps' }, steps.map((label, i) => {
    const stateName = i < index ? 'done' : i === index ? (status === 'ERROR' ? 'error' : 'current') : 'todo';
    return h('li', { class: `step step-${stateName}`, 'aria-current': stateName === 'current' || stateName === 'error' ? 'step' : null },
      h('span', { class: 'step-dot', 'aria-hidden': 'true' }, stateName === 'done' ? icon('check') : stateName === 'error' ? icon('alert') : String(i + 1)),
      h('span', { text: label }),
      h('span', { class: 'sr-only', text: { done: ' (done)', current: ' (next step)', error: ' (needs attention)', todo: '' }[stateName] }));
  }));
}

function nextStepText(status, connector) {
  switch (status) {
    case 'NEEDS_SETUP': return 'Fill in the setup fields marked required, then save.';
    case 'NEEDS_AUTHORIZATION': return `Authorize with ${connector.name || 'the provider'} to finish.`;
    case 'CONNECTED': return connector.capabilities?.webhooks !== false
      ? 'Everything is set. Events sent to the webhook URL show up under Events.' : 'Everything is set.';
    case 'ERROR': return 'Something is wrong with this connection. Test it to see why; authorizing again often helps.';
    default: return '';
  }
}

/** A 412 on save gets a clear message and a way to reload. */
function conflictAware(error, reload) {
  if (error.status === 412) {
    error.problem = { ...error.problem, title: 'Changed elsewhere' };
    error.message = 'Someone else changed this setup since you opened it. Reload to see the latest values, then make your changes again.';
    error.actions = [button('Reload latest', { glyph: 'refresh', testid: 'reload-latest', onClick: reload })];
  }
  return error;
}

/**
 * Generates a strong token for a secret field, stores it with `store(token)` and shows it once.
 * Returns the token, or null when cancelled or failed.
 */
async function generateSecret(field, alreadySet, store) {
  if (alreadySet) {
    const ok = await confirmDialog({
      title: `Replace the ${field.label || field.key}?`,
      message: 'A new random token replaces the stored one. Until you paste the new token into the provider’s webhook settings, its verification requests fail.',
      confirmLabel: 'Generate new token',
    });
    if (!ok) return null;
  }
  const token = strongToken();
  try {
    await store(token);
  } catch (error) {
    toast(`${field.label || field.key} not stored: ${error.message}`, 'error');
    return null;
  }
  const value = h('code', { class: 'copy-value token', 'data-testid': 'generated-token', text: token });
  await openDialog({
    title: `New ${field.label || field.key}`,
    testid: 'token-dialog',
    body: [
      h('p', {}, h('strong', { text: 'Stored. ' }), 'Copy it now: it is a secret and will not be shown again.'),
      h('div', { class: 'copy-row' }, value, copyButton(value, { testid: 'copy-generated-token', what: field.label || 'token' })),
      h('p', { class: 'muted', text: 'Paste it into the Verify Token box of the provider’s webhook settings (for Facebook: App dashboard → Webhooks), together with the webhook URL.' }),
    ],
    buttons: [{ label: 'Done', value: 'done', tone: 'primary', testid: 'token-dialog-done', autofocus: true }],
  });
  toast(`${field.label || field.key} stored`);
  return token;
}

async function connectionView({ params, query, path, tab, scope }) {
  const connPath = `${tenantPath(scope)}/connections/${enc(params.connectionId)}`;
  const state = { connection: null, etag: null };
  const loadConnection = async () => {
    const res = await api(connPath);
    state.connection = res.data;
    state.etag = res.headers.get('ETag') || res.data.version;
  };
  const [, tenantName] = await Promise.all([loadConnection(), tenantCrumb(scope)]);
  const connector = await connectorById(state.connection.connectorId).catch(() => ({ id: state.connection.connectorId, name: state.connection.connectorId, authFields: [] }));
  const capabilities = connector.capabilities || {};
  const hasWebhooks = capabilities.webhooks !== false;
  const canTest = capabilities.connectionTest !== false;
  const oauth = authKind(connector) === 'oauth2';
  const base = `${scope.base}/connections/${enc(params.connectionId)}`;

  // The outcome of an OAuth round trip arrives in the address; show it once, then drop it.
  const outcome = outcomeBanner(query, connector);
  if (query.toString()) replaceHash(`#${path}`);
  if (scope.operator && outcome) {
    const returns = JSON.parse(sessionStorage.getItem(OAUTH_RETURN_ITEM) || '{}');
    delete returns[params.connectionId];
    sessionStorage.setItem(OAUTH_RETURN_ITEM, JSON.stringify(returns));
  }

  const headHost = h('div');
  const stepsHost = h('div');
  const nextStep = h('p', { class: 'next-step', 'data-testid': 'next-step' });
  const actionAlert = h('div', { class: 'action-alert', 'data-testid': 'action-alert' });
  const testResult = h('div', { class: 'test-result', role: 'status', 'data-testid': 'test-result' });
  const authorizeBtn = oauth ? button('Authorize', { glyph: 'shield', testid: 'authorize' }) : null;
  authorizeBtn?.addEventListener('click', () => busy(authorizeBtn, authorize));
  const testBtn = canTest ? button('Test connection', { glyph: 'zap', testid: 'test-connection' }) : null;
  testBtn?.addEventListener('click', () => busy(testBtn, runTest));
  const summary = h('section', { class: 'card status-card', 'aria-label': 'Status and next step' },
    stepsHost,
    h('div', { class: 'status-row' }, nextStep, h('div', { class: 'status-actions' }, authorizeBtn, testBtn)),
    actionAlert, testResult);
  const formHost = h('div');
  let form = null;

  const crumbs = scope.operator
    ? [['Tenants', '#/tenants'], [tenantName, scope.base], [null]]
    : [['Connections', '#/connections'], [null]];

  function drawSummary() {
    const c = state.connection;
    crumbs[crumbs.length - 1] = [c.name || c.id];
    headHost.replaceChildren(pageHead({
      crumbs,
      title: c.name || c.id,
      iconNode: connectorIcon(connector, 'lg'),
      subtitle: [h('span', { text: connector.name || c.connectorId }), connector.version ? ` · v${connector.version}` : null,
        c.description ? [' · ', h('span', { text: c.description })] : null],
      badge: statusBadge(c.status),
    }));
    stepsHost.replaceChildren(stepper(c.status, connector));
    nextStep.textContent = nextStepText(c.status, connector);
    if (authorizeBtn) {
      authorizeBtn.querySelector('span').textContent = c.status === 'CONNECTED' ? 'Authorize again' : 'Authorize';
      authorizeBtn.classList.toggle('btn-primary', c.status === 'NEEDS_AUTHORIZATION' || c.status === 'ERROR');
    }
  }

  async function refreshSummary() {
    try {
      await loadConnection();
      drawSummary();
    } catch { /* the page stays as it is */ }
  }

  function showActionError(title, error) {
    actionAlert.replaceChildren(banner('error', title, error.message, { testid: 'action-error' }));
  }

  async function saveSetup(values) {
    try {
      await api(`${connPath}/setup`, { method: 'PUT', body: values, ifMatch: state.etag });
    } catch (error) {
      throw conflictAware(error, () => reloadAll());
    }
    await loadConnection();
  }

  async function reloadAll() {
    await loadConnection();
    drawSummary();
    drawForm();
  }

  function drawForm(statusText) {
    const fields = fieldsFor(connector, 'tenant');
    if (!fields.length) {
      form = null;
      formHost.replaceChildren(h('p', { class: 'muted', text: 'This connector needs no setup.' }));
      return;
    }
    form = createSetupForm({
      fields,
      values: state.connection.setup || {},
      audience: 'tenant',
      inherited: (key) => operatorDefault(state.connection, key),
      testid: 'setup-form',
      submitLabel: 'Save setup',
      onSubmit: async (values) => {
        await saveSetup(values);
        drawSummary();
        drawForm('Saved');
        form?.submitButton.focus();
        toast('Setup saved');
      },
      onValidate: async (values) => {
        try {
          const { data } = await api(`${connPath}/setup/validate`, { method: 'POST', body: values });
          return Array.isArray(data?.errors) ? data.errors : [];
        } catch (error) {
          if (error.status === 422) return error.fieldErrors;
          throw error;
        }
      },
      onGenerate: async (field) => {
        const token = await generateSecret(field, Boolean(state.connection.setup?.[field.key]?.set), async (value) => {
          await saveSetup({ ...storedSetup(state.connection.setup), [field.key]: value });
        });
        if (token) {
          form.markSecretSet(field.key);
          drawSummary();
        }
      },
    });
    if (statusText) form.setStatus(statusText);
    formHost.replaceChildren(form.element);
  }

  async function authorize() {
    actionAlert.replaceChildren();
    if (form?.isDirty()) {
      const choice = await openDialog({
        title: 'Save the setup first?',
        testid: 'authorize-save-dialog',
        body: [h('p', { text: 'Authorization uses the saved setup, and you have unsaved changes.' })],
        buttons: [
          { label: 'Cancel', value: null, testid: 'authorize-save-cancel' },
          { label: 'Save and authorize', value: 'save', tone: 'primary', testid: 'authorize-save-confirm' },
        ],
      });
      if (choice !== 'save') return;
      try {
        await saveSetup(form.values());
        drawSummary();
        drawForm();
      } catch (error) {
        form.showProblem(error, error.actions || []);
        return;
      }
    }
    try {
      const { data } = await api(`${connPath}/authorize`, { method: 'POST' });
      if (!isHttpUrl(data?.authorizationUrl)) throw new Error('The platform did not return an authorization address.');
      if (scope.operator) {
        const returns = JSON.parse(sessionStorage.getItem(OAUTH_RETURN_ITEM) || '{}');
        returns[params.connectionId] = scope.tenantId;
        sessionStorage.setItem(OAUTH_RETURN_ITEM, JSON.stringify(returns));
      }
      currentView = null; // leaving on purpose: no unsaved-changes prompt
      announce('Opening the authorization page…');
      location.assign(data.authorizationUrl);
    } catch (error) {
      showActionError('Could not start authorization', error);
    }
  }

  async function runTest() {
    actionAlert.replaceChildren();
    testResult.replaceChildren(spinner('Testing…'));
    try {
      const { data } = await api(`${connPath}/test`, { method: 'POST' });
      const ok = data?.ok === true;
      testResult.replaceChildren(h('div', { class: `result result-${ok ? 'ok' : 'fail'}`, dataset: { ok: String(ok) } },
        icon(ok ? 'check' : 'alert'),
        h('div', {}, h('strong', { text: ok ? 'Connection works' : 'Test failed' }), data?.message ? h('p', { text: data.message }) : null)));
    } catch (error) {
      testResult.replaceChildren(h('div', { class: 'result result-fail', dataset: { ok: 'false' } }, icon('alert'),
        h('div', {}, h('strong', { text: 'Test failed' }), h('p', { text: error.message }))));
    }
    await refreshSummary();
  }

  // ---- the setup tab ----
  function setupTab() {
    drawForm();
    const c = state.connection;
    const endpoints = (hasWebhooks && c.webhookUrl) || (oauth && c.redirectUri) ? card('Addresses for the provider', { testid: 'endpoints-card' },
      hasWebhooks && c.webhookUrl ? copyField('Webhook URL', c.webhookUrl, { testid: 'webhook-url',
        help: 'Paste it as the callback URL in the provider’s webhook settings (Facebook: App dashboard → Webhooks), with the Verify Token.' }) : null,
      oauth && c.redirectUri ? copyField('Redirect URI', c.redirectUri, { testid: 'redirect-uri',
        help: 'Add it to the app’s allowed OAuth redirect URIs (Facebook: Facebook Login → Settings → Valid OAuth Redirect URIs).' }) : null) : null;

    // What the authorization reaches (for Messenger, the Pages), by name and id; never tokens.
    const resources = Array.isArray(c.resources) && c.resources.length
      ? card('Authorized for', { testid: 'resources-card' },
      h('ul', { class: 'rows', 'data-testid': 'resource-list' }, c.resources.map((r) =>
        h('li', { class: 'row', 'data-testid': `resource-${r.id}` },
          h('div', { class: 'row-main' }, h('span', { class: 'row-title', text: r.name || r.id }),
            h('div', { class: 'row-meta' }, h('code', { text: r.id })))))),
      c.authorizedAt ? h('p', { class: 'muted small' }, 'Authorized ', time(c.authorizedAt)) : null)
      : null;

    return h('div', { class: 'columns' },
      h('div', { class: 'col-main' },
        card('Setup', { testid: 'setup-card', description: 'Secrets are write-only: once stored they are never shown again, only whether they are set.' }, formHost)),
      h('div', { class: 'col-side' },
        resources,
        endpoints,
        setupLinkCard(),
        card('Uninstall', { tone: 'danger', testid: 'uninstall-card', headingLevel: 2,
          description: 'Removes the connection with its secrets, tokens and events.' },
        button('Uninstall', { tone: 'danger', glyph: 'trash', testid: 'uninstall', onClick: uninstall }))));
  }

  function setupLinkCard() {
    const selectId = uid('expiry');
    const select = h('select', { id: selectId, 'data-testid': 'setup-link-expiry' },
      [[3600, '1 hour'], [86400, '1 day'], [604800, '7 days']].map(([v, label]) => h('option', { value: String(v), text: label })));
    select.value = '86400';
    const out = h('div', { class: 'setup-link-out', 'data-testid': 'setup-link-result' });
    const create = button('Create setup link', { glyph: 'link', testid: 'setup-link-create' });
    create.addEventListener('click', () => busy(create, async () => {
      try {
        const { data } = await api(`${connPath}/setup-links`, { method: 'POST', body: { expiresInSeconds: Number(select.value) } });
        const url = new URL(data.url, location.origin).href;
        out.replaceChildren(
          copyField('Setup link', url, { testid: 'setup-link-url' }),
          h('p', { class: 'muted small' }, icon('clock'), ' Single use. Expires ', time(data.expiresAt), '.'));
        out.querySelector('.copy-btn')?.focus();
        announce('Setup link created');
      } catch (error) {
        out.replaceChildren(banner('error', 'Could not create a link', error.message, { testid: 'setup-link-error' }));
      }
    }));
    return card('Setup link for your customer', { testid: 'setup-link-card',
      description: 'Someone without an API key can fill in this connection’s setup and authorize it — nothing else.' },
    h('div', { class: 'inline-form' },
      h('div', { class: 'field' }, h('label', { for: selectId, class: 'field-label', text: 'Link expires after' }), select),
      create),
    out);
  }

  async function uninstall() {
    const c = state.connection;
    const ok = await confirmDialog({
      title: `Uninstall “${c.name || c.id}”?`,
      message: ['Its setup, secrets, tokens and received events are deleted, and its webhook URL stops accepting deliveries.', 'This cannot be undone.'],
      confirmLabel: 'Uninstall',
      danger: true,
    });
    if (!ok) return;
    try {
      await api(connPath, { method: 'DELETE' });
      currentView = null;
      toast(`“${c.name || c.id}” uninstalled`);
      location.hash = scope.operator ? scope.base : '#/connections';
    } catch (error) {
      showActionError('Could not uninstall', error);
    }
  }

  // ---- the events tab ----
  function eventsTab() {
    const list = pagedList({
      testid: 'events-list',
      listClass: 'events',
      load: (after) => api(`${connPath}/events`, { query: { after, limit: PAGE_SIZE } }).then((r) => listOf(r.data)),
      empty: emptyState('inbox', 'No events yet', hasWebhooks ? 'Events the provider sends to this connection’s webhook URL appear here, oldest first.' : 'This connector does not receive webhooks.'),
      renderItem: eventItem,
    });
    const sendResult = h('div', { role: 'status', 'data-testid': 'test-event-result' });
    const sendBtn = hasWebhooks ? button('Send a test event', { glyph: 'send', testid: 'send-test-event' }) : null;
    sendBtn?.addEventListener('click', () => busy(sendBtn, async () => {
      sendResult.replaceChildren();
      try {
        const { data } = await api(`${connPath}/test-event`, { method: 'POST' });
        sendResult.replaceChildren(h('div', { class: 'result result-ok' }, icon('check'),
          h('div', {}, h('strong', { text: 'Test event sent' }),
            h('p', { text: data?.message || 'A signed sample delivery was posted to this connection’s webhook URL.' }))));
        list.reload();
      } catch (error) {
        sendResult.replaceChildren(h('div', { class: 'result result-fail' }, icon('alert'),
          h('div', {}, h('strong', { text: 'The test event was not accepted' }), h('p', { text: error.message }))));
      }
    }));
    return card('Received events', { testid: 'events-card',
      description: 'Webhook events stored for this connection, oldest first. Open one to see its JSON.',
      actions: [sendBtn, button('Refresh', { glyph: 'refresh', testid: 'events-refresh', onClick: () => list.reload() })] },
    sendResult, list.element);
  }

  drawSummary();
  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Connection sections' },
    h('a', { href: base, 'aria-current': tab === 'setup' ? 'page' : null, 'data-testid': 'tab-setup' }, icon('sliders'), 'Setup'),
    h('a', { href: `${base}/events`, 'aria-current': tab === 'events' ? 'page' : null, 'data-testid': 'tab-events' }, icon('inbox'), 'Events'));

  return {
    title: state.connection.name || 'Connection',
    isDirty: () => form?.isDirty() ?? false,
    node: h('div', { class: 'page' }, headHost, outcome, takeFlash(), summary, tabs, tab === 'events' ? eventsTab() : setupTab()),
  };
}

// ---- start ----------------------------------------------------------------------------------

render();
