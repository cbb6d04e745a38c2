/**
 * Draws the dashboard from one GraphQL request per view: members by region
 * over time (stacked), chapters by status and by kind, and growth by region.
 * Series and rows built from synthetic figures are drawn dashed and marked, and
 * the page shows a "Synthetic data" badge whenever any are on it. When a view
 * is drawn, #dashboard gets data-ready="true" and data-interval (for tests and
 * for anyone scripting the page); a failed request shows its message instead.
 */
/* global Chart, document, fetch, FormData */

const QUERY = `query Dashboard($interval: StatsInterval!, $from: Date!, $to: Date!) {
  memberStats(groupBy: REGION, interval: $interval, from: $from, to: $to) { key label synthetic points { date individualMembers } }
  growth(groupBy: REGION, from: $from, to: $to) {
    key label synthetic start { individualMembers } end { individualMembers } individualMembers { absolute relative }
  }
  byStatus: chapterCounts(groupBy: STATUS) { key label count }
  byKind: chapterCounts(groupBy: KIND) { key label count }
}`;

const COLOURS = ["#0b6e99", "#d9480f", "#2b8a3e", "#7048e8", "#c2255c", "#b08900", "#5c6b7a", "#0ca678"];
const SYNTHETIC_DASH = [6, 4];

const root = document.getElementById("dashboard");
const form = document.getElementById("controls");
const errorBox = document.getElementById("error");
const charts = new Map();
const count = new Intl.NumberFormat("en");
const signed = new Intl.NumberFormat("en", { signDisplay: "exceptZero" });
// One decimal always ("+161.0%", "+175.3%"), so a column of changes reads alike.
const percent = new Intl.NumberFormat("en", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: "exceptZero" });

async function graphql(query, variables) {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join(" "));
  if (!response.ok) throw new Error(`the API answered HTTP ${response.status}`);
  return body.data;
}

/** A point's label on the time axis: the interval it closes. */
function intervalLabel(date, interval) {
  if (interval === "YEAR") return date.slice(0, 4);
  if (interval === "QUARTER") return `${date.slice(0, 4)} Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
  return date.slice(0, 7);
}

/** Draws `config` on the canvas `id`, replacing its chart (Chart.js keeps one per canvas). */
function draw(id, config) {
  charts.get(id)?.destroy();
  charts.set(id, new Chart(document.getElementById(id), config));
}

function drawMembers(series, interval) {
  draw("members-chart", {
    type: "line",
    data: {
      labels: (series[0]?.points ?? []).map((point) => intervalLabel(point.date, interval)),
      datasets: series.map((s, i) => ({
        label: s.synthetic ? `${s.label} (synthetic)` : s.label,
        data: s.points.map((point) => point.individualMembers),
        borderColor: COLOURS[i % COLOURS.length],
        backgroundColor: `${COLOURS[i % COLOURS.length]}2e`,
        borderDash: s.synthetic ? SYNTHETIC_DASH : [],
        borderWidth: 2,
        pointRadius: 0,
        // Stacked: each area fills down to the series below it.
        fill: i === 0 ? "origin" : "-1",
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: "index", intersect: false },
      scales: { y: { stacked: true, beginAtZero: true, title: { display: true, text: "Individual members (stacked)" } } },
      plugins: { legend: { position: "bottom" } },
    },
  });
}

function drawCounts(id, counts, title) {
  draw(id, {
    type: "bar",
    data: {
      labels: counts.map((c) => c.label),
      datasets: [{ label: "Chapters", data: counts.map((c) => c.count), backgroundColor: COLOURS.slice(0, counts.length) }],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: false }, title: { display: true, text: title } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
}

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function fillGrowth(growth, from, to) {
  document.getElementById("growth-caption").textContent = `Individual members on ${from} and on ${to}`;
  document.querySelector("#growth-table tbody").replaceChildren(
    ...growth.map((g) => {
      const row = document.createElement("tr");
      row.dataset.synthetic = String(g.synthetic);
      const name = document.createElement("th");
      name.scope = "row";
      name.textContent = g.label;
      row.append(
        name,
        cell(count.format(g.start.individualMembers)),
        cell(count.format(g.end.individualMembers)),
        cell(signed.format(g.individualMembers.absolute)),
        cell(g.individualMembers.relative === null ? "–" : percent.format(g.individualMembers.relative)),
        g.synthetic ? cell("synthetic", "synthetic") : cell("from sources"),
      );
      return row;
    }),
  );
}

let latestRequest = 0;

async function render() {
  const values = new FormData(form);
  const view = { interval: values.get("interval"), from: values.get("from"), to: values.get("to") };
  const request = ++latestRequest;
  root.dataset.ready = "false";
  try {
    const data = await graphql(QUERY, view);
    if (request !== latestRequest) return; // a newer view was asked for meanwhile
    drawMembers(data.memberStats, view.interval);
    drawCounts("status-chart", data.byStatus, "By status");
    drawCounts("kind-chart", data.byKind, "By kind");
    fillGrowth(data.growth, view.from, view.to);
    const synthetic = data.memberStats.some((s) => s.synthetic) || data.growth.some((g) => g.synthetic);
    document.getElementById("synthetic-badge").hidden = !synthetic;
    document.getElementById("synthetic-note").hidden = !synthetic;
    errorBox.hidden = true;
    root.dataset.interval = view.interval;
    root.dataset.ready = "true";
  } catch (error) {
    if (request !== latestRequest) return;
    errorBox.textContent = `The figures could not be loaded: ${error.message}`;
    errorBox.hidden = false;
    root.dataset.ready = "error";
  }
}

form.addEventListener("submit", (event) => event.preventDefault());
form.addEventListener("change", () => {
  if (form.checkValidity()) render();
});
render();
