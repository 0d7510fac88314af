// whimbrel explorer: the actor list and an actor's page (GET /api/actors, /api/actors/{id}):
// events per month as actor (above the axis) and as recipient (below), every month drawn,
// types, partners, statements, aliases, latest events, the other actors of its country.
"use strict";

function actorLink(a) {
  return el("a", { href: "#actor?id=" + a.id, class: "actor-link" }, a.name + (a.code ? " (" + a.code + ")" : ""));
}

async function viewActors(main, params) {
  main.appendChild(filterForm([{ name: "q", label: "Name, code or alias" }], params, (p) => go("actors", p)));
  const res = await api("actors", { ...params, limit: PAGE });
  const table = el("table", { id: "actors-table" },
    el("thead", {}, el("tr", {}, ["Actor", "Kind", "Country", "Sector", "Mentions", "Also called"].map((h) => el("th", {}, h)))));
  const body = el("tbody");
  for (const a of res.items) {
    body.appendChild(el("tr", {}, el("td", {}, actorLink(a)), el("td", {}, a.kind), el("td", {}, a.country || ""),
      el("td", {}, a.sector || ""), el("td", {}, a.mentions), el("td", {}, a.aliases.filter((x) => x !== a.name).join("; "))));
  }
  table.appendChild(body);
  main.append(pager(res, params, "actors"), table);
}

function actorChart(months) {
  const n = months.length, band = Math.max(14, Math.min(64, 900 / n));
  const L = 110, top = 24, half = 110, W = L + n * band + 20, mid = top + half;
  const max = Math.max(1, ...months.map((m) => Math.max(m.as_actor, m.as_recipient)));
  const scale = half / max;
  const chart = svg("svg", { width: W, height: mid + half + 48, id: "actor-chart", role: "img" });
  chart.appendChild(svg("title", {}, "Events per month: as actor above the axis, as recipient below"));
  chart.appendChild(svg("text", { x: 4, y: top + 10, class: "axis-title" }, "as actor"));
  chart.appendChild(svg("text", { x: 4, y: mid + half - 2, class: "axis-title" }, "as recipient"));
  chart.appendChild(svg("text", { x: L - 6, y: top + 4, "text-anchor": "end", class: "tick-label" }, max));
  chart.appendChild(svg("text", { x: L - 6, y: mid + half, "text-anchor": "end", class: "tick-label" }, max));
  chart.appendChild(svg("line", { x1: L, x2: L + n * band, y1: mid, y2: mid, class: "axis" }));
  months.forEach((m, i) => {
    const x = L + i * band;
    const g = svg("g", { class: "actor-month", "data-month": m.month, "data-actor": m.as_actor, "data-recipient": m.as_recipient });
    if (m.as_actor) {
      const r = svg("rect", { x: x + 2, y: mid - m.as_actor * scale, width: band - 4, height: m.as_actor * scale, class: "as-actor" });
      r.appendChild(svg("title", {}, `${m.month}: ${m.as_actor} event(s) as actor, Goldstein ${m.goldstein_as_actor}`));
      g.append(r, svg("text", { x: x + band / 2, y: mid - m.as_actor * scale - 3, "text-anchor": "middle", class: "count" }, m.as_actor));
    }
    if (m.as_recipient) {
      const r = svg("rect", { x: x + 2, y: mid, width: band - 4, height: m.as_recipient * scale, class: "as-recipient" });
      r.appendChild(svg("title", {}, `${m.month}: ${m.as_recipient} event(s) as recipient, Goldstein ${m.goldstein_as_recipient}`));
      g.append(r, svg("text", { x: x + band / 2, y: mid + m.as_recipient * scale + 12, "text-anchor": "middle", class: "count" }, m.as_recipient));
    }
    chart.appendChild(g);
    const label = n <= 24 ? m.month : (i === 0 ? m.month : (m.month.endsWith("-01") ? m.month.slice(0, 4) : null));
    const ly = mid + half + 28, turn = label && label.length > 4 && band < 52 ? `rotate(-35 ${x + band / 2} ${ly})` : "";
    if (label) chart.appendChild(svg("text", { x: x + band / 2, y: ly, "text-anchor": "middle", class: "tick-label month-label", transform: turn }, label));
  });
  return chart;
}

function typeTable(types) {
  const names = PLOVER.filter((t) => types.as_actor[t] || types.as_recipient[t]);
  return el("table", { id: "actor-types", class: "compact" },
    el("thead", {}, el("tr", {}, el("th", {}, "Type"), el("th", {}, "as actor"), el("th", {}, "as recipient"))),
    el("tbody", {}, names.map((t) => el("tr", {}, el("td", {}, t), el("td", {}, types.as_actor[t] || 0), el("td", {}, types.as_recipient[t] || 0)))));
}

function partnerTable(p, self) {
  return el("table", { id: "actor-partners", class: "compact" },
    el("thead", {}, el("tr", {}, ["Partner", `${self.name} → partner`, `partner → ${self.name}`, "Goldstein (sum)", ""]
      .map((h) => el("th", {}, h)))),
    el("tbody", {}, p.partners.map((q) => el("tr", { "data-partner": q.id }, el("td", {}, actorLink(q)),
      el("td", {}, q.acts_on), el("td", {}, q.acted_on_by), el("td", {}, q.goldstein),
      el("td", {}, el("a", { href: "#timeline?" + new URLSearchParams({ actor: self.code || self.name, recipient: q.code || q.name }) }, "timeline"))))));
}

async function viewActor(main, params) {
  const p = await api("actors/" + encodeURIComponent(params.id), params.all_modalities ? { all_modalities: "true" } : {});
  const a = p.actor;
  main.appendChild(el("h2", { id: "actor-name" }, `${a.name}${a.code ? " (" + a.code + ")" : ""}`));
  main.appendChild(el("p", { class: "muted" }, [a.kind, a.country && "country " + a.country, a.sector && "sector " + a.sector,
    a.role, `${a.mentions} mention(s)`].filter(Boolean).join(" · "),
    " · ", el("a", { href: "#actor?id=" + a.id + (params.all_modalities ? "" : "&all_modalities=true") },
      params.all_modalities ? "recorded events only" : "include unrecorded events")));
  main.appendChild(el("p", { id: "actor-aliases" }, "Also called: ", a.aliases.filter((x) => x !== a.name).join("; ") || "—"));
  const asActor = p.months.reduce((s, m) => s + m.as_actor, 0), asRecipient = p.months.reduce((s, m) => s + m.as_recipient, 0);
  main.appendChild(el("h3", {}, `Events over time: ${asActor} as actor, ${asRecipient} as recipient`));
  if (p.months.length) main.appendChild(el("div", { class: "chart-scroll" }, actorChart(p.months)));
  const grid = el("div", { class: "actor-grid" },
    el("div", {}, el("h3", {}, "Event types"), typeTable(p.types)),
    el("div", {}, el("h3", {}, `Partners (${p.partners.length})`), partnerTable(p, a)));
  main.appendChild(grid);
  main.appendChild(el("h3", {}, `Statements (${p.statements.total})`));
  main.appendChild(el("ul", { id: "actor-statements" }, p.statements.items.map((s) => el("li", {},
    el("a", { href: "#doc?id=" + s.document }, s.kind), ` (${s.cue || "said"}): `, s.content))));
  main.appendChild(el("h3", {}, "Latest events"));
  main.appendChild(el("ul", { id: "actor-events" }, p.events.map((e) => el("li", {},
    el("a", { href: "#event?id=" + e.id }, `${e.event}${e.mode ? "/" + e.mode : ""}`),
    ` ${parties(e.actor)} → ${parties(e.recipient) || "—"} · ${e.date.value || "undated"} · as ${e.roles.join(" and ")}`,
    el("span", { class: "badge modality-" + e.modality }, e.modality)))));
  if (p.related.length) {
    main.appendChild(el("h3", {}, "Other actors of " + a.country));
    main.appendChild(el("p", { id: "actor-related" }, p.related.flatMap((r, i) => (i ? ["; ", actorLink(r)] : [actorLink(r)]))));
  }
}

VIEWS.actors = viewActors;
VIEWS.actor = viewActor;
