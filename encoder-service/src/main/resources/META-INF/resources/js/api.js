// Calls the encoder's API with the session cookie; a 401 sends the browser to the login page.
// Errors carry the problem document (RFC 9457) so forms can show each field's message.
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
  /** { field: message }: every invalid field, or the one the problem names. */
  fieldErrors() {
    const p = this.problem;
    if (p.errors) return p.errors;
    return p.field ? { [p.field]: p.detail } : {};
  }
}

export async function api(path, { method = 'GET', body } = {}) {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    location.href = '/login.html';
    throw new ApiError(401, { title: 'Not logged in' });
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data || {});
  return data;
}
