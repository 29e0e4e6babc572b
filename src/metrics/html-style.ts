/** The scorecard's and the pack's stylesheet, inlined: the page works with no network at all. */
export const STYLE = `
:root { --ink:#1d2433; --muted:#5b6478; --line:#e3e7ef; --bg:#f5f7fb; --card:#fff; --accent:#2f5fb3;
  --good:#2e8b57; --fair:#d99a1e; --poor:#c8463d; --mkt:#7b3fa0; --sales:#1f6fb2; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: var(--bg); }
header.top { display: flex; justify-content: space-between; align-items: flex-end; gap: 24px; flex-wrap: wrap;
  padding: 28px 40px 22px; background: linear-gradient(120deg, #1f3c74, #2f5fb3 60%, #3f7bd0); color: #fff; }
header.top h1 { margin: 0 0 4px; font-size: 28px; letter-spacing: -0.01em; }
header.top .period { margin: 0; font-size: 17px; opacity: 0.95; }
header.top .stamp { font-size: 13px; opacity: 0.9; text-align: right; }
header.top .picker { margin-bottom: 6px; }
header.top .picker select { font: inherit; padding: 4px 8px; border-radius: 6px; border: 0; }
header.top .picker button { margin: 0; padding: 5px 12px; background: #fff; color: #1f3c74; }
header.top .links { margin: 0 0 8px; } header.top .links a { color: #fff; }
main { padding: 24px 40px 48px; max-width: 1440px; margin: 0 auto; }
main.pack { max-width: 980px; }
main.pack svg.chart { max-width: 640px; }
.kpis { display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 12px; margin-bottom: 20px; }
@media (max-width: 900px) { .kpis { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
.kpi { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
.kpi-label { font-size: 12.5px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
.kpi-value { font-size: 28px; font-weight: 650; margin: 2px 0; font-variant-numeric: tabular-nums; }
.kpi-parts { font-size: 12.5px; color: var(--muted); min-height: 1.2em; }
.delta { font-size: 13px; font-weight: 600; margin-top: 4px; }
.delta.better { color: var(--good); } .delta.worse { color: var(--poor); } .delta.same, .delta.unknown { color: var(--muted); font-weight: 500; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 20px; margin-bottom: 20px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 18px 22px; margin-bottom: 20px; }
.grid .card { margin-bottom: 0; }
.card h2 { margin: 0 0 2px; font-size: 18px; }
.lede { margin: 0 0 12px; color: var(--muted); font-size: 13.5px; }
svg.chart { width: 100%; height: auto; display: block; font-family: inherit; }
.wide svg.chart { max-width: 820px; margin: 4px auto 0; }
svg .axis-label { fill: var(--muted); font-size: 12.5px; }
svg .small { font-size: 11px; }
svg .value { fill: var(--ink); font-size: 13px; font-weight: 650; }
svg .note { fill: var(--muted); font-size: 12px; font-weight: 400; }
svg .on-bar { fill: #fff; font-size: 11.5px; font-weight: 650; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .funnel-bar { fill: var(--accent); } svg .funnel-1 { opacity: 0.9; } svg .funnel-2 { opacity: 0.8; }
svg .funnel-3 { opacity: 0.7; } svg .funnel-4 { opacity: 0.6; } svg .funnel-5 { fill: var(--good); }
svg .good { fill: var(--good); } svg .fair { fill: var(--fair); } svg .poor { fill: var(--poor); }
svg .hist { fill: #5a86c9; }
svg .band-undefined { fill: #f6d5d1; } svg .band-defined { fill: #fbe7c6; } svg .band-aligned { fill: #d6ecd8; } svg .band-integrated { fill: #cfe0f6; }
svg .band-label { fill: #3a4254; font-size: 11.5px; font-weight: 600; }
svg .marker-marketing { fill: var(--mkt); } svg .marker-sales { fill: var(--sales); } svg .marker-observed { fill: var(--ink); }
svg .marker-line { stroke: #8a93a6; stroke-dasharray: 3 3; }
svg .marker-text { font-size: 13px; font-weight: 650; }
svg .marker-text-marketing { fill: var(--mkt); } svg .marker-text-sales { fill: var(--sales); } svg .marker-text-observed { fill: var(--ink); }
.legend { display: flex; flex-wrap: wrap; gap: 6px 14px; list-style: none; padding: 0; margin: 0 0 8px; font-size: 12.5px; color: var(--muted); }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
.two { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 24px; margin-top: 10px; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; font-variant-numeric: tabular-nums; }
th, td { text-align: right; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th:first-child, td:first-child { text-align: left; }
th { font-size: 12px; color: var(--muted); font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em; }
td.text, th.text { text-align: left; }
.band-pill { display: inline-block; padding: 2px 10px; border-radius: 999px; font-weight: 650; font-size: 13px; }
.band-pill.undefined { background: #f6d5d1; } .band-pill.defined { background: #fbe7c6; }
.band-pill.aligned { background: #d6ecd8; } .band-pill.integrated { background: #cfe0f6; }
.big { font-size: 22px; font-weight: 650; }
.muted { color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
details summary { cursor: pointer; color: var(--accent); font-weight: 600; margin: 8px 0; }
dl.glossary { display: grid; grid-template-columns: minmax(180px, 240px) 1fr; gap: 6px 18px; font-size: 13.5px; }
dl.glossary dt { font-weight: 600; } dl.glossary dd { margin: 0; color: #39404f; }
form.diagnostic .who { display: flex; flex-wrap: wrap; gap: 18px; align-items: flex-end; margin-bottom: 12px; }
form.diagnostic fieldset { border: 1px solid var(--line); border-radius: 8px; padding: 6px 12px; }
form.diagnostic input[type=text] { font: inherit; padding: 6px 8px; border: 1px solid #c9d0dc; border-radius: 6px; min-width: 240px; }
table.likert td, table.likert th { text-align: center; } table.likert td:first-child, table.likert th:first-child { text-align: left; }
button { font: inherit; font-weight: 600; color: #fff; background: var(--accent); border: 0; border-radius: 8px; padding: 9px 18px; cursor: pointer; margin-top: 12px; }
.notice { background: #e8f3ea; border: 1px solid #b9dcc0; padding: 10px 14px; border-radius: 8px; margin-bottom: 16px; }
@media print { header.top { background: #1f3c74; -webkit-print-color-adjust: exact; print-color-adjust: exact; } .card { break-inside: avoid; } }
`;
