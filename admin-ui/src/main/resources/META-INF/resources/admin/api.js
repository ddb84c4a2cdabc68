// The platform's HTTP API (/api/v1, same origin), with the API key of this browser session.

const KEY_ITEM = 'plugboard.apiKey';
const ME_ITEM = 'plugboard.me';

// /admin/ and the API share one origin; resolving against the page keeps the UI working if the
// runtime is ever deployed under a context path.
const API_BASE = new URL('../api/v1', document.baseURI).pathname.replace(/\/$/, '');

/** The signed-in key lives in sessionStorage only: it ends with the tab, and sign-out clears it. */
export const session = {
  get key() {
    return sessionStorage.getItem(KEY_ITEM);
  },
  get me() {
    try {
      return JSON.parse(sessionStorage.getItem(ME_ITEM) || 'null');
    } catch {
      return null;
    }
  },
  start(key, me) {
    sessionStorage.setItem(KEY_ITEM, key);
    sessionStorage.setItem(ME_ITEM, JSON.stringify(me));
  },
  clear() {
    sessionStorage.removeItem(KEY_ITEM);
    sessionStorage.removeItem(ME_ITEM);
  },
};

/** A failed call: `problem` is the RFC 9457 body (or a stand-in built from the status). */
export class ApiError extends Error {
  constructor(status, problem) {
    const p = problem && typeof problem === 'object' ? problem : {};
    super(p.detail || p.title || defaultMessage(status));
    this.status = status;
    this.problem = p;
    this.fieldErrors = Array.isArray(p.errors) ? p.errors.filter((e) => e && e.field) : [];
  }
}

function defaultMessage(status) {
  switch (status) {
    case 0: return 'The platform could not be reached. Check your connection and try again.';
    case 401: return 'Your API key was not accepted. Sign in again.';
    case 403: return 'This key may not do that.';
    case 404: return 'Not found. It may have been deleted.';
    case 409: return 'That conflicts with the current state. Reload and try again.';
    case 412: return 'Someone else changed this in the meantime.';
    case 422: return 'Some values need attention.';
    case 429: return 'Too many requests. Wait a moment and try again.';
    default: return status >= 500 ? 'The platform had a problem. Try again in a moment.' : `The request failed (${status}).`;
  }
}

let unauthorizedHandler = null;
/** Called once per 401 from an authenticated call: the app goes back to sign-in. */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

/**
 * Calls the API. Options: method, body (JSON), query (object), ifMatch (a version or ETag),
 * auth (default true: sends the session key; false: no key; a string: that key, e.g. while
 * signing in). Resolves with {status, data, headers}.
 */
export async function api(path, { method = 'GET', body, query, ifMatch, auth = true } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const key = typeof auth === 'string' ? auth : auth ? session.key : null;
  if (key) headers.Authorization = `Bearer ${key}`;
  if (ifMatch != null && ifMatch !== '') headers['If-Match'] = etag(ifMatch);
  let url = API_BASE + path;
  if (query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v != null && v !== '') params.set(k, String(v));
    const qs = params.toString();
    if (qs) url += `?${qs}`;
  }
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, null);
  }
  const data = await readBody(response);
  if (!response.ok) {
    const error = new ApiError(response.status, data);
    // Only a 401 that challenges for a key means the key was refused; a provider refusing a
    // connection's credentials is also a 401 (problem type provider-unauthorized), without one.
    const keyRefused = response.status === 401 && response.headers.has('WWW-Authenticate');
    if (keyRefused && auth === true && unauthorizedHandler) unauthorizedHandler(error);
    throw error;
  }
  return { status: response.status, data, headers: response.headers };
}

async function readBody(response) {
  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  }
  return { detail: text.length < 300 ? text : undefined };
}

/** A connection's `version` as an ETag: a bare version is quoted, an ETag is sent as is. */
function etag(value) {
  const s = String(value);
  return /^(W\/)?".*"$/.test(s) ? s : `"${s}"`;
}

/** `{items, next}` lists (a bare array is accepted too). */
export function listOf(data) {
  if (Array.isArray(data)) return { items: data, next: null };
  return { items: Array.isArray(data?.items) ? data.items : [], next: data?.next ?? null };
}

export const enc = encodeURIComponent;

// ---- the catalog, fetched once per page load ---------------------------------------------

let catalogPromise = null;

export function catalog() {
  if (!catalogPromise) {
    catalogPromise = api('/connectors').then(({ data }) => listOf(data).items);
    catalogPromise.catch(() => { catalogPromise = null; });
  }
  return catalogPromise;
}

export async function connectorById(id) {
  const all = await catalog().catch(() => []);
  const found = all.find((c) => c.id === id);
  if (found) return found;
  const { data } = await api(`/connectors/${enc(id)}`);
  return data;
}

export function forgetCatalog() {
  catalogPromise = null;
}

/**
 * Who holds the key: GET /me → {role, tenantId?, tenantName?}. Without that endpoint, a 200 from
 * the operator-only tenant list means operator, a 403 means a tenant key of unknown tenant id.
 */
export async function identify(key) {
  try {
    const { data } = await api('/me', { auth: key });
    if (data && (data.role === 'operator' || data.role === 'tenant')) {
      return { role: data.role, tenantId: data.tenantId ?? null, tenantName: data.tenantName ?? null };
    }
  } catch (error) {
    if (error.status === 401 || error.status === 0) throw error;
  }
  try {
    await api('/tenants', { auth: key, query: { limit: 1 } });
    return { role: 'operator' };
  } catch (error) {
    if (error.status === 403) return { role: 'tenant', tenantId: null, tenantName: null };
    throw error;
  }
}
