// The console page: live traffic over server-sent events (api/events), the rest polled from api/state, and the
// test form posting to api/publish. Only textContent is used for data, never markup.
(function () {
  'use strict';

  var MAX_ROWS = 200;
  var STATE_EVERY_MS = 2000;
  var rows = document.querySelector('#traffic tbody');
  var empty = document.getElementById('traffic-empty');
  var status = document.getElementById('stream-status');
  var seen = 0;
  var paused = false;
  var missedWhilePaused = [];

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function time(millis) {
    var d = new Date(millis);
    return d.toLocaleTimeString([], { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0');
  }

  // A topic that may wrap after each '/', where a reader expects it to.
  function topicCell(topic) {
    var cell = el('td', 'mono topic');
    topic.split('/').forEach(function (level, i, levels) {
      cell.appendChild(document.createTextNode(level + (i < levels.length - 1 ? '/' : '')));
      if (i < levels.length - 1) { cell.appendChild(document.createElement('wbr')); }
    });
    return cell;
  }

  function setStatus(state, text) {
    status.dataset.state = state;
    status.textContent = text;
  }

  function visible(entry) {
    var filter = document.getElementById('filter').value.trim().toLowerCase();
    var kinds = { 'request': 'show-requests', 'reply': 'show-replies', 'dead-letter': 'show-dead' };
    if (!document.getElementById(kinds[entry.kind]).checked) { return false; }
    return !filter || entry.topic.toLowerCase().indexOf(filter) >= 0
      || entry.payload.toLowerCase().indexOf(filter) >= 0;
  }

  function row(entry) {
    var tr = el('tr', 'fresh');
    tr.dataset.kind = entry.kind;
    tr.dataset.seq = entry.seq;
    tr.entry = entry;
    tr.appendChild(el('td', null, time(entry.at)));
    var kind = el('td');
    kind.appendChild(el('span', 'kind ' + entry.kind, entry.kind === 'dead-letter' ? 'dead letter' : entry.kind));
    tr.appendChild(kind);
    tr.appendChild(topicCell(entry.topic));
    tr.appendChild(el('td', null, entry.channel));
    var payload = el('td', 'payload', entry.payload);
    if (entry.truncated) { payload.appendChild(el('span', 'cut', ' … (' + entry.bytes + ' bytes)')); }
    tr.appendChild(payload);
    tr.hidden = !visible(entry);
    return tr;
  }

  function show(entry) {
    rows.insertBefore(row(entry), rows.firstChild);
    while (rows.children.length > MAX_ROWS) { rows.removeChild(rows.lastChild); }
    empty.hidden = rows.children.length > 0;
  }

  function refilter() {
    Array.prototype.forEach.call(rows.children, function (tr) { tr.hidden = !visible(tr.entry); });
  }

  function connect() {
    var source = new EventSource('api/events');
    source.onopen = function () { setStatus(paused ? 'paused' : 'live', paused ? 'paused' : 'live'); };
    source.onerror = function () { setStatus('connecting', 'reconnecting'); };
    source.onmessage = function (event) {
      var entry = JSON.parse(event.data);
      if (Number(rows.firstChild && rows.firstChild.dataset.seq) >= entry.seq) { return; } // replayed after a reconnect
      seen++;
      document.getElementById('seen').textContent = seen;
      if (paused) {
        missedWhilePaused.push(entry);
        if (missedWhilePaused.length > MAX_ROWS) { missedWhilePaused.shift(); }
      } else {
        show(entry);
      }
    };
    source.addEventListener('dropped', function (event) {
      var note = el('tr', 'fresh');
      var cell = el('td', 'cut', event.data + ' messages not shown: this browser was behind');
      cell.colSpan = 5;
      note.appendChild(cell);
      note.entry = { kind: 'request', topic: '', payload: '' };
      rows.insertBefore(note, rows.firstChild);
    });
  }

  function table(target, headers, items, cells) {
    target.textContent = '';
    var t = el('table');
    var head = el('tr');
    headers.forEach(function (h) { head.appendChild(el('th', null, h)); });
    var thead = el('thead');
    thead.appendChild(head);
    t.appendChild(thead);
    var body = el('tbody');
    items.forEach(function (item) {
      var tr = el('tr');
      cells(item).forEach(function (c) { tr.appendChild(el('td', c[1], c[0])); });
      body.appendChild(tr);
    });
    t.appendChild(body);
    target.appendChild(t);
  }

  function renderTopics(topics) {
    var body = document.querySelector('#topics tbody');
    body.textContent = '';
    topics.shown.forEach(function (t) {
      var tr = el('tr');
      tr.appendChild(topicCell(t.topic));
      tr.appendChild(el('td', null, t.requests));
      tr.appendChild(el('td', null, t.replies));
      tr.appendChild(el('td', null, t.deadLetters));
      body.appendChild(tr);
    });
    document.getElementById('topics-note').textContent = topics.total === 0 ? 'No traffic yet.'
      : topics.total > topics.shown.length ? topics.shown.length + ' of ' + topics.total + ' topics, most recent first' : '';
  }

  function renderRules(rules) {
    var target = document.getElementById('rules');
    if (!rules.enabled) {
      target.textContent = '';
      target.appendChild(el('p', 'note', 'No rules file (autoresponder.rules.file).'));
      return;
    }
    table(target, ['rule', 'filter', 'matches'], rules.rules, function (r) {
      return [[r.name, 'rule-name'], [r.filter, 'mono'], [r.matches]];
    });
    target.appendChild(el('p', 'note', rules.rules.length + ' rules from ' + rules.files.join(', ') + ', loaded '
      + new Date(rules.loadedAt).toLocaleTimeString([], { hour12: false }) + '; ' + rules.unmatched + ' requests matched none'));
    if (rules.problems.length > 0) {
      target.appendChild(el('p', 'cut', 'The file changed but was not loaded; the rules above stay in force:'));
      var list = el('ul', 'problems');
      rules.problems.forEach(function (p) { list.appendChild(el('li', null, p.text)); });
      target.appendChild(list);
    }
  }

  function renderClients(clients) {
    var target = document.getElementById('clients');
    if (!clients.embedded) {
      target.textContent = '';
      target.appendChild(el('p', 'note', 'External broker: its clients are listed by the broker itself.'));
      return;
    }
    table(target, ['client id', 'address', 'protocol', 'since'], clients.shown, function (c) {
      return [[c.clientId, 'mono'], [c.address, 'mono'], [c.protocol],
        [new Date(c.connectedAt).toLocaleTimeString([], { hour12: false })]];
    });
    target.appendChild(el('p', 'note', clients.total + ' connected'
      + (clients.total > clients.shown.length ? ', ' + clients.shown.length + ' shown' : '')));
  }

  function refresh() {
    fetch('api/state', { cache: 'no-store' }).then(function (response) {
      if (!response.ok) { throw new Error('HTTP ' + response.status); }
      return response.json();
    }).then(function (state) {
      document.getElementById('broker').textContent = state.broker;
      document.getElementById('dropped').textContent = state.feed.dropped;
      renderTopics(state.topics);
      renderRules(state.rules);
      renderClients(state.clients);
    }).catch(function () { /* the stream's status shows the outage */ })
      .finally(function () { setTimeout(refresh, STATE_EVERY_MS); });
  }

  function publish(event) {
    event.preventDefault();
    var button = document.getElementById('publish-send');
    var result = document.getElementById('publish-result');
    button.disabled = true;
    result.hidden = false;
    result.className = 'result';
    result.textContent = 'Published, waiting for the reply…';
    fetch('api/publish', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        topic: document.getElementById('publish-topic').value,
        payload: document.getElementById('publish-payload').value,
        qos: Number(document.getElementById('publish-qos').value)
      })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (answer) {
      result.textContent = '';
      if (!answer.ok) {
        result.className = 'result error';
        result.appendChild(el('h3', null, 'Not published'));
        result.appendChild(el('div', null, answer.body.error));
      } else if (answer.body.reply) {
        var reply = answer.body.reply;
        result.className = 'result ok';
        result.id = 'publish-result';
        result.appendChild(el('h3', null, 'Reply on ' + reply.topic + ' after ' + reply.afterMillis + ' ms'));
        result.appendChild(el('div', 'payload reply-payload', reply.payload));
      } else {
        result.className = 'result none';
        result.appendChild(el('h3', null, 'No reply within ' + answer.body.waitedMillis + ' ms'));
        result.appendChild(el('div', null, 'Published to ' + answer.body.topic
          + '; no handler or rule answered on its response topic. Replies sent elsewhere show in the live traffic.'));
      }
    }).catch(function (failure) {
      result.className = 'result error';
      result.textContent = 'Not published: ' + failure.message;
    }).finally(function () { button.disabled = false; });
  }

  document.getElementById('pause').addEventListener('click', function () {
    paused = !paused;
    this.textContent = paused ? 'Resume' : 'Pause';
    setStatus(paused ? 'paused' : 'live', paused ? 'paused' : 'live');
    if (!paused) { missedWhilePaused.splice(0).forEach(show); }
  });
  document.getElementById('clear').addEventListener('click', function () {
    rows.textContent = '';
    empty.hidden = false;
  });
  ['filter', 'show-requests', 'show-replies', 'show-dead'].forEach(function (id) {
    document.getElementById(id).addEventListener('input', refilter);
  });
  document.getElementById('publish').addEventListener('submit', publish);

  connect();
  refresh();
}());
