// Form helpers: labelled fields with a place for the server's message beside each.
import { ApiError } from './api.js';
import { el } from './format.js';

/** A label holding its input and an error line; the input's name is the API's field name. */
export function field(label, input, hint) {
  const error = el('span', { class: 'error', id: `${input.name}-error`, 'aria-live': 'polite' });
  input.setAttribute('aria-describedby', error.id);
  return el('label', {}, label, hint ? el('span', { class: 'hint' }, hint) : null, input, error);
}

/** Shows each { field: message } beside its field; clears the others. */
export function showErrors(form, errors) {
  for (const e of form.querySelectorAll('.error[id$="-error"]')) {
    e.textContent = errors[e.id.replace(/-error$/, '')] || '';
  }
}

export function message(node, text, bad = false) {
  node.textContent = text;
  node.className = bad ? 'message bad' : 'message';
  node.hidden = !text;
}

/**
 * Sends the form with send() on submit. When it succeeds the form's errors are cleared and status
 * shows the text send() returns; when the API refuses, each field's message appears beside it and
 * status shows the problem's.
 */
export function onSubmit(form, status, send) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const text = await send();
      showErrors(form, {});
      message(status, text);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      showErrors(form, err.fieldErrors());
      message(status, err.message, true);
    }
  });
}
