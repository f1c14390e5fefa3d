// The sandbox inspector page: plain JavaScript, no framework. It reads GET /_inspector/api/state, refreshes
// on every Server-Sent Event from /_inspector/api/events, and acts through the small JSON API documented in
// docs/sandbox.md. Every piece of data is written with textContent, never parsed as HTML.
(() => {
  const API = '/_inspector/api';
  let state;
  let selected; // { provider, customer }
  let openList; // message id whose list menu is open
  const openDeliveries = new Set();

  /** Creates an element: h('div', { class: 'x', onclick }, child, 'text', ...). */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
      else if (key === 'class') el.className = value;
      else el.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat(Number.POSITIVE_INFINITY)) {
      if (child === undefined || child === null || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  async function post(path, body) {
    const response = await fetch(`${API}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(json.error || `HTTP ${response.status}`);
    return json;
  }

  const providerName = (id) => state?.providers.find((p) => p.id === id)?.name ?? id;
  const time = (ms) => new Date(ms).toISOString().slice(11, 19);

  function duration(ms) {
    const m = Math.max(0, Math.round(ms / 60000));
    return m >= 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m} min`;
  }

  // ---- conversations ----

  function conversationsOf() {
    const list = [...state.conversations];
    if (selected && !list.some((c) => c.provider === selected.provider && c.customer === selected.customer))
      list.push({
        provider: selected.provider,
        customer: selected.customer,
        window: { open: false },
        items: [],
      });
    return list;
  }

  function renderSidebar() {
    const ul = document.getElementById('conversations');
    const items = conversationsOf().map((c) => {
      const isSelected = selected && c.provider === selected.provider && c.customer === selected.customer;
      return h(
        'li',
        {
          class: isSelected ? 'selected' : '',
          'data-testid': `conversation-${c.provider}-${c.customer}`,
          onclick: () => {
            selected = { provider: c.provider, customer: c.customer };
            render();
          },
        },
        h(
          'span',
          {},
          c.customer,
          h(
            'span',
            { class: `badge ${c.window.open ? 'open' : 'closed'}` },
            c.window.open ? 'window open' : 'window closed',
          ),
        ),
        h('span', { class: 'provider-tag' }, providerName(c.provider), ` · ${c.items.length} message(s)`),
      );
    });
    ul.replaceChildren(...(items.length ? items : [h('li', { class: 'empty' }, 'No conversation yet.')]));
    const select = document.getElementById('new-provider');
    if (select.options.length === 0)
      for (const p of state.providers) select.append(h('option', { value: p.id }, p.name));
    document.getElementById('tiers').textContent = state.providers
      .map((p) => `${p.name}: ${p.tier.reached}/${p.tier.limit} reached`)
      .join(' · ');
  }

  function ticks(item) {
    switch (item.status) {
      case 'accepted':
        return h('span', { class: 'ticks', title: 'accepted' }, '◷');
      case 'sent':
        return h('span', { class: 'ticks', title: 'sent' }, '✓');
      case 'delivered':
        return h('span', { class: 'ticks', title: 'delivered' }, '✓✓');
      case 'read':
        return h('span', { class: 'ticks read', title: 'read' }, '✓✓');
      case 'failed':
        return h('span', { class: 'ticks failed', title: 'failed' }, '⚠ failed');
      default:
        return h('span', { class: 'ticks' }, item.status);
    }
  }

  function media(m) {
    const label = `${m.type}${m.filename ? `: ${m.filename}` : ''}${m.id ? ` (id ${m.id})` : ''}`;
    const inner =
      m.type === 'image' || m.type === 'sticker'
        ? m.url
          ? h('img', {
              src: m.url,
              alt: label,
              onerror: (e) => e.target.replaceWith(`▣ ${label} (${m.url})`),
            })
          : `▣ ${label}`
        : `${m.type === 'video' ? '▶' : m.type === 'audio' ? '♪' : '▤'} ${label}`;
    return h('div', { class: 'media', 'data-testid': 'media' }, inner);
  }

  function headerOf(header) {
    if (!header) return undefined;
    if (header.type === 'text') return h('div', { class: 'header-text' }, header.text);
    if (header.type === 'location')
      return h(
        'div',
        { class: 'media' },
        `◉ ${header.name ?? ''} ${header.latitude ?? ''}, ${header.longitude ?? ''}`,
      );
    return media(header);
  }

  function tap(message, reply) {
    if (!selected) return;
    send({
      type: 'reply',
      id: reply.id ?? reply.title,
      title: reply.title,
      description: reply.description,
      source: reply.source,
      context: message.id,
    });
  }

  function outbound(item) {
    const v = item.view;
    const parts = [];
    if (v.kind === 'template')
      parts.push(h('div', { class: 'template-name' }, `template ${v.template ?? ''}`));
    if (v.note) parts.push(h('div', { class: 'failure' }, v.note));
    parts.push(headerOf(v.header));
    if (v.media) parts.push(media(v.media));
    if (v.location)
      parts.push(
        h(
          'div',
          { class: 'location', 'data-testid': 'location' },
          `◉ ${v.location.name ?? 'Location'} (${v.location.latitude}, ${v.location.longitude})`,
          v.location.address ? h('div', {}, v.location.address) : undefined,
        ),
      );
    if (v.kind === 'reaction') parts.push(h('div', { class: 'text' }, `reacted ${v.emoji ?? ''}`));
    const text = v.text ?? (v.media ? v.media.caption : undefined);
    if (text) parts.push(h('div', { class: 'text', 'data-testid': 'body' }, text));
    if (v.kind === 'other' && !text) parts.push(h('div', { class: 'text' }, `(${item.type})`));
    if (v.footer) parts.push(h('div', { class: 'footer', 'data-testid': 'footer' }, v.footer));
    parts.push(h('div', { class: 'meta' }, `${time(item.at)} `, ticks(item)));
    if (item.status === 'failed' && item.error)
      parts.push(
        h('div', { class: 'failure', 'data-testid': 'failure' }, `${item.error.code} ${item.error.reason}`),
      );
    const buttons = (v.buttons ?? []).map((b) =>
      b.type === 'reply'
        ? h(
            'button',
            {
              type: 'button',
              'data-testid': 'reply-button',
              onclick: () => tap(item, { ...b, source: v.kind === 'template' ? 'template' : 'button' }),
            },
            `↩ ${b.title}`,
          )
        : h(
            'button',
            { type: 'button', disabled: true, title: b.value ?? '' },
            `${b.type === 'url' ? '↗' : b.type === 'phone' ? '☎' : '❐'} ${b.title}`,
          ),
    );
    if (v.list)
      buttons.push(
        h(
          'button',
          {
            type: 'button',
            'data-testid': 'list-button',
            onclick: () => {
              openList = openList === item.id ? undefined : item.id;
              render();
            },
          },
          `☰ ${v.list.button}`,
        ),
      );
    if (buttons.length) parts.push(h('div', { class: 'buttons' }, buttons));
    if (v.list && openList === item.id)
      parts.push(
        h(
          'div',
          { class: 'list-rows', 'data-testid': 'list-rows' },
          v.list.sections.map((s) => [
            s.title ? h('div', { class: 'section-title' }, s.title) : undefined,
            s.rows.map((r) =>
              h(
                'button',
                {
                  type: 'button',
                  'data-testid': 'list-row',
                  onclick: () => tap(item, { ...r, source: 'list' }),
                },
                r.title,
                r.description ? h('small', {}, r.description) : undefined,
              ),
            ),
          ]),
        ),
      );
    return h(
      'div',
      { class: 'bubble out', 'data-testid': 'outbound', 'data-status': item.status, 'data-id': item.id },
      parts,
    );
  }

  function inbound(item) {
    const c = item.content;
    const body =
      c.type === 'text'
        ? h('div', { class: 'text' }, c.text)
        : c.type === 'image'
          ? [
              media({ type: 'image', url: c.url }),
              c.caption ? h('div', { class: 'text' }, c.caption) : undefined,
            ]
          : c.type === 'location'
            ? h('div', { class: 'location' }, `◉ ${c.name ?? 'Location'} (${c.latitude}, ${c.longitude})`)
            : c.type === 'reply'
              ? h('div', { class: 'text' }, `↩ ${c.title}`)
              : h('div', { class: 'text' }, `(${c.type})`);
    return h(
      'div',
      { class: 'bubble in', 'data-testid': 'inbound' },
      body,
      h('div', { class: 'meta' }, `${item.profileName} · ${time(item.at)}`),
    );
  }

  function renderChat() {
    const header = document.getElementById('chat-header');
    const box = document.getElementById('messages');
    if (!selected) {
      box.replaceChildren();
      return;
    }
    const c = conversationsOf().find(
      (x) => x.provider === selected.provider && x.customer === selected.customer,
    );
    const windowText = c.window.open
      ? `24 h window open, closes in ${duration(c.window.closesAt - state.now)}`
      : c.window.closesAt
        ? 'window closed: only templates reach this customer'
        : 'no window yet: only templates reach this customer';
    header.replaceChildren(
      h('div', {}, h('strong', {}, c.customer), ` · ${providerName(c.provider)}`),
      h('div', { class: 'window', 'data-testid': 'window' }, windowText),
    );
    const stick = box.scrollTop + box.clientHeight >= box.scrollHeight - 20;
    box.replaceChildren(
      ...c.items.map((item) => (item.direction === 'out' ? outbound(item) : inbound(item))),
    );
    if (stick) box.scrollTop = box.scrollHeight;
  }

  // ---- panels ----

  function renderWebhooks() {
    const panel = document.getElementById('tab-webhooks');
    const list = [...state.deliveries].reverse();
    if (list.length === 0) {
      panel.replaceChildren(
        h(
          'div',
          { class: 'empty' },
          'No webhook delivered yet. Configure webhooks (startSandbox({ webhooks }) or waba sandbox --webhook) to see every attempt here.',
        ),
      );
      return;
    }
    panel.replaceChildren(
      ...list.map((d) => {
        const ok = d.status >= 200 && d.status < 300;
        const reason = ok ? undefined : d.answer || d.error || (d.status ? '' : 'no answer');
        const signature = Object.entries(d.headers).filter(
          ([k]) => k !== 'content-type' && k !== 'user-agent',
        );
        const open = openDeliveries.has(d.id);
        return h(
          'div',
          { class: `delivery${ok ? '' : ' failed'}`, 'data-testid': 'delivery', 'data-status': d.status },
          h(
            'div',
            { class: 'line' },
            h('span', { class: 'status', 'data-testid': 'delivery-status' }, d.status || 'unreachable'),
            reason ? h('span', { class: 'reason', 'data-testid': 'delivery-reason' }, reason) : undefined,
            h(
              'span',
              {},
              `${providerName(d.provider)} ${d.kind} · attempt ${d.attempt} · ${d.latencyMs} ms · ${time(d.at)}`,
            ),
          ),
          h('div', { class: 'url' }, `POST ${d.url}`),
          h(
            'div',
            { class: 'line' },
            h(
              'button',
              {
                type: 'button',
                onclick: () => {
                  open ? openDeliveries.delete(d.id) : openDeliveries.add(d.id);
                  renderWebhooks();
                },
              },
              open ? 'Hide' : 'Body and signature',
            ),
            h(
              'button',
              {
                type: 'button',
                'data-testid': 'replay',
                onclick: () => post(`/deliveries/${d.id}/replay`, {}).catch(showError),
              },
              'Replay',
            ),
          ),
          open ? h('pre', {}, signature.map(([k, v]) => `${k}: ${v}`).join('\n') || '(unsigned)') : undefined,
          open ? h('pre', {}, pretty(d.body)) : undefined,
        );
      }),
    );
  }

  function pretty(body) {
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      return body;
    }
  }

  function renderTemplates() {
    const panel = document.getElementById('tab-templates');
    if (state.templates.length === 0) {
      panel.replaceChildren(
        h(
          'div',
          { class: 'empty' },
          'No template in the store. Add some with sandbox.templates.add() or waba sandbox --template file.json.',
        ),
      );
      return;
    }
    panel.replaceChildren(
      ...state.templates.map((t) =>
        h(
          'div',
          { class: 'template', 'data-testid': `template-${t.name}` },
          h(
            'div',
            {},
            h('strong', {}, t.name),
            ` (${t.language}) · ${t.category} · `,
            h('span', { class: `status-${t.status}`, 'data-testid': 'template-status' }, t.status),
          ),
          h('div', { class: 'provider-tag' }, `Meta id ${t.id} · Gupshup id ${t.gupshupId}`),
          outbound({ id: t.id, at: state.now, type: 'template', status: 'preview', view: t.view }),
          h(
            'div',
            { class: 'actions' },
            ['APPROVED', 'REJECTED', 'PAUSED'].map((s) =>
              h(
                'button',
                {
                  type: 'button',
                  disabled: t.status === s,
                  'data-testid': `template-${s}`,
                  onclick: () =>
                    post(`/templates/${encodeURIComponent(t.id)}/status`, { status: s }).catch(showError),
                },
                { APPROVED: 'Approve', REJECTED: 'Reject', PAUSED: 'Pause' }[s],
              ),
            ),
          ),
        ),
      ),
    );
  }

  const KINDS = ['rate-limit', 'server-error', 'unavailable', 'slow', 'reset', 'malformed'];

  function renderFaults() {
    const panel = document.getElementById('tab-faults');
    if (panel.contains(document.activeElement)) return; // do not reset a form being edited
    const f = state.faults;
    const anyKind = Object.keys(f.kinds).length === 0;
    const rate = h('input', {
      type: 'number',
      min: 0,
      max: 1,
      step: 0.05,
      value: f.rate,
      'data-testid': 'fault-rate',
    });
    const boxes = KINDS.map((k) =>
      h('input', { type: 'checkbox', value: k, checked: anyKind || (f.kinds[k] ?? 0) > 0 }),
    );
    panel.replaceChildren(
      h(
        'form',
        {
          class: 'faults',
          onsubmit: (e) => {
            e.preventDefault();
            const kinds = Object.fromEntries(boxes.map((b) => [b.value, b.checked ? 1 : 0]));
            post('/faults', { rate: Number(rate.value), kinds }).catch(showError);
          },
        },
        h('label', {}, 'Fraction of send requests faulted (0 turns faults off) ', rate),
        KINDS.map((k, i) => h('label', {}, boxes[i], ` ${k} (${f.counts[k] ?? 0} injected)`)),
        h('button', { type: 'submit', 'data-testid': 'fault-apply' }, 'Apply'),
      ),
    );
  }

  function render() {
    renderSidebar();
    renderChat();
    renderWebhooks();
    renderTemplates();
    renderFaults();
  }

  // ---- acting as the customer ----

  function showError(error) {
    document.getElementById('composer-error').textContent = error.message;
  }

  function send(content) {
    if (!selected) return showError(new Error('Pick a conversation or open one first.'));
    document.getElementById('composer-error').textContent = '';
    return post('/inbound', { provider: selected.provider, from: selected.customer, content }).catch(
      showError,
    );
  }

  document.getElementById('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = document.getElementById('composer-text');
    if (!input.value) return;
    send({ type: 'text', text: input.value });
    input.value = '';
  });
  document.getElementById('send-image').addEventListener('click', () => {
    const url = prompt('Image URL', 'https://example.com/photo.jpg');
    if (url)
      send({ type: 'image', url, caption: document.getElementById('composer-text').value || undefined });
  });
  document.getElementById('send-location').addEventListener('click', () => {
    const at = prompt('Latitude, longitude', '51.5074, -0.1278');
    if (!at) return;
    const [latitude, longitude] = at.split(',').map((x) => Number(x.trim()));
    send({ type: 'location', latitude, longitude, name: 'Shared location' });
  });
  document.getElementById('new-conversation').addEventListener('submit', (e) => {
    e.preventDefault();
    selected = {
      provider: document.getElementById('new-provider').value,
      customer: document.getElementById('new-from').value.replace(/[\s()+-]/g, ''),
    };
    render();
  });
  for (const tab of document.querySelectorAll('.tabs button'))
    tab.addEventListener('click', () => {
      for (const t of document.querySelectorAll('.tabs button')) t.classList.toggle('active', t === tab);
      for (const panel of document.querySelectorAll('.tab'))
        panel.hidden = panel.id !== `tab-${tab.dataset.tab}`;
    });

  // ---- live updates ----

  let pending = false;
  let again = false;
  async function refresh() {
    if (pending) {
      again = true;
      return;
    }
    pending = true;
    try {
      const response = await fetch(`${API}/state`);
      state = await response.json();
      if (!selected && state.conversations.length > 0) {
        const last = state.conversations[state.conversations.length - 1];
        selected = { provider: last.provider, customer: last.customer };
      }
      render();
    } finally {
      pending = false;
      if (again) {
        again = false;
        refresh();
      }
    }
  }
  let timer;
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 30);
  };
  const events = new EventSource(`${API}/events`);
  const live = document.getElementById('live');
  events.onopen = () => {
    live.textContent = '● live';
  };
  events.onerror = () => {
    live.textContent = 'reconnecting…';
  };
  events.onmessage = soon;
  refresh();
})();
