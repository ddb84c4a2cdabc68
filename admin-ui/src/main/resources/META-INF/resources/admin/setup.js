// The end-customer setup page: /admin/setup.html#token=…
// Whoever holds a setup link fills that one connection's tenant-level fields and authorizes it.
// No API key: the single-use token in the address is the only credential.
//
// OAuth round trip: the platform stores only a hash of the token, so the provider's callback cannot
// send it back. Before leaving for the provider this page keeps the token in sessionStorage (this
// tab only, same origin); the callback answers 303 to /admin/setup.html#authorized=1 (maybe with
// &message=… or &warning=…), or to #error=<code>&message=…, and this page takes the token from
// sessionStorage to show the form again with the error.

import { h, icon, connectorIcon, isHttpUrl, statusBadge, time, announce, toast, copyField, openDialog, button, busy, banner, card, spinner } from './dom.js';
import { api, enc } from './api.js';
import { createSetupForm, fieldsFor, offersGenerate, operatorDefault, strongToken } from './forms.js';

const root = document.getElementById('app');
let params;
let token;
let form = null;
const TOKEN_ITEM = 'plugboard.setupLinkToken';

function keepToken(value) {
  try {
    sessionStorage.setItem(TOKEN_ITEM, value);
  } catch {
    // storage refused: after an error at the provider the person opens the link again
  }
}

function keptToken() {
  try {
    return sessionStorage.getItem(TOKEN_ITEM);
  } catch {
    return null;
  }
}

function forgetToken() {
  try {
    sessionStorage.removeItem(TOKEN_ITEM);
  } catch {
    // nothing kept
  }
}

window.addEventListener('beforeunload', (event) => {
  if (form?.isDirty()) {
    event.preventDefault();
    event.returnValue = '';
  }
});

function page(...content) {
  root.replaceChildren(h('main', { id: 'main', class: 'standalone', tabindex: '-1' },
    h('div', { class: 'standalone-inner' },
      h('div', { class: 'brand' }, icon('plug', 'brand-icon'), h('span', { text: 'Plugboard' })),
      content)));
  const heading = root.querySelector('h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus();
  }
}

function endPage(glyph, tone, title, text, testid) {
  document.title = `${title} · Plugboard`;
  page(h('section', { class: `card end-card end-${tone}`, 'data-testid': testid },
    h('span', { class: 'end-icon', 'aria-hidden': 'true' }, icon(glyph)),
    h('h1', { text: title }),
    h('p', { text }),
  ));
}

function expiredPage() {
  endPage('clock', 'warn', 'This link has expired or was already used',
    'Setup links work once and only for a limited time. Ask the person who sent it to you for a new link.', 'setup-link-expired');
}

async function start() {
  params = new URLSearchParams(location.hash.replace(/^#/, '') || location.search.replace(/^\?/, ''));
  token = params.get('token') || new URLSearchParams(location.search).get('token');
  if (params.get('authorized') === '1' || params.get('authorized') === 'true') {
    const note = params.get('warning') || params.get('message');
    history.replaceState(null, '', location.pathname);
    forgetToken();
    endPage('check', 'ok', 'All set', `The connection is authorized. ${note ? `${note} ` : ''}You can close this page.`, 'setup-link-done');
    return;
  }
  if (!token && params.get('error')) token = keptToken();
  if (!token) {
    endPage('alert', 'warn', 'This link is incomplete', 'Open the full link you were sent, or ask for a new one.', 'setup-link-invalid');
    return;
  }
  const oauthError = params.get('error') ? (params.get('message') || `The provider answered “${params.get('error')}”.`) : null;
  if (params.get('error')) history.replaceState(null, '', `${location.pathname}#token=${enc(token)}`);

  page(spinner());
  let data;
  try {
    ({ data } = await api(`/setup-links/${enc(token)}`, { auth: false }));
  } catch (error) {
    if ([401, 403, 404, 410].includes(error.status)) return expiredPage();
    return page(h('h1', { text: 'This page could not be loaded' }),
      banner('error', 'Something went wrong', error.message, { dismissible: false,
        actions: [button('Try again', { glyph: 'refresh', onClick: start })] }));
  }
  render(data, oauthError);
}

function render(data, oauthError) {
  const { connector, connection } = data;
  const linkPath = `/setup-links/${enc(token)}`;
  const oauth = /oauth/i.test(String((connector.authorization && typeof connector.authorization === 'object'
    ? connector.authorization.kind || connector.authorization.type : connector.authorization) || ''));
  let version = connection.version;
  let setup = connection.setup || {};
  const title = `Set up ${connector.name || connector.id}`;
  document.title = `${title} · Plugboard`;

  const status = h('div', { class: 'status-inline' }, statusBadge(connection.status));
  const result = h('div', { 'data-testid': 'action-alert' });
  const authorizeBtn = oauth ? button(`Authorize with ${connector.name || 'the provider'}`, { tone: 'primary', glyph: 'shield', testid: 'authorize' }) : null;

  const save = async (values) => {
    let fresh;
    try {
      // The answer is the page's data after the save: without OAuth, a save that completes the
      // setup uses the link up, so it cannot be read again.
      ({ data: fresh } = await api(`${linkPath}/setup`, { method: 'PUT', body: values, ifMatch: version, auth: false }));
    } catch (error) {
      if ([401, 403, 404, 410].includes(error.status)) {
        form = null;
        expiredPage();
      }
      throw error;
    }
    version = fresh.connection.version;
    setup = fresh.connection.setup || {};
    status.replaceChildren(statusBadge(fresh.connection.status));
    return fresh.connection;
  };

  const fields = fieldsFor(connector, 'tenant');
  const formHost = h('div');
  const drawForm = (statusText) => {
    form = createSetupForm({
      fields, values: setup, audience: 'tenant', testid: 'setup-form', submitLabel: 'Save',
      inherited: (key) => operatorDefault(connection, key),
      onSubmit: async (values) => {
        const saved = await save(values);
        if (!oauth && saved.status !== 'NEEDS_SETUP') {
          form = null;
          endPage('check', 'ok', 'Thank you', 'The setup is saved. You can close this page.', 'setup-link-done');
          return;
        }
        if (!oauth) {
          drawForm('Saved. Some details are still missing.');
          announce('Saved. Some details are still missing.');
          return;
        }
        drawForm('Saved. Next: authorize.');
        announce('Saved. Next, authorize.');
        if (saved.status === 'NEEDS_AUTHORIZATION') authorizeBtn?.focus();
      },
      onGenerate: fields.some(offersGenerate) ? async (field) => {
        const value = strongToken();
        const body = {};
        for (const [k, v] of Object.entries(setup)) body[k] = v && typeof v === 'object' && 'set' in v ? null : v;
        body[field.key] = value;
        try {
          await save(body);
        } catch (error) {
          toast(error.message, 'error');
          return;
        }
        form.markSecretSet(field.key);
        await openDialog({
          title: `New ${field.label}`, testid: 'token-dialog',
          body: [h('p', { text: 'Stored. Copy it now: it will not be shown again.' }), copyField(field.label, value, { testid: 'generated-token' })],
          buttons: [{ label: 'Done', value: 'done', tone: 'primary', testid: 'token-dialog-done', autofocus: true }],
        });
      } : undefined,
    });
    if (statusText) form.setStatus(statusText);
    formHost.replaceChildren(form.element);
  };
  drawForm();

  authorizeBtn?.addEventListener('click', () => busy(authorizeBtn, async () => {
    result.replaceChildren();
    if (form?.isDirty()) {
      result.replaceChildren(banner('info', 'Save your changes first', 'Authorization uses the saved values.', { testid: 'save-first' }));
      form.submitButton.focus();
      return;
    }
    try {
      const { data: auth } = await api(`${linkPath}/authorize`, { method: 'POST', auth: false });
      if (!isHttpUrl(auth?.authorizationUrl)) throw new Error('No authorization address was returned.');
      keepToken(token);
      form = null;
      location.assign(auth.authorizationUrl);
    } catch (error) {
      if ([401, 403, 404, 410].includes(error.status)) return expiredPage();
      result.replaceChildren(banner('error', 'Could not start authorization', error.message, { testid: 'action-error' }));
    }
  }));

  const extras = [
    connection.webhookUrl ? copyField('Webhook URL', connection.webhookUrl, { testid: 'webhook-url' }) : null,
    oauth && connection.redirectUri ? copyField('Redirect URI', connection.redirectUri, { testid: 'redirect-uri' }) : null,
  ].filter(Boolean);

  page(
    h('div', { class: 'page-head' }, h('div', { class: 'title-row' }, connectorIcon(connector, 'lg'),
      h('div', { class: 'title-text' }, h('h1', { text: title }),
        h('p', { class: 'subtitle' }, 'For the connection ', h('strong', { text: connection.name || '' }),
          data.expiresAt ? [' · this link expires ', time(data.expiresAt)] : null)),
      status)),
    oauthError ? banner('error', 'Authorization failed', oauthError, { testid: 'oauth-outcome' }) : null,
    connector.description ? h('p', { class: 'muted', text: connector.description }) : null,
    card(oauth ? '1. Fill in the details' : 'Fill in the details', { testid: 'setup-card',
      description: 'Secrets are write-only: once saved they are never shown again.' },
    fields.length ? formHost : h('p', { class: 'muted', text: 'Nothing to fill in.' })),
    extras.length ? card('Addresses for the provider', { testid: 'endpoints-card' }, extras) : null,
    oauth ? card('2. Authorize', { testid: 'authorize-card',
      description: `You are sent to ${connector.name || 'the provider'} to grant access, then back here.` }, authorizeBtn, result) : null,
  );
}

window.addEventListener('hashchange', start);
start();
