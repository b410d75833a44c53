/** The timeline page's stylesheet, inlined: the page loads nothing from anywhere. */
export const pageStyle = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --accent: #0969da; --bad: #cf222e; --ok: #1a7f37; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: #f6f8fa; }
header { background: #24292f; color: #fff; padding: 20px 32px; }
header h1 { margin: 0 0 4px; font-size: 24px; }
header p { margin: 0; color: #d1d9e0; }
nav { padding: 8px 32px; background: #fff; border-bottom: 1px solid var(--line); }
nav a { margin-right: 16px; color: var(--accent); text-decoration: none; }
main { max-width: 1100px; margin: 0 auto; padding: 16px 32px 48px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 24px; margin: 20px 0; overflow-x: auto; }
section > h2 { margin-top: 0; font-size: 20px; border-bottom: 1px solid var(--line); padding-bottom: 8px; }
.absent { color: var(--muted); font-style: italic; }
.verdict.ok { color: var(--ok); } .verdict.bad { color: var(--bad); }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.detail { font-family: ui-monospace, monospace; font-size: 12px; max-width: 520px; word-break: break-word; }
pre { background: #f6f8fa; padding: 10px; border-radius: 6px; overflow-x: auto; }
code { font-family: ui-monospace, SFMono-Regular, monospace; font-size: 13px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 12px; margin-bottom: 16px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; }
.card .k { color: var(--muted); font-size: 13px; } .card .v { font-size: 20px; font-weight: 600; }
.charts { display: flex; flex-wrap: wrap; gap: 24px; }
figure { margin: 0; } figcaption { color: var(--muted); font-size: 13px; }
svg.chart { max-width: 100%; height: auto; font-size: 11px; }
svg .bar { fill: var(--accent); } svg .axis, svg .grid { stroke: var(--line); }
svg .dot { fill: var(--accent); } svg .dot.failed { fill: var(--bad); }
svg .lane { font-size: 12px; fill: var(--fg); } svg .label, svg .value { fill: var(--muted); }
footer { color: var(--muted); text-align: center; font-size: 13px; padding-bottom: 24px; }
`;
