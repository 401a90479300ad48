// The observatory's dashboard (docs/api.md, "Dashboard"): plain JavaScript over the API under
// /api/v1 and the live WebSocket, charts drawn with uPlot served from this application's jar.
// Views by URL hash: #/runs, #/runs/ID, #/compare/ID?baseline=NAME, #/live/ID, #/start.
(function () {
  "use strict";

  const view = document.getElementById("view");
  const tokenInput = document.getElementById("token");
  tokenInput.value = localStorage.getItem("observatory.token") || "";
  tokenInput.addEventListener("change", () => localStorage.setItem("observatory.token", tokenInput.value.trim()));
  document.getElementById("token-form").addEventListener("submit", (e) => { e.preventDefault(); localStorage.setItem("observatory.token", tokenInput.value.trim()); });
  let cleanup = [];
  const plots = new Set();

  // ---- small helpers ----------------------------------------------------------------------
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") el.className = v;
      else if (k.startsWith("on")) el.addEventListener(k.substring(2), v);
      else if (k === "dataset") Object.assign(el.dataset, v);
      else el.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  function headers(extra) {
    const t = localStorage.getItem("observatory.token");
    return Object.assign(t ? { Authorization: "Bearer " + t } : {}, extra || {});
  }

  async function api(path, options) {
    const response = await fetch(path, Object.assign({ headers: headers() }, options || {}));
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (e) { body = { detail: text }; }
    if (!response.ok) {
      const detail = body && body.detail ? body.detail : response.status + " " + response.statusText;
      const error = new Error(detail);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  const fmt = {
    n: (v, d) => v === null || v === undefined || Number.isNaN(v) ? "–" : Number(v).toLocaleString("en-US", { maximumFractionDigits: d === undefined ? 1 : d }),
    ms: (v) => v === null || v === undefined ? "–" : (v >= 100 ? fmt.n(v, 0) : fmt.n(v, 2)) + " ms",
    when: (t) => t ? new Date(t).toISOString().replace("T", " ").substring(0, 19) : "–",
  };
  const secs = (iso) => Date.parse(iso) / 1000;
  const badge = (text) => { const t = text ? String(text).toLowerCase() : ""; return h("span", { class: "badge " + t }, t || "–"); };
  const link = (href, text) => h("a", { href }, text);
  const tile = (k, v) => h("div", { class: "tile" }, h("div", { class: "v" }, v), h("div", { class: "k" }, k));
  const COLORS = ["#2659d8", "#c4320a", "#12805c", "#b54708", "#7a5af8", "#0e9384", "#dd2590", "#667085"];

  function showError(e) {
    view.append(h("div", { class: "error", role: "alert" }, e.message || String(e)));
  }

  /** A uPlot chart in a card; the card says how many points it drew (data-points), which the browser tests read. */
  function chart(title, xs, series, options) {
    const opts = options || {};
    const holder = h("div", { class: "chart" });
    const card = h("div", { class: "card" }, h("h3", {}, title), holder);
    const points = series.reduce((n, s) => n + s.values.filter((v) => v !== null && v !== undefined).length, 0);
    card.dataset.chart = title;
    card.dataset.points = String(points);
    if (points === 0) {
      holder.append(h("p", { class: "note" }, opts.empty || "no data"));
      return card;
    }
    requestAnimationFrame(() => {
      const width = Math.max(holder.clientWidth, 480);
      const plot = new uPlot({
        width, height: 220,
        scales: { x: { time: opts.time !== false, distr: 1 }, y: opts.yRange ? { range: opts.yRange } : {} },
        axes: [ opts.xAxis || {}, { label: opts.yLabel || "", size: 60 } ],
        series: [{ label: opts.xLabel || "time" }].concat(series.map((s, i) => ({
          label: s.label, stroke: s.stroke || COLORS[i % COLORS.length], width: 1.5, spanGaps: false,
          points: { show: xs.length < 40 },
        }))),
        legend: { live: true },
      }, [xs].concat(series.map((s) => s.values)), holder);
      card.dataset.drawn = "true";
      card.plot = plot;
      plots.add(plot);
    });
    return card;
  }

  function setActive(name) {
    document.querySelectorAll("nav a").forEach((a) => a.classList.toggle("active", a.dataset.view === name));
  }

  // ---- run list ---------------------------------------------------------------------------
  async function runsView(params) {
    setActive("runs");
    const page = Number(params.get("page") || 0);
    const q = new URLSearchParams({ page: String(page), size: "25" });
    for (const k of ["benchmark", "status"]) if (params.get(k)) q.set(k, params.get(k));
    const form = h("form", { class: "filters", onsubmit: (e) => {
      e.preventDefault();
      const f = new FormData(e.target);
      const next = new URLSearchParams();
      for (const [k, v] of f.entries()) if (v) next.set(k, v);
      location.hash = "#/runs?" + next.toString();
    } },
      h("label", {}, "benchmark", h("input", { name: "benchmark", value: params.get("benchmark") || "" })),
      h("label", {}, "status", h("select", { name: "status" }, ["", "running", "completed", "failed", "aborted", "superseded"]
        .map((s) => h("option", { value: s, selected: s === (params.get("status") || "") }, s || "any")))),
      h("button", { type: "submit" }, "Filter"));
    view.append(h("h1", {}, "Runs"), h("div", { class: "sub" }, "Every stored run, newest first"), form);
    const data = await api("/api/v1/runs?" + q.toString());
    const runs = data.runs;
    const chronological = runs.slice().reverse();
    view.append(h("div", { class: "grid" },
      chart("Sustained throughput of these runs (events/s)", chronological.map((r) => secs(r.created_at)),
        [{ label: "events/s", values: chronological.map((r) => r.sustained_eps) }], { yLabel: "events/s" }),
      chart("End-to-end p99 of these runs (ms)", chronological.map((r) => secs(r.created_at)),
        [{ label: "p99 ms", values: chronological.map((r) => r.p99_ms) }], { yLabel: "ms" })));
    const table = h("table", { id: "run-list" },
      h("thead", {}, h("tr", {}, ["run", "benchmark", "status", "created (UTC)", "seconds", "processed", "events/s", "p99", "targets", ""]
        .map((c, i) => h("th", { class: i >= 4 && i <= 7 ? "num" : "" }, c)))),
      h("tbody", {}, runs.map((r) => h("tr", { dataset: { run: r.run_id } },
        h("td", {}, link("#/runs/" + encodeURIComponent(r.run_id), r.run_id)),
        h("td", {}, link("#/runs?benchmark=" + encodeURIComponent(r.benchmark), r.benchmark)),
        h("td", {}, badge(r.status)),
        h("td", {}, fmt.when(r.created_at)),
        h("td", { class: "num" }, fmt.n(r.duration_seconds, 0)),
        h("td", { class: "num" }, fmt.n(r.processed, 0)),
        h("td", { class: "num" }, fmt.n(r.sustained_eps, 0)),
        h("td", { class: "num" }, fmt.ms(r.p99_ms)),
        h("td", {}, r.targets_met === null || r.targets_met === undefined ? "–" : badge(r.targets_met ? "ok" : "failed")),
        h("td", {}, r.status === "running" ? link("#/live/" + encodeURIComponent(r.run_id), "live") : "")))));
    view.append(h("h2", {}, data.total + " run(s)"), table);
    const pages = Math.max(1, Math.ceil(data.total / data.size));
    const to = (p) => { const n = new URLSearchParams(params); n.set("page", String(p)); return "#/runs?" + n.toString(); };
    view.append(h("div", { class: "pager" }, page > 0 ? link(to(page - 1), "← newer") : "", "page " + (page + 1) + " of " + pages,
      page + 1 < pages ? link(to(page + 1), "older →") : ""));
  }

  // ---- run detail -------------------------------------------------------------------------
  function timelineCharts(report) {
    const t = report.timeline || [];
    const xs = t.map((p) => secs(p.window_start));
    const cards = [
      chart("Throughput (events per 1 s window)", xs, [
        { label: "processed", values: t.map((p) => p.processed) },
        { label: "dead-lettered", values: t.map((p) => p.dead_lettered) }], { yLabel: "events" }),
      chart("End-to-end latency over time (ms)", xs, [
        { label: "p50", values: t.map((p) => p.end_to_end_ms.count ? p.end_to_end_ms.p50 : null) },
        { label: "p99", values: t.map((p) => p.end_to_end_ms.count ? p.end_to_end_ms.p99 : null) },
        { label: "p99.9", values: t.map((p) => p.end_to_end_ms.count ? p.end_to_end_ms.p999 : null) }], { yLabel: "ms" }),
      chart("Consumer lag", xs, [
        { label: "records", values: t.map((p) => p.lag_records === undefined ? null : p.lag_records) },
        { label: "seconds × 1000", values: t.map((p) => p.lag_seconds === null || p.lag_seconds === undefined ? null : p.lag_seconds * 1000) }],
        { yLabel: "records / ms", empty: "no lag samples in this run" }),
    ];
    return cards;
  }

  function distributionChart(title, reports) {
    const nines = (p) => p >= 100 ? 5.3 : -Math.log10(1 - p / 100);
    const first = reports[0].report.latency_distribution_ms || [];
    const xs = first.map((d) => nines(d.percentile));
    const series = [];
    reports.forEach((r, i) => {
      const byP = new Map((r.report.latency_distribution_ms || []).map((d) => [d.percentile, d]));
      series.push({ label: r.label + " end-to-end", values: first.map((d) => (byP.get(d.percentile) || {}).end_to_end ?? null), stroke: COLORS[i * 3 % COLORS.length] });
      if (reports.length === 1) {
        series.push({ label: "publish", values: first.map((d) => d.publish) });
        series.push({ label: "schedule slip", values: first.map((d) => d.schedule_slip) });
      }
    });
    const shown = new Set([0, 50, 90, 99, 99.9, 99.99, 99.999, 100]);
    const labels = new Map(first.map((d, i) => [xs[i], d.percentile >= 100 ? "max" : d.percentile + "%"]));
    const splits = xs.filter((x, i) => shown.has(first[i].percentile));
    return chart(title, xs, series, { time: false, xLabel: "percentile", yLabel: "ms",
      xAxis: { splits: () => splits, values: (u, ticks) => ticks.map((x) => labels.get(x) || ""), label: "percentile" } });
  }

  function resourceCharts(report) {
    const timeline = report.resource_timeline || {};
    const components = Object.keys(timeline);
    if (components.length === 0) return [chart("CPU by component (cores)", [], [], { empty: "no resource samples" })];
    const all = [...new Set(components.flatMap((c) => timeline[c].map((p) => p.at)))].sort();
    const xs = all.map(secs);
    const at = (c, field) => { const m = new Map(timeline[c].map((p) => [p.at, p[field]])); return all.map((t) => m.has(t) ? m.get(t) : null); };
    return [
      chart("CPU by component (cores)", xs, components.map((c) => ({ label: c, values: at(c, "cpu_cores") })), { yLabel: "cores" }),
      chart("Resident memory by component (MB)", xs, components.map((c) => ({ label: c, values: at(c, "rss_mb") })), { yLabel: "MB" }),
    ];
  }

  async function runView(id) {
    setActive("runs");
    const [summary, report] = await Promise.all([api("/api/v1/runs/" + encodeURIComponent(id)), api("/api/v1/runs/" + encodeURIComponent(id) + "/report")]);
    const e = report.events, lat = report.latency_ms.end_to_end;
    view.append(
      h("h1", {}, report.run_id, " ", badge(report.status)),
      h("div", { class: "sub" }, report.benchmark, " · generation ", fmt.when(report.timing.generation_started_at), " – ",
        fmt.when(report.timing.generation_ended_at), " · ", link("/api/v1/runs/" + encodeURIComponent(id) + "/report", "report.json"),
        " · ", summary.status === "running" ? link("#/live/" + encodeURIComponent(id), "live view") : "",
        " ", link("#/compare/" + encodeURIComponent(id), "compare with a baseline")),
      h("div", { class: "tiles" },
        tile("sustained events/s", fmt.n(report.throughput.sustained_eps, 0)),
        tile("peak events/s", fmt.n(report.throughput.peak_eps, 0)),
        tile("end-to-end p50", fmt.ms(lat.p50)), tile("end-to-end p99", fmt.ms(lat.p99)), tile("end-to-end p99.9", fmt.ms(lat.p999)),
        tile("generated", fmt.n(e.generated, 0)), tile("processed", fmt.n(e.processed, 0)), tile("dead-lettered", fmt.n(e.dead_lettered, 0)),
        tile("lost", fmt.n(e.lost, 0)), tile("targets", report.targets.met ? "met" : "missed")),
      report.targets.failures && report.targets.failures.length ? h("div", { class: "error" }, report.targets.failures.join("\n")) : "",
      h("div", { class: "grid" }, timelineCharts(report), distributionChart("Latency by percentile (ms)", [{ label: "run", report }]), resourceCharts(report)));
    const hot = report.hot_methods || [];
    view.append(h("h2", {}, "Hot methods"), hot.length === 0 ? h("p", { class: "note" }, "no flight recording in this run") :
      h("table", { id: "hot-methods" }, h("thead", {}, h("tr", {}, ["component", "kind", "method", "self %", "total %"].map((c, i) => h("th", { class: i >= 3 ? "num" : "" }, c)))),
        h("tbody", {}, hot.map((m) => h("tr", {}, h("td", {}, m.component), h("td", {}, m.kind), h("td", {}, m.method),
          h("td", { class: "num" }, fmt.n(m.self_percent, 1)), h("td", { class: "num" }, fmt.n(m.total_percent, 1)))))));
    const artifacts = Object.keys(report.artifacts || {});
    view.append(h("h2", {}, "Flamegraphs and recordings"), artifacts.length === 0 ? h("p", { class: "note" }, "none") :
      h("ul", { id: "artifacts" }, artifacts.map((a) => h("li", {}, link("/api/v1/runs/" + encodeURIComponent(id) + "/artifacts/" + encodeURIComponent(a), a)))));
    const types = Object.entries(report.by_type || {});
    view.append(h("h2", {}, "By event type"), h("table", {}, h("thead", {}, h("tr", {}, ["type", "processed", "events/s", "p99"].map((c, i) => h("th", { class: i ? "num" : "" }, c)))),
      h("tbody", {}, types.map(([t, r]) => h("tr", {}, h("td", {}, t), h("td", { class: "num" }, fmt.n(r.events.processed, 0)),
        h("td", { class: "num" }, fmt.n(r.throughput.sustained_eps, 0)), h("td", { class: "num" }, fmt.ms(r.latency_ms.end_to_end.p99)))))));
  }

  // ---- compare ----------------------------------------------------------------------------
  async function compareView(id, params) {
    setActive("runs");
    const baselines = await api("/api/v1/baselines");
    const chosen = params.get("baseline") || (baselines[0] && baselines[0].name) || "";
    view.append(h("h1", {}, "Compare ", id),
      h("form", { class: "filters", onsubmit: (e) => { e.preventDefault(); location.hash = "#/compare/" + encodeURIComponent(id) + "?baseline=" + encodeURIComponent(new FormData(e.target).get("baseline")); } },
        h("label", {}, "baseline (a name or a run id)", h("input", { name: "baseline", value: chosen, list: "baseline-names" })),
        h("datalist", { id: "baseline-names" }, baselines.map((b) => h("option", { value: b.name }, b.run_id))),
        h("button", { type: "submit" }, "Compare")));
    if (!chosen) {
      view.append(h("p", { class: "note" }, "No baseline is named yet: give a run id, or name one with POST /api/v1/baselines or observatory baseline set."));
      return;
    }
    const c = await api("/api/v1/runs/" + encodeURIComponent(id) + "/comparison?baseline=" + encodeURIComponent(chosen));
    const [candidate, base] = await Promise.all([api("/api/v1/runs/" + encodeURIComponent(id) + "/report"), api("/api/v1/runs/" + encodeURIComponent(c.baseline_run_id) + "/report")]);
    view.append(h("div", { class: "sub" }, "against ", c.baseline_name, " (run ", link("#/runs/" + encodeURIComponent(c.baseline_run_id), c.baseline_run_id), "): ",
      h("span", { id: "verdict" }, badge(c.verdict))),
      c.environment_differences && c.environment_differences.length ? h("div", { class: "error" }, "The environments differ: " + c.environment_differences.join("; ")) : "",
      h("table", { id: "comparison" }, h("thead", {}, h("tr", {}, ["metric", "baseline", "candidate", "change", "p-value", "verdict", "why"].map((x, i) => h("th", { class: i >= 1 && i <= 4 ? "num" : "" }, x)))),
        h("tbody", {}, c.metrics.map((m) => h("tr", {}, h("td", {}, m.metric + (m.unit ? " (" + m.unit + ")" : "")),
          h("td", { class: "num" }, fmt.n(m.baseline, 2)), h("td", { class: "num" }, fmt.n(m.candidate, 2)),
          h("td", { class: "num" }, (m.change_percent > 0 ? "+" : "") + fmt.n(m.change_percent, 1) + " %"),
          h("td", { class: "num" }, m.p_value === null || m.p_value === undefined ? "–" : m.p_value < 0.0001 ? m.p_value.toExponential(1) : fmt.n(m.p_value, 4)),
          h("td", {}, badge(m.verdict)), h("td", { class: "note" }, m.reason))))));
    const align = (r) => { const t = r.timeline || []; const t0 = t.length ? secs(t[0].window_start) : 0; return t.map((p) => ({ x: secs(p.window_start) - t0, p })); };
    const a = align(candidate), b = align(base);
    const xs = [...new Set(a.map((v) => v.x).concat(b.map((v) => v.x)))].sort((x, y) => x - y);
    const pick = (arr, f) => { const m = new Map(arr.map((v) => [v.x, f(v.p)])); return xs.map((x) => m.has(x) ? m.get(x) : null); };
    view.append(h("div", { class: "grid" },
      distributionChart("Latency by percentile: candidate and baseline (ms)", [{ label: "candidate", report: candidate }, { label: "baseline", report: base }]),
      chart("Throughput per second since generation started", xs, [
        { label: "candidate", values: pick(a, (p) => p.processed) }, { label: "baseline", values: pick(b, (p) => p.processed) }],
        { time: false, xLabel: "seconds", yLabel: "events" }),
      chart("End-to-end p99 per second since generation started (ms)", xs, [
        { label: "candidate", values: pick(a, (p) => p.end_to_end_ms.count ? p.end_to_end_ms.p99 : null) },
        { label: "baseline", values: pick(b, (p) => p.end_to_end_ms.count ? p.end_to_end_ms.p99 : null) }],
        { time: false, xLabel: "seconds", yLabel: "ms" })));
  }

  // ---- live -------------------------------------------------------------------------------
  async function liveView(id) {
    setActive("live");
    let runId = id;
    if (!runId) {
      try {
        const p = await api("/api/v1/performance");
        runId = p.run_id;
        if (!p.active) {
          view.append(h("h1", {}, "Live"), h("p", { class: "note" }, "No run is going. The latest was ", link("#/runs/" + encodeURIComponent(runId), runId),
            "; ", link("#/start", "start one"), "."));
          return;
        }
      } catch (e) {
        if (e.status === 404) { view.append(h("h1", {}, "Live"), h("p", { class: "note" }, "No run yet: ", link("#/start", "start one"), ".")); return; }
        throw e;
      }
    }
    const status = h("span", { id: "live-status", class: "badge" }, "connecting");
    const tiles = h("div", { class: "tiles" });
    const grid = h("div", { class: "grid" });
    view.append(h("h1", {}, "Live: ", runId, " ", status), h("div", { class: "sub" }, "Each closed one-second window as the topology publishes it; ",
      link("#/runs/" + encodeURIComponent(runId), "the run's report"), " once it ends."), tiles, grid);
    const xs = [], processed = [], p50 = [], p99 = [], lag = [];
    let received = 0;
    const redraw = () => {
      grid.querySelectorAll(".card").forEach((c) => { if (c.plot) { plots.delete(c.plot); c.plot.destroy(); } });
      grid.replaceChildren(
        chart("Events processed per window", xs.slice(), [{ label: "processed", values: processed.slice() }], { yLabel: "events" }),
        chart("End-to-end latency per window (ms)", xs.slice(), [{ label: "p50", values: p50.slice() }, { label: "p99", values: p99.slice() }], { yLabel: "ms" }),
        chart("Consumer lag (records)", xs.slice(), [{ label: "records", values: lag.slice() }], { yLabel: "records", empty: "no lag reported yet" }));
      grid.dataset.summaries = String(received);
    };
    redraw();
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(scheme + "//" + location.host + "/api/v1/live?run=" + encodeURIComponent(runId));
    cleanup.push(() => socket.close());
    socket.onopen = () => { status.textContent = "connected"; status.className = "badge running"; };
    socket.onclose = () => { status.textContent = "closed"; status.className = "badge"; };
    const take = (s) => {
      const x = secs(s.window_start);
      const i = xs.indexOf(x);
      const put = (arr, v) => { if (i >= 0) arr[i] = v; else arr.push(v); };
      if (i < 0) xs.push(x);
      put(processed, s.processed); put(p50, s.end_to_end_ms.p50); put(p99, s.end_to_end_ms.p99); put(lag, s.lag_records ?? null);
      while (xs.length > 300) { xs.shift(); processed.shift(); p50.shift(); p99.shift(); lag.shift(); }
      tiles.replaceChildren(tile("events in the last window", fmt.n(s.processed, 0)), tile("p99 in the last window", fmt.ms(s.end_to_end_ms.p99)),
        tile("processed so far", fmt.n(s.processed_total, 0)), tile("lag (records)", fmt.n(s.lag_records, 0)), tile("summaries received", String(received)));
    };
    socket.onmessage = (m) => {
      const s = JSON.parse(m.data);
      if (s.type === "ended") { status.textContent = "ended: " + s.status; status.className = "badge " + s.status; return; }
      if (s.type === "history") { s.windows.forEach(take); }
      else if (s.type === "window") { received++; take(s); }
      else return;
      redraw();
    };
  }

  // ---- start a run ------------------------------------------------------------------------
  async function startView() {
    setActive("start");
    const profiles = await api("/api/v1/profiles");
    view.append(h("h1", {}, "Start a run"), h("div", { class: "sub" }, "From a shipped load profile, on this API's stack; starting needs the API token (top right)."));
    if (profiles.length === 0) {
      view.append(h("p", { class: "note" }, "This API knows no shipped profiles (observatory.api.profiles-dir is not set); POST a spec to /api/v1/runs instead."));
      return;
    }
    const spec = h("pre", { class: "spec", id: "profile-spec" });
    const select = h("select", { name: "profile", id: "profile" }, profiles.map((p, i) => h("option", { value: String(i), disabled: !!p.error },
      p.file + (p.error ? " (invalid)" : " — " + p.name + ", " + fmt.n(p.offered_eps, 0) + " events/s for " + p.duration_seconds + " s"))));
    const result = h("div", { id: "start-result" });
    const show = () => { spec.textContent = profiles[Number(select.value)].spec; };
    select.addEventListener("change", show);
    view.append(h("form", { class: "start", onsubmit: async (e) => {
      e.preventDefault();
      result.replaceChildren();
      try {
        const started = await api("/api/v1/runs", { method: "POST", headers: headers({ "Content-Type": "application/yaml" }), body: profiles[Number(select.value)].spec });
        location.hash = "#/live/" + encodeURIComponent(started.run_id);
      } catch (err) {
        result.append(h("div", { class: "error", role: "alert" }, err.message));
      }
    } }, h("label", {}, "profile", select), h("button", { type: "submit" }, "Start")), result, spec);
    show();
  }

  // ---- routing ----------------------------------------------------------------------------
  async function route() {
    view.dataset.ready = "false";
    view.dataset.route = location.hash;
    cleanup.forEach((f) => { try { f(); } catch (e) { /* already gone */ } });
    cleanup = [];
    plots.forEach((p) => p.destroy());
    plots.clear();
    view.replaceChildren();
    const hash = location.hash.replace(/^#\/?/, "");
    const [path, query] = hash.split("?");
    const params = new URLSearchParams(query || "");
    const parts = path.split("/").filter((p) => p).map(decodeURIComponent);
    try {
      if (parts[0] === "runs" && parts[1]) await runView(parts[1]);
      else if (parts[0] === "compare" && parts[1]) await compareView(parts[1], params);
      else if (parts[0] === "live") await liveView(parts[1]);
      else if (parts[0] === "start") await startView();
      else await runsView(params);
    } catch (e) {
      showError(e);
    }
    view.dataset.ready = "true";
  }

  window.addEventListener("hashchange", route);
  route();
})();
