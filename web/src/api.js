// api.js -- calls to the dyad serve JSON API (docs/serve.md): the token
// taken from the URL fragment (#token=...) and kept in sessionStorage, sent
// as "Authorization: Bearer"; errors ({"error":{"status","message"}}) thrown
// as ApiError with the server's message.
const TOKEN_KEY = "dyad.token";
let token = null;

// Moves a #token=... fragment into sessionStorage and off the address bar.
export function initToken() {
  const m = /(?:^#|&)token=([^&]*)/.exec(location.hash);
  if (m) {
    try { token = decodeURIComponent(m[1]); } catch { token = m[1]; }
    try { sessionStorage.setItem(TOKEN_KEY, token); } catch { /* private mode */ }
    history.replaceState(history.state, "", location.pathname + location.search);
    return;
  }
  try { token = sessionStorage.getItem(TOKEN_KEY); } catch { token = null; }
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function headers(extra) {
  const h = { Accept: "application/json", ...extra };
  if (token) h.Authorization = `Bearer ${token}`;
  return h;
}

async function answer(res) {
  let body = null;
  try { body = await res.json(); } catch { body = null; }
  if (!res.ok) {
    const msg = body && body.error && typeof body.error.message === "string"
      ? body.error.message : res.statusText || "request failed";
    throw new ApiError(res.status, res.status === 401
      ? `${msg} (open the page with #token=... at the end of its address)` : msg);
  }
  if (body === null || typeof body !== "object") {
    throw new ApiError(res.status, "the server's answer is not JSON");
  }
  return body;
}

// GET api/<path>?<params>; empty parameters are left out.
export async function get(path, params, signal) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  }
  const qs = q.toString();
  const res = await fetch(`api/${path}${qs ? "?" + qs : ""}`,
    { headers: headers(), signal, credentials: "same-origin" });
  return answer(res);
}

export async function post(path, body, signal) {
  const res = await fetch(`api/${path}`, {
    method: "POST", signal, credentials: "same-origin",
    headers: headers({ "Content-Type": "application/json" }),
    body: JSON.stringify(body),
  });
  return answer(res);
}
