// Encoding profiles (admins): the list, a form to add one, delete where unused.
import { api } from './api.js';
import { el } from './format.js';
import { field, message, onSubmit } from './forms.js';

const CODECS = ['libx264', 'libx265', 'libsvtav1', 'h264_nvenc', 'hevc_nvenc', 'copy'];

export async function profiles(view, me) {
  const body = el('tbody');
  const status = el('p', { class: 'message', hidden: true, role: 'status' });
  async function refresh() {
    const list = await api('/api/profiles');
    body.replaceChildren(...list.map((p) => el('tr', { id: `profile-${p.id}` },
      el('td', {}, p.name), el('td', {}, p.videoCodec), el('td', {}, p.quality ?? ''),
      el('td', {}, p.preset ?? ''), el('td', {}, p.audioCodec), el('td', {}, p.container),
      el('td', {}, [p.skipIfTargetCodec ? 'same codec' : '', p.discardLargerOutput ? 'larger output' : ''].filter(Boolean).join(', ')),
      el('td', {}, me.admin ? el('button', { type: 'button', onclick: async () => {
        try { await api(`/api/profiles/${p.id}`, { method: 'DELETE' }); message(status, `Deleted ${p.name}.`); }
        catch (e) { message(status, e.message, true); }
        refresh();
      } }, 'Delete') : ''))));
  }
  const input = (name, attrs = {}) => el('input', { type: 'text', name, id: `profile-${name}`, ...attrs });
  const codec = el('select', { name: 'videoCodec', id: 'profile-videoCodec' }, CODECS.map((c) => el('option', {}, c)));
  const audio = el('select', { name: 'audioCodec', id: 'profile-audioCodec' }, ['copy', 'aac', 'opus'].map((c) => el('option', {}, c)));
  const container = el('select', { name: 'container', id: 'profile-container' }, ['mkv', 'mp4'].map((c) => el('option', {}, c)));
  const name = input('name', { required: true });
  const quality = input('quality', { type: 'number', value: 23 });
  const preset = input('preset', { value: 'medium' });
  const skipCodec = el('input', { type: 'checkbox', name: 'skipIfTargetCodec', id: 'profile-skipIfTargetCodec' });
  const discard = el('input', { type: 'checkbox', name: 'discardLargerOutput', id: 'profile-discardLargerOutput' });
  const audioLanguages = input('audioLanguages', { placeholder: 'all' });
  const subtitleLanguages = input('subtitleLanguages', { placeholder: 'all' });
  const allowDrops = el('input', { type: 'checkbox', name: 'allowStreamDrops', id: 'profile-allowStreamDrops' });
  const thorough = el('input', { type: 'checkbox', name: 'thoroughCheck', id: 'profile-thoroughCheck' });
  const codes = (text) => text.split(',').map((c) => c.trim()).filter(Boolean);
  const form = el('form', { class: 'stack', id: 'add-profile' },
    field('Name', name), field('Video codec', codec), field('Quality', quality, 'CRF or CQ'),
    field('Preset', preset), field('Audio', audio), field('Container', container),
    el('label', { class: 'row' }, skipCodec, 'Skip inputs already in this codec',
      el('span', { class: 'error', id: 'skipIfTargetCodec-error' })),
    el('label', { class: 'row' }, discard, 'Discard an output larger than its input (the input stays)'),
    field('Audio languages', audioLanguages, 'ISO 639-2 codes such as eng, fre; empty keeps all'),
    field('Subtitle languages', subtitleLanguages, 'empty keeps all'),
    el('label', { class: 'row' }, allowDrops, 'Encode even when streams the container cannot hold are dropped'),
    el('label', { class: 'row' }, thorough, 'Decode every output in full before keeping it'),
    el('div', {}, el('button', { class: 'primary', type: 'submit' }, 'Add profile')));
  onSubmit(form, status, async () => {
    await api('/api/profiles', { method: 'POST', body: { name: name.value, videoCodec: codec.value,
      quality: quality.value === '' ? null : Number(quality.value), preset: preset.value || null,
      audioCodec: audio.value, container: container.value,
      skipIfTargetCodec: skipCodec.checked, discardLargerOutput: discard.checked,
      audioLanguages: codes(audioLanguages.value), subtitleLanguages: codes(subtitleLanguages.value),
      allowStreamDrops: allowDrops.checked, thoroughCheck: thorough.checked || null } });
    refresh();
    return `Added ${name.value}.`;
  });
  view.append(el('h1', {}, 'Profiles'), status,
    el('div', { class: 'table-wrap' }, el('table', { id: 'profiles' },
      el('thead', {}, el('tr', {}, ['Name', 'Video', 'Quality', 'Preset', 'Audio', 'Container', 'Skips', ''].map((h) => el('th', {}, h)))), body)),
    me.admin ? el('details', {}, el('summary', {}, 'Add a profile'), form) : null);
  await refresh();
}
