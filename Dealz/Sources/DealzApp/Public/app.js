// dealz's page: renders the state dealz pushes (server-sent events) and sends the user's
// requests as JSON. All text from the network goes in with textContent, never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
let current = null;

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function formatPrice(value) {
  return value === null || value === undefined ? "–" : value.toFixed(2);
}

function formatTime(seconds) {
  return new Date(seconds * 1000).toLocaleTimeString();
}

async function send(method, path, body, errorTarget) {
  errorTarget.textContent = "";
  try {
    const response = await fetch(path, {
      method,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) {
      let message = response.status + " " + response.statusText;
      try { message = (await response.json()).error.message; } catch (_) { /* not JSON */ }
      errorTarget.textContent = message;
      return false;
    }
    return true;
  } catch (error) {
    errorTarget.textContent = "dealz is not reachable: " + error;
    return false;
  }
}

function chart(history) {
  const svgNS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(svgNS, "svg");
  svg.setAttribute("class", "chart");
  svg.setAttribute("viewBox", "0 0 140 32");
  svg.setAttribute("preserveAspectRatio", "none");
  if (history.length > 1) {
    const low = Math.min(...history), high = Math.max(...history);
    const span = high - low || 1;
    const points = history.map((price, index) =>
      (index * 140 / (history.length - 1)).toFixed(1) + "," + (30 - (price - low) * 28 / span).toFixed(1));
    const line = document.createElementNS(svgNS, "polyline");
    line.setAttribute("points", points.join(" "));
    svg.appendChild(line);
  }
  return svg;
}

function renderBackends(state) {
  const set = (id, up, text) => { const node = $(id); node.className = up ? "up" : "down"; node.textContent = text; };
  set("backend-tickz", state.backends.tickz, state.backends.tickz ? "tickz up" : "tickz down");
  set("backend-chatz", state.backends.chatz, state.backends.chatz ? "chatz up" : "chatz down");
  set("backend-valuz", state.backends.workers > 0, "valuz workers: " + state.backends.workers);
}

function renderQuotes(state) {
  const body = $("quotes");
  body.replaceChildren(...state.quotes.map((quote) => {
    const row = element("tr");
    row.dataset.symbol = quote.symbol;
    row.appendChild(element("td", quote.symbol));
    row.appendChild(element("td", formatPrice(quote.last), "number last"));
    const change = quote.change ?? 0;
    row.appendChild(element("td", quote.change === null || quote.change === undefined ? "–" : (change >= 0 ? "+" : "") + change.toFixed(2),
      "number change " + (change >= 0 ? "change-up" : "change-down")));
    const chartCell = element("td");
    chartCell.appendChild(chart(quote.history));
    row.appendChild(chartCell);
    const forgetCell = element("td");
    const forget = element("button", "Forget", "small");
    forget.type = "button";
    forget.addEventListener("click", () => send("DELETE", "/api/symbols/" + encodeURIComponent(quote.symbol), null, $("ticker-error")));
    forgetCell.appendChild(forget);
    row.appendChild(forgetCell);
    return row;
  }));
}

function renderChat(state) {
  $("chat-users").textContent = state.chat.users.length ? state.chat.users.join(", ") : "none";
  const list = $("chat-lines");
  const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
  list.replaceChildren(...state.chat.lines.map((line) => {
    const item = element("li");
    item.appendChild(element("span", formatTime(line.time), "time"));
    item.appendChild(element("span", line.user, "user"));
    item.appendChild(element("span", line.text, "text"));
    return item;
  }));
  if (atBottom) list.scrollTop = list.scrollHeight;
  if (state.chat.problem) $("chat-error").textContent = state.chat.problem;
}

function renderBatch(state) {
  const batch = state.batch;
  $("batch").hidden = !batch;
  if (!batch) return;
  const states = { sending: "sending", valuing: "being valued", done: "done", stalled: "stalled: no valuation for a while" };
  let status = "Batch " + batch.id + ": " + batch.valued + " of " + batch.deals + " deals valued, " + (states[batch.state] || batch.state);
  if (batch.state === "done") status += batch.posted ? "; summary posted to chatz" : "; posting the summary to chatz";
  $("batch-status").textContent = status;
  $("batch-progress").max = batch.deals;
  $("batch-progress").value = batch.valued;
  $("batch-symbols").replaceChildren(...batch.bySymbol.map((entry) => {
    const row = element("tr");
    row.appendChild(element("td", entry.symbol));
    row.appendChild(element("td", String(entry.deals), "number"));
    row.appendChild(element("td", entry.value.toFixed(2), "number"));
    return row;
  }));
  $("batch-deals").textContent = String(batch.valued);
  // The exact total, as dealz computed it (the shortest decimal that reads back as that double).
  $("batch-total").textContent = String(batch.total);
  $("batch-total").dataset.exact = String(batch.total);
}

function renderSockets(state) {
  $("socket-list").replaceChildren(...state.sockets.map((socket) => {
    const box = element("div", undefined, "socket");
    box.dataset.socket = socket.name;
    const title = element("h3");
    title.appendChild(element("span", socket.name));
    title.appendChild(element("span", socket.type));
    const good = socket.state === "connected" || socket.state === "listening";
    title.appendChild(element("span", socket.state + (socket.binds ? ", " + socket.peers + " peers" : ""), "state " + (good ? "up" : "down")));
    title.appendChild(element("span", socket.endpoint, "endpoint"));
    box.appendChild(title);
    const log = element("ol");
    for (const event of socket.events.slice().reverse()) {
      log.appendChild(element("li", formatTime(event.time) + "  " + event.kind + (event.count > 1 ? " ×" + event.count : "") + "  " + event.endpoint));
    }
    box.appendChild(log);
    return box;
  }));
}

function render(state) {
  current = state;
  renderBackends(state);
  renderQuotes(state);
  renderChat(state);
  renderBatch(state);
  renderSockets(state);
}

function connect() {
  const events = new EventSource("/api/events");
  events.addEventListener("state", (message) => {
    $("connection").className = "up";
    $("connection").textContent = "live";
    render(JSON.parse(message.data));
  });
  events.onerror = () => {
    $("connection").className = "down";
    $("connection").textContent = "reconnecting to dealz…";
  };
}

document.addEventListener("DOMContentLoaded", () => {
  $("follow-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const symbol = $("follow-symbol").value.trim().toUpperCase();
    if (await send("POST", "/api/symbols", { symbol }, $("ticker-error"))) $("follow-symbol").value = "";
  });
  $("chat-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = { user: $("chat-user").value.trim(), text: $("chat-text").value };
    if (await send("POST", "/api/chat", body, $("chat-error"))) $("chat-text").value = "";
  });
  $("deals-form").addEventListener("submit", (event) => {
    event.preventDefault();
    send("POST", "/api/deals", { count: Number($("deals-count").value) }, $("deals-error"));
  });
  $("csv-form").addEventListener("submit", (event) => {
    event.preventDefault();
    send("POST", "/api/deals", { csv: $("deals-csv").value }, $("deals-error"));
  });
  connect();
});
