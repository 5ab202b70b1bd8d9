// The dashboard's only script: loads the page's server-rendered part with the operator's API key and sends the
// page's actions to the JSON APIs. The key lives in sessionStorage (this tab only, gone when it closes) and travels
// only as "Authorization: Bearer": never in a URL, never in a cookie, so no other site can make the browser use it.
'use strict';

const KEY = 'flywheel.apiKey';
const part = document.getElementById('part');
const message = document.getElementById('message');
let refreshTimer = null;

function headers(extra) {
  const h = Object.assign({ 'Accept': 'text/html, application/json, application/problem+json' }, extra || {});
  const key = sessionStorage.getItem(KEY);
  if (key) {
    h['Authorization'] = 'Bearer ' + key;
  }
  return h;
}

function say(text, kind) {
  message.textContent = text;
  message.className = kind || '';
}

async function problemText(response) {
  try {
    const problem = await response.json();
    const errors = (problem.errors || []).map(e => e.field + ': ' + e.message).join('; ');
    return response.status + ' ' + (problem.title || '') + (problem.detail ? ' — ' + problem.detail : '')
      + (errors ? ' (' + errors + ')' : '');
  } catch (notJson) {
    return response.status + ' ' + response.statusText;
  }
}

async function load(src) {
  clearTimeout(refreshTimer);
  const response = await fetch(src || part.dataset.src, { headers: headers(), cache: 'no-store' });
  if (!response.ok) {
    const why = await problemText(response);
    part.innerHTML = '';
    say(response.status === 401 || response.status === 403
      ? why + ': enter an API key with the role this needs' : why, 'error');
    return;
  }
  part.innerHTML = await response.text();
  part.dataset.loaded = String(Date.now());
  bind();
}

async function decide(form, verdict) {
  const body = { note: form.elements.note.value || null };
  if (form.elements.confirm) {
    body.confirm = form.elements.confirm.value || null;
  }
  const response = await fetch('/api/approvals/' + form.dataset.id + '/' + verdict, {
    method: 'POST', headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify(body)
  });
  if (!response.ok) {
    say(verdict + ' refused: ' + await problemText(response), 'error');
    return;
  }
  const action = await response.json();
  say(action.type + ' on ' + action.target + ' ' + (verdict === 'approve' ? 'approved' : 'rejected')
    + ' (now ' + action.status + ')', 'ok');
  await load();
}

async function act(form, action) {
  const response = await fetch('/api/rollouts/' + form.dataset.id + '/' + action, {
    method: 'POST', headers: headers({ 'Content-Type': 'application/json' }),
    body: JSON.stringify({ reason: form.elements.reason.value || null })
  });
  if (!response.ok) {
    say(action + ' refused: ' + await problemText(response), 'error');
    return;
  }
  const rollout = await response.json();
  say('rollout of ' + rollout.model + ' v' + rollout.version + ': ' + action + ' (now ' + rollout.status + ')', 'ok');
  await load();
}

async function openReport(link) {
  const response = await fetch(link.getAttribute('href'), { headers: headers() });
  if (!response.ok) {
    say('report: ' + await problemText(response), 'error');
    return;
  }
  const url = URL.createObjectURL(new Blob([await response.text()], { type: 'text/html' }));
  window.open(url, '_blank', 'noopener');
}

function bind() {
  part.querySelectorAll('form.decision').forEach(form => form.addEventListener('submit', event => {
    event.preventDefault();
    decide(form, event.submitter && event.submitter.value === 'reject' ? 'reject' : 'approve');
  }));
  part.querySelectorAll('form.rollout-action').forEach(form => form.addEventListener('submit', event => {
    event.preventDefault();
    if (event.submitter) {
      act(form, event.submitter.value);
    }
  }));
  const replay = part.querySelector('#replay-form');
  if (replay) {
    replay.addEventListener('submit', event => {
      event.preventDefault();
      const query = new URLSearchParams({ model: replay.elements.model.value, rows: replay.elements.rows.value });
      load('/dashboard/parts/replay?' + query);
    });
  }
  part.querySelectorAll('a.report').forEach(link => link.addEventListener('click', event => {
    event.preventDefault();
    openReport(link);
  }));
  const refreshing = part.querySelector('[data-refresh]');
  if (refreshing) {
    // a refresh while someone types (a rollout's reason, a note) would wipe the field: wait until they leave it
    const period = Number(refreshing.dataset.refresh) * 1000;
    const refresh = () => {
      const typing = document.activeElement && part.contains(document.activeElement)
        && document.activeElement.tagName === 'INPUT';
      if (typing) {
        refreshTimer = setTimeout(refresh, period);
      } else {
        load();
      }
    };
    refreshTimer = setTimeout(refresh, period);
  }
}

function showKeyState() {
  document.getElementById('key-state').textContent = sessionStorage.getItem(KEY)
    ? 'a key is in use in this tab' : 'no key (fine while access control is off)';
}

document.getElementById('key-form').addEventListener('submit', event => {
  event.preventDefault();
  const input = document.getElementById('api-key');
  if (input.value.trim()) {
    sessionStorage.setItem(KEY, input.value.trim());
  }
  input.value = '';
  showKeyState();
  say('');
  load();
});
document.getElementById('key-forget').addEventListener('click', () => {
  sessionStorage.removeItem(KEY);
  showKeyState();
  load();
});

showKeyState();
load();
