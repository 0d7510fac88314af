// whimbrel explorer: the sanctions and embargo tracker (GET /api/sanctions).
// Uses app.js's helpers (el, api, go, filterForm); untrusted text enters through text nodes only.
"use strict";

const ACTION_CLASS = { imposed: "act-on", extended: "act-on", threatened: "act-threat", expired: "act-off",
  lifted: "act-off", eased: "act-off", "renewal failed": "act-fail", "renewal attempted": "act-fail" };

// The evidence sentence with its trigger marked: three text pieces, the middle one in <mark>.
function evidenceSentence(ev) {
  const [s, e] = ev.trigger;
  const text = ev.sentence || "";
  return el("blockquote", { class: "evidence" }, text.slice(0, s), el("mark", {}, text.slice(s, e)), text.slice(e),
    el("div", { class: "muted" },
      el("a", { href: "#doc?id=" + ev.document }, ev.title || "document " + ev.document),
      ev.published ? " · published " + ev.published : "", ev.duplicate ? " · near-duplicate copy" : ""));
}

function regimeCard(r) {
  const title = `${r.kind[0].toUpperCase()}${r.kind.slice(1)} on ${r.target.name} (${r.target.code}) · ` +
    `by ${r.imposer.name} (${r.imposer.code})`;
  const steps = el("ol", { class: "regime-timeline" });
  for (const x of r.timeline) {
    steps.appendChild(el("li", { class: "step", "data-action": x.action, "data-date": x.date.value || "" },
      el("span", { class: "when" }, x.date.value || "undated"),
      el("span", { class: "action " + (ACTION_CLASS[x.action] || "act-other") }, x.action),
      " by ", x.by.map((a) => a.name + (a.code ? " (" + a.code + ")" : "")).join("; ") || "—",
      el("span", { class: "badge modality-" + x.modality }, x.modality),
      " ", el("a", { href: "#event?id=" + x.event }, `${x.type}${x.mode ? "/" + x.mode : ""} event ${x.event}`),
      x.evidence.map(evidenceSentence)));
  }
  return el("section", { class: "regime", "data-target": r.target.code, "data-imposer": r.imposer.code, "data-kind": r.kind },
    el("h3", {}, title),
    el("p", { class: "muted" }, `${r.events} event(s) · ${r.first || "?"} – ${r.last || "?"} · latest: `,
      el("strong", {}, r.status || "—")),
    steps);
}

async function viewSanctions(main, params) {
  main.appendChild(filterForm([{ name: "target", label: "Target", placeholder: "IRN, Iran" },
    { name: "imposer", label: "Imposed by", placeholder: "USA, IGOUNO" }], params, (p) => go("sanctions", p)));
  const found = await api("sanctions", params);
  main.appendChild(el("p", { class: "muted", id: "sanctions-summary" },
    `${found.length} regime(s). Every modality is read: a failed renewal is a negated one, a threat is its own step.`));
  if (!found.length) { main.appendChild(el("p", { class: "muted" }, "No sanctions or embargo found.")); return; }
  main.appendChild(el("div", { id: "sanctions" }, found.map(regimeCard)));
}

VIEWS.sanctions = viewSanctions;
