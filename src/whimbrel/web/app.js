// whimbrel explorer: plain JavaScript over the store's JSON API.
// Untrusted text (articles, names, statements) only ever enters the page through
// textContent or SVG text nodes: no innerHTML with data, anywhere.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const MODALITIES = ["asserted", "negated", "future", "hypothetical", "attempted"];
const PAGE = 50;

// el("tag", {attr: value}, child, ...): children are nodes or strings (as text nodes).
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function status(msg, isError) {
  const s = document.getElementById("status");
  s.textContent = msg || "";
  s.className = isError ? "error" : "";
}

async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== null && v !== undefined) qs.set(k, v);
  const url = "/api/" + path + (qs.toString() ? "?" + qs : "");
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) {
    const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail || r.status);
    throw new Error(detail);
  }
  return body;
}

function parties(list) {
  return (list || []).map((a) => a.name + (a.code ? " (" + a.code + ")" : "")).join("; ");
}

function hashParams() {
  const [view, rest] = location.hash.replace(/^#/, "").split("?");
  return { view: view || "events", params: Object.fromEntries(new URLSearchParams(rest || "")) };
}

function go(view, params) {
  const qs = new URLSearchParams(params || {}).toString();
  location.hash = view + (qs ? "?" + qs : "");
}

// ---------------------------------------------------------------- filters form

function filterForm(fields, values, onSubmit) {
  const form = el("form", { class: "filters" });
  for (const f of fields) {
    let input;
    if (f.options) {
      input = el("select", { name: f.name }, el("option", { value: "" }, "any"),
        f.options.map((o) => el("option", { value: o, selected: values[f.name] === o }, o)));
    } else {
      input = el("input", { name: f.name, type: f.type || "text", placeholder: f.placeholder || "",
        value: values[f.name] || "" });
    }
    form.appendChild(el("label", {}, f.label, input));
  }
  form.appendChild(el("button", { type: "submit" }, "Apply"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const out = {};
    for (const [k, v] of new FormData(form).entries()) if (v) out[k] = v;
    onSubmit(out);
  });
  return form;
}

function pager(res, params, view) {
  const from = res.total ? res.offset + 1 : 0;
  const to = res.offset + res.items.length;
  const box = el("div", { class: "pager" }, `${from}-${to} of ${res.total}`);
  if (res.offset > 0)
    box.appendChild(el("button", { onclick: () => go(view, { ...params, offset: Math.max(0, res.offset - PAGE) }) }, "Previous"));
  if (to < res.total)
    box.appendChild(el("button", { onclick: () => go(view, { ...params, offset: res.offset + PAGE }) }, "Next"));
  return box;
}

// ---------------------------------------------------------------- events

const EVENT_FIELDS = [
  { name: "actor", label: "Actor", placeholder: "RUS, Lavrov..." },
  { name: "recipient", label: "Recipient" },
  { name: "type", label: "Type", options: PLOVER },
  { name: "quad", label: "Quad", options: ["1", "2", "3", "4"] },
  { name: "modality", label: "Modality", options: MODALITIES },
  { name: "all_modalities", label: "Unrecorded events too", options: ["true"] },
  { name: "context", label: "Context" },
  { name: "place", label: "Place" },
  { name: "since", label: "Since", type: "date" },
  { name: "until", label: "Until", type: "date" },
];

// The event's sentence with its trigger marked (text nodes only).
function snippet(e) {
  const text = e.snippet || "";
  if (e.trigger_at === null || e.trigger_at === undefined || !e.trigger_text) return el("span", { class: "snippet" }, text);
  const s = e.trigger_at, t = s + e.trigger_text.length;
  return el("span", { class: "snippet" }, text.slice(0, s), el("mark", {}, text.slice(s, t)), text.slice(t));
}

// Sorting the rows of the page on a header click (numbers as numbers, text as text).
function sortable(table) {
  const heads = [...table.querySelectorAll("thead th")];
  heads.forEach((th, i) => {
    th.classList.add("sortable");
    th.addEventListener("click", () => {
      const dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      heads.forEach((h) => h.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      const body = table.querySelector("tbody");
      const key = (tr) => tr.children[i].dataset.sort ?? tr.children[i].textContent;
      const rows = [...body.children].sort((x, y) => {
        const [a, b] = [key(x), key(y)];
        const [na, nb] = [Number(a), Number(b)];
        const cmp = a !== "" && b !== "" && !isNaN(na) && !isNaN(nb) ? na - nb : a.localeCompare(b);
        return dir * cmp;
      });
      body.replaceChildren(...rows);
    });
  });
  return table;
}

function downloads(params, total) {
  const filters = Object.fromEntries(Object.entries(params).filter(([k]) => k !== "offset" && k !== "limit"));
  const link = (fmt, label) => {
    const qs = new URLSearchParams({ ...filters, limit: 500, format: fmt });
    return el("a", { href: "/api/events?" + qs, download: `whimbrel-events.${fmt === "json" ? "json" : fmt}`, class: "download", "data-format": fmt }, label);
  };
  return el("p", { class: "downloads" }, "Download these events: ", link("csv", "CSV"), " · ", link("json", "JSON"),
    " · ", link("jsonl", "JSONL"), total > 500 ? el("span", { class: "muted" }, ` (the first 500 of ${total}; whimbrel export gives all)`) : null);
}

// The matching events by type, quad class and modality: chips that narrow the filter.
function summaryBar(sum, params) {
  const chip = (key, value, label, n) => el("a", { class: "chip", "data-key": key, "data-value": value,
    href: "#events?" + new URLSearchParams({ ...params, [key]: value, offset: 0 }) }, `${label} ${n}`);
  const QUADS = { 1: "verbal coop.", 2: "material coop.", 3: "verbal conflict", 4: "material conflict" };
  return el("div", { class: "summary", id: "events-summary" },
    el("div", {}, el("strong", {}, `${sum.total} event(s)`), ` · Goldstein sum ${sum.goldstein}`),
    el("div", {}, "Types: ", Object.entries(sum.types).map(([t, n]) => chip("type", t, t, n))),
    el("div", {}, "Quad: ", Object.entries(sum.quads).map(([q, n]) => chip("quad", q, QUADS[q] || q, n)),
      " Modality: ", Object.entries(sum.modalities).map(([m, n]) => chip("modality", m, m, n))));
}

async function viewEvents(main, params) {
  main.appendChild(filterForm(EVENT_FIELDS, params, (p) => go("events", p)));
  const { offset: _o, ...filters } = params;
  const [res, sum] = await Promise.all([api("events", { ...params, limit: PAGE }), api("summary", filters)]);
  main.appendChild(summaryBar(sum, filters));
  const table = el("table", { id: "events-table" },
    el("thead", {}, el("tr", {}, ["Date", "Event", "CAMEO", "Actor", "Recipient", "Modality", "Text", "Quad", "Goldstein",
      "Mentions", "Sources", "Place"].map((h) => el("th", {}, h)))));
  const body = el("tbody");
  for (const e of res.items) {
    body.appendChild(el("tr", { class: "clickable", "data-event": e.id, onclick: () => go("event", { id: e.id }) },
      el("td", {}, e.date.value || ""), el("td", {}, e.event + (e.mode ? " / " + e.mode : "")),
      el("td", {}, e.cameo || ""), el("td", {}, parties(e.actor)), el("td", {}, parties(e.recipient)),
      el("td", { "data-sort": e.modality }, el("span", { class: "badge modality-" + e.modality }, e.modality),
        e.coded && e.coded !== e.event ? el("span", { class: "muted" }, " recorded as " + e.coded) : null),
      el("td", {}, snippet(e)),
      el("td", {}, e.quad_class ?? ""), el("td", {}, e.goldstein ?? ""), el("td", {}, e.num_mentions),
      el("td", {}, e.num_sources), el("td", {}, e.place ? e.place.name : "")));
  }
  table.appendChild(body);
  main.append(downloads(params, res.total), pager(res, params, "events"), sortable(table));
  if (!res.items.length) main.appendChild(el("p", { class: "muted" }, "No events match."));
}

// The event page is in evidence.js.

// ---------------------------------------------------------------- documents / article view

async function viewDocuments(main, params) {
  main.appendChild(filterForm([{ name: "q", label: "Words" }], params, (p) => go("documents", p)));
  const res = await api("documents", { ...params, limit: PAGE });
  const table = el("table", { id: "documents-table" },
    el("thead", {}, el("tr", {}, ["Published", "Title", "Source", "Events", "Copy of"].map((h) => el("th", {}, h)))));
  const body = el("tbody");
  for (const d of res.items) {
    body.appendChild(el("tr", { class: "clickable", onclick: () => go("doc", { id: d.id }) },
      el("td", {}, d.published || ""), el("td", {}, d.title || d.doc_key), el("td", {}, d.source || ""),
      el("td", {}, d.events), el("td", {}, d.near_duplicate_of ?? "")));
  }
  table.appendChild(body);
  main.append(pager(res, params, "documents"), table);
}

// Every annotation becomes a [start, end) span with a class and a hover text; the
// text is cut at every span boundary and each piece gets the classes of the spans
// covering it, so overlapping annotations (a trigger inside a statement) all show.
function annotations(a) {
  const spans = [];
  const actorName = Object.fromEntries(a.actors.map((x) => [x.id, x]));
  const names = (ids) => (ids || []).map((i) => (actorName[i] ? actorName[i].name : i)).join(", ") || "—";
  for (const x of a.actors)
    for (const [s, e] of x.mentions)
      spans.push({ s, e, cls: "hl-actor", tip: `${x.name} · ${x.kind} · ${x.code || "?"}${x.role ? " · " + x.role : ""}`, data: { actor: x.id } });
  for (const ev of a.events)
    spans.push({ s: ev.trigger[0], e: ev.trigger[1], cls: "hl-trigger",
      tip: `${ev.event}${ev.mode ? "/" + ev.mode : ""} (${ev.modality}) · ${names(ev.actor)} → ${names(ev.recipient)}` +
        ` · ${ev.date.value || "undated"} · why: ${ev.why || "—"}`, data: { event: ev.id } });
  for (const st of a.statements)
    spans.push({ s: st.content_span[0], e: st.content_span[1], cls: "hl-statement",
      tip: `${st.kind} statement by ${names(st.speaker ? [st.speaker] : [])}`, data: { statement: st.id } });
  for (const t of a.times)
    spans.push({ s: t.span[0], e: t.span[1], cls: "hl-time", tip: `${t.type} ${t.value || ""}`, data: {} });
  for (const p of a.places)
    spans.push({ s: p.span[0], e: p.span[1], cls: "hl-place",
      tip: `${p.name} · ${p.country || "?"}${p.metonymy ? " · stands for its government" : ""}`, data: {} });
  return spans.filter((x) => Number.isInteger(x.s) && Number.isInteger(x.e) && x.e > x.s);
}

function renderArticle(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const x of spans) { cuts.add(Math.max(0, Math.min(text.length, x.s))); cuts.add(Math.max(0, Math.min(text.length, x.e))); }
  const points = [...cuts].sort((p, q) => p - q);
  const box = el("div", { class: "article", id: "article" });
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i], points[i + 1]];
    const piece = text.slice(s, e);
    const covering = spans.filter((x) => x.s <= s && x.e >= e);
    if (!covering.length) { box.appendChild(document.createTextNode(piece)); continue; }
    const span = el("span", { class: covering.map((x) => x.cls).join(" "), title: covering.map((x) => x.tip).join("\n") });
    for (const x of covering) for (const [k, v] of Object.entries(x.data)) span.dataset[k] = v;
    span.textContent = piece;
    box.appendChild(span);
  }
  return box;
}

async function viewDoc(main, params) {
  const d = await api("documents/" + encodeURIComponent(params.id));
  const a = d.analysis;
  main.appendChild(el("h2", {}, a.title || a.id));
  main.appendChild(el("p", { class: "muted" }, [a.published || "undated", a.source, a.url].filter(Boolean).join(" · "),
    d.store.near_duplicate_of ? ` · near-duplicate of document ${d.store.near_duplicate_of}` : ""));
  main.appendChild(el("p", { class: "legend" }, el("span", { class: "hl-actor" }, "actor"),
    el("span", { class: "hl-trigger" }, "event trigger"), el("span", { class: "hl-statement" }, "statement"),
    el("span", { class: "hl-time" }, "time"), el("span", { class: "hl-place" }, "place")));
  main.appendChild(renderArticle(d.store.text, annotations(a)));
  const side = el("div", { class: "side" });
  side.appendChild(el("h3", {}, `Events (${a.events.length})`));
  const names = Object.fromEntries(a.actors.map((x) => [x.id, x.name]));
  side.appendChild(el("ul", { id: "doc-events" }, a.events.map((ev) => el("li", {},
    el("a", { href: "#event?id=" + d.store.event_ids[ev.id] }, `${ev.event}${ev.mode ? "/" + ev.mode : ""}`),
    ` ${(ev.actor || []).map((i) => names[i] || i).join(", ")} → ${(ev.recipient || []).map((i) => names[i] || i).join(", ") || "—"}`,
    ` (${ev.modality}, ${ev.date.value || "undated"})`, el("div", { class: "why", title: "as stored: " + (ev.why || "") },
      "Evidence: " + whyInWords(ev.why, d.store.text.slice(ev.trigger[0], ev.trigger[1])))))));
  side.appendChild(el("h3", {}, `Statements (${a.statements.length})`));
  side.appendChild(el("ul", {}, a.statements.map((st) => el("li", {},
    `${st.speaker ? names[st.speaker] || st.speaker : "unknown speaker"} (${st.kind}): `,
    d.store.text.slice(st.content_span[0], st.content_span[1])))));
  main.appendChild(side);
  if (params.event) {
    const found = main.querySelectorAll(`#article [data-event="${CSS.escape(params.event)}"]`);
    for (const t of found) t.classList.add("focused");
    if (found.length) found[0].scrollIntoView({ block: "center" });
  }
}

// ---------------------------------------------------------------- statements

async function viewStatements(main, params) {
  main.appendChild(filterForm([{ name: "speaker", label: "Speaker", placeholder: "name or code" },
    { name: "q", label: "Words" }, { name: "kind", label: "Kind", options: ["direct", "indirect", "headline"] }],
    params, (p) => go("statements", p)));
  const res = await api("statements", { ...params, limit: PAGE });
  const table = el("table", { id: "statements-table" },
    el("thead", {}, el("tr", {}, ["Published", "Speaker", "Kind", "Statement"].map((h) => el("th", {}, h)))));
  const body = el("tbody");
  for (const s of res.items) {
    body.appendChild(el("tr", { class: "clickable", onclick: () => go("doc", { id: s.document }) },
      el("td", {}, s.published || ""),
      el("td", {}, s.speaker ? el("a", { href: "#statements?speaker=" + encodeURIComponent(s.speaker.name), onclick: (e) => e.stopPropagation() }, s.speaker.name) : "—"),
      el("td", {}, s.kind), el("td", {}, s.content)));
  }
  table.appendChild(body);
  main.append(pager(res, params, "statements"), table);
}

// The dyad timeline is in timeline.js, the map in map.js, the sanctions tracker in sanctions.js.

// The actor network is in network.js.

// ---------------------------------------------------------------- router

const VIEWS = { events: viewEvents, documents: viewDocuments, doc: viewDoc,
  statements: viewStatements };  // + evidence.js, network.js, timeline.js, map.js, sanctions.js, actor.js

async function route() {
  const { view, params } = hashParams();
  const main = document.getElementById("view");
  main.replaceChildren();
  for (const a of document.querySelectorAll("#tabs a"))
    a.classList.toggle("active", a.dataset.view === view || (view === "doc" && a.dataset.view === "documents") ||
      (view === "event" && a.dataset.view === "events") || (view === "actor" && a.dataset.view === "actors"));
  const fn = VIEWS[view] || viewEvents;
  delete document.body.dataset.ready;
  status("loading…");
  try {
    await fn(main, params);
    status("");
    document.body.dataset.ready = view;
  } catch (err) {
    status(String(err.message || err), true);
    main.appendChild(el("p", { class: "error" }, "Could not load: " + (err.message || err)));
    document.body.dataset.ready = "error";
  }
}

window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", route);
