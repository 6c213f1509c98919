"use strict";
// Strata's page: every answer comes from the API of the server that serves it. Server data is only ever
// written with textContent (never as HTML), so nothing in a profile or the catalogue can become markup.
(() => {
  const $ = (id) => document.getElementById(id);
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };
  const state = { scenarios: [], criteria: {}, examples: [], weights: null, pending: null, inFlight: false, version: 0 };
  const result = $("result");

  const stackText = (s) => Object.entries(s || {}).map(([layer, id]) => `${layer}=${Array.isArray(id) ? id.join("/") : id}`).join(", ");
  const pct = (v) => `${(v * 100).toFixed(1)} %`;

  async function api(method, path, body) {
    const headers = {};
    if (body !== undefined) headers["content-type"] = "application/json";
    const token = $("token").value.trim();
    if (token && method === "POST" && path === "/v1/decisions") headers.authorization = `Bearer ${token}`;
    const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const type = r.headers.get("content-type") || "";
    const data = type.includes("json") ? await r.json() : await r.text();
    return { status: r.status, data, location: r.headers.get("location") };
  }

  function gutter(errorLines) {
    const n = $("profile").value.split("\n").length;
    const g = $("gutter");
    g.replaceChildren();
    for (let i = 1; i <= n; i++) {
      const line = el("span", String(i), errorLines.has(i) ? "err" : undefined);
      g.append(line, document.createTextNode("\n"));
    }
  }

  function showErrors(problem) {
    const list = $("errors");
    list.replaceChildren();
    const lines = new Set();
    if (!problem) {
      gutter(lines);
      return;
    }
    const diags = problem.diagnostics && problem.diagnostics.length ? problem.diagnostics : [{ message: problem.detail }];
    for (const d of diags) {
      if (d.line) lines.add(d.line);
      const where = d.line ? `line ${d.line}, column ${d.column}: ` : d.pointer ? `${d.pointer}: ` : "";
      list.append(el("li", `${where}${d.message}`));
    }
    gutter(lines);
  }

  function body() {
    const b = { profile: $("profile").value, robustness: $("robustness").checked };
    if (state.weights) b.weights = Object.fromEntries(Object.entries(state.weights).map(([k, v]) => [k, v / 100]));
    return b;
  }

  // One request at a time; a move made while one is running is sent when it returns (only the latest).
  function decide() {
    state.pending = body();
    if (!state.inFlight) send();
  }

  async function send() {
    const b = state.pending;
    state.pending = null;
    state.inFlight = true;
    result.dataset.state = "busy";
    try {
      const r = await api("POST", "/v1/evaluate", b);
      if (r.status === 200) {
        showErrors(null);
        render(r.data);
      } else {
        showErrors(r.data);
        $("status").textContent = `The profile cannot be decided (${r.status}): ${r.data.detail || ""}`;
      }
      result.dataset.state = r.status === 200 ? "ready" : "error";
    } catch (e) {
      $("status").textContent = `The server did not answer: ${e.message}`;
      result.dataset.state = "error";
    } finally {
      state.inFlight = false;
      state.version++;
      result.dataset.version = String(state.version);
      if (state.pending) send();
    }
  }

  function buildSliders(weights) {
    const box = $("weights");
    box.replaceChildren();
    state.weights = {};
    // Sliders run 0-100 with the largest given weight at 100: only the ratios matter once weights are normalised.
    const largest = Math.max(...Object.values(weights.given), 1e-9);
    for (const [id, given] of Object.entries(weights.given)) {
      const value = given / largest;
      const row = el("div", undefined, "weight");
      const input = document.createElement("input");
      input.type = "range";
      input.min = "0";
      input.max = "100";
      input.step = "1";
      input.id = `w-${id}`;
      input.value = String(Math.round(value * 100));
      input.dataset.criterion = id;
      const label = el("label", state.criteria[id] ? state.criteria[id].name : id);
      label.htmlFor = input.id;
      const out = el("output", "");
      out.id = `wo-${id}`;
      out.htmlFor = input.id;
      input.setAttribute("aria-describedby", out.id);
      state.weights[id] = Number(input.value);
      input.addEventListener("input", () => {
        state.weights[id] = Number(input.value);
        showShares();
        decide();
      });
      row.append(label, input, out);
      box.append(row);
    }
    showShares();
  }

  function showShares() {
    const total = Object.values(state.weights).reduce((a, b) => a + b, 0);
    for (const [id, v] of Object.entries(state.weights)) {
      $(`wo-${id}`).textContent = total > 0 ? pct(v / total) : "0 %";
    }
  }

  function render(d) {
    window.strataLastDecision = d;
    if (!state.weights) buildSliders(d.weights);
    $("status").textContent = d.feasible
      ? `${d.profile}: ${d.feasible_stacks} feasible stacks of ${d.combinations}; weights from ${d.weights.source}.`
      : `${d.profile}: nothing is feasible.`;
    const warnings = $("warnings");
    warnings.replaceChildren(...(d.warnings || []).map((w) => el("li", w)));
    const tbody = $("ranking").tBodies[0];
    tbody.replaceChildren();
    for (const r of d.ranking) {
      const tr = el("tr", undefined, r.rank === 1 ? "winner" : undefined);
      const score = el("td");
      const bar = el("span", undefined, "bar");
      bar.style.width = `${Math.max(0, Math.min(1, r.score)) * 8}rem`;
      score.append(bar, document.createTextNode(r.score.toFixed(3)));
      tr.append(el("td", r.rank), el("td", stackText(r.stack)), score, el("td", r.verdict));
      tbody.append(tr);
    }
    const reasons = $("reasons");
    reasons.replaceChildren();
    for (const r of d.layer_reasons || []) {
      const because = r.because && r.because.length ? `: ${r.because.join("; ")}` : "";
      const over = r.runner_up ? ` over ${r.runner_up}` : "";
      reasons.append(el("li", `${r.layer}: ${r.chosen}${over} (${r.kind})${because}`));
    }
    for (const c of d.conflicts || []) reasons.append(el("li", `${c.layer}: ${c.summary}`));
    const acc = $("acceptability");
    acc.replaceChildren();
    const rows = d.robustness && d.robustness.acceptability ? d.robustness.acceptability.slice(0, 8) : [];
    if (!rows.length) acc.append(el("p", "Robustness is off: turn it on to see how often each stack ranks first.", "muted"));
    for (const a of rows) {
      const line = el("div");
      const bar = el("span", undefined, "bar");
      bar.style.width = `${a.rank_probabilities[0] * 20}rem`;
      line.append(bar, document.createTextNode(`${pct(a.rank_probabilities[0])} ${stackText(a.stack)}`));
      acc.append(line);
    }
    const elim = $("eliminated").tBodies[0];
    elim.replaceChildren();
    for (const e of (d.eliminated || []).slice(0, 60)) {
      const src = el("td");
      const p = e.provenance || {};
      if (p.url && /^https?:\/\//.test(p.url)) {
        const a = el("a", p.cite || p.url);
        a.href = p.url;
        a.rel = "noreferrer";
        src.append(a);
      } else {
        src.textContent = p.cite || "";
      }
      const tr = el("tr");
      tr.append(el("td", e.technology), el("td", e.layer), el("td", e.reason || `${e.constraint}: expected ${e.expected}, got ${e.actual}`), src);
      elim.append(tr);
    }
    const facts = $("facts");
    facts.replaceChildren();
    for (const f of d.decisive_facts || []) {
      const flag = f.flagged ? " ⚠ the seed's claim is contradicted or unsupported" : "";
      facts.append(el("li", `${f.technology} ${f.fact.name}${f.fact.measures ? ` (${f.fact.measures})` : ""} = ${f.fact.value}, for ${f.used_for}; ${f.fact.provenance ? f.fact.provenance.cite : ""}${flag}`));
    }
  }

  async function keep() {
    const r = await api("POST", "/v1/decisions", body());
    $("kept").textContent = r.status === 201 ? `Kept as ${r.location}.` : `Not kept (${r.status}): ${r.data.detail || ""}`;
    if (r.status === 201) history();
  }

  async function history() {
    const r = await api("GET", "/v1/decisions?limit=20");
    const tbody = $("decisions").tBodies[0];
    tbody.replaceChildren();
    if (r.status !== 200) return;
    for (const d of r.data.items) {
      const links = el("td");
      for (const [name, suffix] of [["ADR", "/adr"], ["HTML", "/html"], ["JSON", ""]]) {
        const a = el("a", name);
        a.href = `/v1/decisions/${encodeURIComponent(d.id)}${suffix}`;
        a.setAttribute("download", `${d.id}${suffix ? (suffix === "/adr" ? ".md" : ".html") : ".json"}`);
        links.append(a, document.createTextNode(" "));
      }
      const tr = el("tr");
      tr.append(el("td", d.created_at), el("td", d.label ? `${d.profile} (${d.label})` : d.profile), el("td", d.winner || "nothing feasible"), links);
      tbody.append(tr);
    }
  }

  async function drift() {
    $("drift-status").textContent = "Deciding the kept decisions again…";
    const r = await api("GET", "/v1/drift");
    if (r.status !== 200) {
      $("drift-status").textContent = `Drift could not be checked (${r.status}): ${r.data.detail || ""}`;
      return;
    }
    const drifted = r.data.decisions.filter((d) => d.drifted);
    $("drift-status").textContent = drifted.length
      ? `${drifted.length} of ${r.data.checked} drifted: ${drifted.map((d) => `${d.id} (${d.reasons.join("; ")})`).join(" | ")}`
      : `None of ${r.data.checked} kept decisions drifted on ${r.data.catalog.name} ${r.data.catalog.version}.`;
  }

  function pick() {
    const v = $("pick").value;
    const [kind, name] = v.split(":");
    if (kind === "example") {
      $("profile").value = state.examples.find((e) => e.name === name).profile;
    } else {
      $("profile").value = `profile: ${name}\nscenario: ${name}\n`;
    }
    state.weights = null;
    gutter(new Set());
    decide();
  }

  async function start() {
    const [s, e] = await Promise.all([api("GET", "/v1/scenarios"), api("GET", "/v1/examples")]);
    state.scenarios = s.data.scenarios;
    for (const c of s.data.criteria) state.criteria[c.id] = c;
    state.examples = e.data;
    $("catalog").textContent = `Catalogue ${s.data.catalog.name} ${s.data.catalog.version}`;
    const select = $("pick");
    const examples = document.createElement("optgroup");
    examples.label = "Examples";
    for (const x of state.examples) {
      const o = el("option", x.name);
      o.value = `example:${x.name}`;
      examples.append(o);
    }
    const scenarios = document.createElement("optgroup");
    scenarios.label = "Scenarios";
    for (const x of state.scenarios) {
      const o = el("option", `${x.name} (${x.id})`);
      o.value = `scenario:${x.id}`;
      scenarios.append(o);
    }
    select.append(examples, scenarios);
    select.value = state.examples.some((x) => x.name === "edge") ? "example:edge" : select.options[0].value;
    select.addEventListener("change", pick);
    let typing;
    $("profile").addEventListener("input", () => {
      gutter(new Set());
      clearTimeout(typing);
      typing = setTimeout(() => {
        state.weights = null;
        decide();
      }, 300);
    });
    $("profile").addEventListener("scroll", () => { $("gutter").scrollTop = $("profile").scrollTop; });
    $("robustness").addEventListener("change", decide);
    $("decide").addEventListener("click", decide);
    $("keep").addEventListener("click", keep);
    $("refresh").addEventListener("click", history);
    $("drift").addEventListener("click", drift);
    pick();
    history();
  }

  start();
})();
