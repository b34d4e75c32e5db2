// Encoding profiles (admins): the list, a form to add one, delete where unused.
import { api } from './api.js';
import { el } from './format.js';
import { field, message, onSubmit } from './forms.js';

const CODECS = ['libx264', 'libx265', 'libsvtav1', 'h264_nvenc', 'hevc_nvenc', 'h264_vaapi', 'hevc_vaapi',
  'av1_vaapi', 'h264_qsv', 'hevc_qsv', 'av1_qsv', 'copy'];
// VAAPI and Quick Sync encode on a render node; VAAPI has no presets.
const takesDevice = (c) => c.endsWith('_vaapi') || c.endsWith('_qsv');

export async function profiles(view, me) {
  const body = el('tbody');
  const status = el('p', { class: 'message', hidden: true, role: 'status' });
  async function refresh() {
    const list = await api('/api/profiles');
    body.replaceChildren(...list.map((p) => el('tr', { id: `profile-${p.id}` },
      el('td', {}, p.name), el('td', {}, p.videoCodec), el('td', {}, p.quality ?? ''),
      el('td', {}, p.preset ?? ''), el('td', {}, p.audioCodec), el('td', {}, p.container),
      el('td', {}, [p.skipIfTargetCodec ? 'same codec' : '', p.discardLargerOutput ? 'larger output' : '',
        p.minSavingsPercent ? `saving under ${p.minSavingsPercent}%` : ''].filter(Boolean).join(', ')),
      el('td', {}, p.outputMode === 'replace' ? `replace (keep ${p.recycleDays} days)` : 'beside'),
      el('td', {}, p.segmented ? `${p.segmentSeconds} s chunks from ${Math.round(p.segmentAboveSeconds / 60)} min${p.shareChunks ? ', shared' : ''}` : 'one pass'),
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
  const device = input('device', { placeholder: '/dev/dri/renderD128' });
  const deviceField = field('Device', device, 'the render node of a VAAPI or Quick Sync encoder');
  const shapeForCodec = () => {
    deviceField.hidden = !takesDevice(codec.value);
    if (codec.value.endsWith('_vaapi')) preset.value = '';
  };
  codec.addEventListener('change', shapeForCodec);
  shapeForCodec();
  const skipCodec = el('input', { type: 'checkbox', name: 'skipIfTargetCodec', id: 'profile-skipIfTargetCodec' });
  const discard = el('input', { type: 'checkbox', name: 'discardLargerOutput', id: 'profile-discardLargerOutput' });
  const audioLanguages = input('audioLanguages', { placeholder: 'all' });
  const subtitleLanguages = input('subtitleLanguages', { placeholder: 'all' });
  const allowDrops = el('input', { type: 'checkbox', name: 'allowStreamDrops', id: 'profile-allowStreamDrops' });
  const thorough = el('input', { type: 'checkbox', name: 'thoroughCheck', id: 'profile-thoroughCheck' });
  const codes = (text) => text.split(',').map((c) => c.trim()).filter(Boolean);
  const out = outputFields();
  const chunks = chunkFields();
  const form = el('form', { class: 'stack', id: 'add-profile' },
    field('Name', name), field('Video codec', codec), field('Quality', quality, 'CRF, CQ, QP or ICQ, on the encoder\'s own scale'),
    field('Preset', preset), deviceField, field('Audio', audio), field('Container', container),
    el('label', { class: 'row' }, skipCodec, 'Skip inputs already in this codec',
      el('span', { class: 'error', id: 'skipIfTargetCodec-error' })),
    el('label', { class: 'row' }, discard, 'Discard an output larger than its input (the input stays)'),
    field('Audio languages', audioLanguages, 'ISO 639-2 codes such as eng, fre; empty keeps all'),
    field('Subtitle languages', subtitleLanguages, 'empty keeps all'),
    el('label', { class: 'row' }, allowDrops, 'Encode even when streams the container cannot hold are dropped'),
    el('label', { class: 'row' }, thorough, 'Decode every output in full before keeping it (always when replacing the input)'),
    ...out.fields, ...chunks.fields,
    el('div', {}, el('button', { class: 'primary', type: 'submit' }, 'Add profile')));
  onSubmit(form, status, async () => {
    await api('/api/profiles', { method: 'POST', body: { name: name.value, videoCodec: codec.value,
      quality: quality.value === '' ? null : Number(quality.value), preset: preset.value || null,
      device: takesDevice(codec.value) ? device.value || null : null, audioCodec: audio.value, container: container.value,
      skipIfTargetCodec: skipCodec.checked, discardLargerOutput: discard.checked,
      audioLanguages: codes(audioLanguages.value), subtitleLanguages: codes(subtitleLanguages.value),
      allowStreamDrops: allowDrops.checked, thoroughCheck: thorough.checked || null, ...out.values(),
      ...chunks.values() } });
    refresh();
    return `Added ${name.value}.`;
  });
  view.append(el('h1', {}, 'Profiles'), status,
    el('div', { class: 'table-wrap' }, el('table', { id: 'profiles' },
      el('thead', {}, el('tr', {}, ['Name', 'Video', 'Quality', 'Preset', 'Audio', 'Container', 'Skips', 'Output', 'Chunks', ''].map((h) => el('th', {}, h)))), body)),
    me.admin ? el('details', {}, el('summary', {}, 'Add a profile'), form) : null);
  await refresh();
}

// Where the result goes (beside the input, or in its place with the original kept), and the
// minimum saving: the form's fields and the values they give.
function outputFields() {
  const mode = el('select', { name: 'outputMode', id: 'profile-outputMode' },
    el('option', { value: 'beside' }, 'beside the input'), el('option', { value: 'replace' }, 'replace the input'));
  const days = el('input', { type: 'number', name: 'recycleDays', id: 'profile-recycleDays', value: 7, min: 0 });
  const saving = el('input', { type: 'number', name: 'minSavingsPercent', id: 'profile-minSavingsPercent', min: 1, max: 99 });
  return {
    fields: [field('Output', mode), field('Keep replaced originals (days)', days, '0 deletes them once replaced'),
      field('Minimum saving (%)', saving, 'empty: any saving')],
    values: () => ({ outputMode: mode.value, recycleDays: days.value === '' ? null : Number(days.value),
      minSavingsPercent: saving.value === '' ? null : Number(saving.value) }),
  };
}

// Segmented encodes: whether long films are encoded in chunks that a later run resumes, how long
// each chunk is, from what length on, and whether every node with room encodes chunks of one film.
function chunkFields() {
  const on = el('input', { type: 'checkbox', name: 'segmented', id: 'profile-segmented', checked: true });
  const seconds = el('input', { type: 'number', name: 'segmentSeconds', id: 'profile-segmentSeconds', value: 60, min: 10, max: 3600 });
  const above = el('input', { type: 'number', name: 'segmentAboveSeconds', id: 'profile-segmentAboveSeconds', value: 600, min: 0 });
  const shared = el('input', { type: 'checkbox', name: 'shareChunks', id: 'profile-shareChunks' });
  return {
    fields: [el('label', { class: 'row' }, on, 'Encode long films in chunks, so a restart loses at most one'),
      field('Chunk length (s)', seconds), field('Films from (s)', above, '0: every film'),
      el('label', { class: 'row' }, shared, 'Share a film\'s chunks with every node that has room (one film across nodes)')],
    values: () => ({ segmented: on.checked, segmentSeconds: seconds.value === '' ? null : Number(seconds.value),
      segmentAboveSeconds: above.value === '' ? null : Number(above.value), shareChunks: shared.checked }),
  };
}
