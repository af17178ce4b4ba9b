'use strict';

// The auditor console. Shows only what the vault's auditor endpoints return: tokens, categories, purposes,
// callers, times; never a value. Every text is set with textContent, never parsed as HTML.
(function () {
  const CREDENTIAL = 'pdvault.auditor.credential';
  const TOKEN = /^tok_[0-9a-hjkmnp-tv-z]{26}$/;
  const SUBJECT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const DETAIL_KEYS = ['category', 'purpose', 'recipient', 'organisation', 'basis', 'reason', 'source', 'keyClass',
    'region', 'ageBand', 'reference', 'scope', 'channel', 'fromRegion', 'toRegion', 'notice', 'recipients', 'due'];

  const $ = (id) => document.getElementById(id);

  class ProblemError extends Error {
    constructor(status, problem) {
      super(problem && problem.title ? problem.title : 'HTTP ' + status);
      this.status = status;
      this.detail = problem && problem.detail ? problem.detail : '';
    }
  }

  function credential() {
    return sessionStorage.getItem(CREDENTIAL);
  }

  async function api(method, path, bearer) {
    const response = await fetch(path, {
      method: method,
      headers: { 'Authorization': 'Bearer ' + (bearer || credential()), 'Accept': 'application/json' },
      credentials: 'omit',
      cache: 'no-store'
    });
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : null;
    if (!response.ok) {
      throw new ProblemError(response.status, body);
    }
    return body;
  }

  function show(element, visible) {
    element.hidden = !visible;
  }

  function say(element, error) {
    element.textContent = error instanceof ProblemError
      ? error.status + ' ' + error.message + (error.detail ? ': ' + error.detail : '')
      : 'The vault could not be reached: ' + error.message;
    show(element, true);
  }

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text === undefined || text === null ? '' : String(text);
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
    return td;
  }

  function fieldsText(fields) {
    return (fields || []).map((f) => {
      const name = (f.category ? f.category + '.' : '') + f.field;
      return name + ' ' + f.token + (f.value ? ' ' + f.value : '');
    }).join('\n');
  }

  function details(event) {
    const parts = [];
    for (const key of DETAIL_KEYS) {
      const value = event[key];
      if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) {
        parts.push(key + ': ' + value.join(', '));
      } else if (value !== undefined && value !== null && typeof value !== 'object') {
        parts.push(key + ': ' + value);
      }
    }
    if (event.legalBasis && event.legalBasis.exception) {
      parts.push('legal exception: ' + event.legalBasis.exception
        + (event.legalBasis.reference ? ' (' + event.legalBasis.reference + ')' : ''));
    }
    if (event.refused !== undefined) {
      parts.push('this subject refused: ' + event.refused);
    }
    if (Array.isArray(event.destroyedKeys) && event.destroyedKeys.length) {
      parts.push('keys destroyed: ' + event.destroyedKeys.map((k) => k.keyClass).join(', '));
    }
    if (Array.isArray(event.retained) && event.retained.length) {
      parts.push('retained: ' + event.retained.map((r) => r.keyClass + (r.until ? ' until ' + r.until : ''))
        .join(', '));
    }
    return parts.join('\n');
  }

  function renderTimeline(events) {
    const body = $('timeline').tBodies[0];
    body.replaceChildren();
    for (const event of events) {
      const row = document.createElement('tr');
      row.dataset.eventId = event.eventId;
      row.dataset.type = event.type;
      cell(row, event.occurredAt);
      cell(row, event.type);
      cell(row, event.caller);
      cell(row, details(event));
      cell(row, fieldsText(event.fields), 'fields');
      body.appendChild(row);
    }
    show($('timeline-panel'), true);
  }

  function renderAccesses(report) {
    const body = $('accesses').tBodies[0];
    body.replaceChildren();
    for (const access of report.rows) {
      const row = document.createElement('tr');
      row.dataset.id = access.id || '';
      row.dataset.outcome = access.outcome;
      cell(row, access.at);
      cell(row, access.outcome);
      cell(row, access.caller);
      cell(row, access.recipient);
      cell(row, access.purpose);
      cell(row, access.reason || access.basis);
      cell(row, access.legalException
        ? access.legalException + (access.legalReference ? ' (' + access.legalReference + ')' : '') : '');
      cell(row, fieldsText(access.fields), 'fields');
      body.appendChild(row);
    }
    show($('accesses-panel'), true);
  }

  function renderStatus(status) {
    const state = $('verification-state');
    state.textContent = status.state;
    state.className = 'state-' + status.state;
    $('verified-up-to').textContent = status.verifiedUpTo === null || status.verifiedUpTo === undefined
      ? 'nothing verified' : String(status.verifiedUpTo);
    const checkpoint = status.checkpoint;
    $('latest-checkpoint').textContent = checkpoint
      ? 'number ' + checkpoint.number + ', ' + checkpoint.size + ' event(s) up to global index '
        + checkpoint.lastGlobalIndex + ', signed at ' + checkpoint.createdAt + ' with key ' + checkpoint.keyId
      : 'none signed yet';
    $('break-at').textContent = status.breakAt === null || status.breakAt === undefined
      ? (status.state === 'BROKEN' ? 'position not known' : 'none')
      : 'at global index ' + status.breakAt + ' (' + status.finding + ')';
    $('verification-message').textContent = status.message || '';
    $('uncheckpointed').textContent = String(status.uncheckpointed);
    $('checked-at').textContent = status.checkedAt;
  }

  async function verify() {
    show($('verification-error'), false);
    try {
      renderStatus(await api('GET', '/v1/ledger/status'));
    } catch (error) {
      say($('verification-error'), error);
    }
  }

  async function signCheckpoint() {
    show($('verification-error'), false);
    try {
      await api('POST', '/v1/ledger/checkpoints');
      await verify();
    } catch (error) {
      say($('verification-error'), error);
    }
  }

  async function subjectIdOf(input) {
    if (TOKEN.test(input)) {
      return (await api('GET', '/v1/auditor/tokens/' + encodeURIComponent(input))).subjectId;
    }
    if (SUBJECT.test(input)) {
      return input;
    }
    throw new ProblemError(400, { title: 'Not a subject id or token',
      detail: 'Enter a subject id (a lower-case UUID) or a token (tok_ and 26 characters).' });
  }

  async function openSubject(event) {
    event.preventDefault();
    show($('subject-error'), false);
    show($('timeline-panel'), false);
    show($('accesses-panel'), false);
    show($('subject-shown'), false);
    try {
      const subject = await subjectIdOf($('subject').value.trim());
      const path = encodeURIComponent(subject);
      const [history, accesses] = await Promise.all([
        api('GET', '/v1/subjects/' + path + '/history'),
        api('GET', '/v1/reports/subjects/' + path + '/accesses')
      ]);
      $('subject-id').textContent = subject;
      show($('subject-shown'), true);
      renderTimeline(history.events);
      renderAccesses(accesses);
      await verify();
    } catch (error) {
      say($('subject-error'), error);
    }
  }

  function signedIn(session) {
    $('signed-in-as').textContent = session.caller;
    show($('signed-in'), true);
    show($('sign-in-panel'), false);
    show($('workspace'), true);
    verify();
  }

  function signOut() {
    sessionStorage.removeItem(CREDENTIAL);
    $('credential').value = '';
    show($('signed-in'), false);
    show($('workspace'), false);
    show($('timeline-panel'), false);
    show($('accesses-panel'), false);
    $('timeline').tBodies[0].replaceChildren();
    $('accesses').tBodies[0].replaceChildren();
    show($('sign-in-panel'), true);
  }

  async function signIn(event) {
    event.preventDefault();
    show($('sign-in-error'), false);
    const offered = $('credential').value.trim();
    $('credential').value = '';
    try {
      const session = await api('GET', '/v1/auditor/session', offered);
      sessionStorage.setItem(CREDENTIAL, offered);
      signedIn(session);
    } catch (error) {
      sessionStorage.removeItem(CREDENTIAL);
      say($('sign-in-error'), error);
    }
  }

  async function resume() {
    if (!credential()) {
      return;
    }
    try {
      signedIn(await api('GET', '/v1/auditor/session'));
    } catch (error) {
      signOut();
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('sign-in').addEventListener('submit', signIn);
    $('open-subject').addEventListener('submit', openSubject);
    $('sign-out').addEventListener('click', signOut);
    $('verify').addEventListener('click', verify);
    $('sign-checkpoint').addEventListener('click', signCheckpoint);
    resume();
  });
}());
