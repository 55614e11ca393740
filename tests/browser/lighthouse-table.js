// Prints Lighthouse's four scores for each page of lighthouse-audit.js, as
// a table, with the performance metrics behind the score and the totals.
// Figures to read, not a pass/fail test (lighthouse.test.js asserts the
// other three categories); exits non-zero only when a page could not be
// audited at all. Run by scripts/lighthouse:
//   node lighthouse-table.js <built site folder>
import { serve } from "./server.js";
import { CATEGORIES, PAGES, audit, metrics, score, startChrome } from "./lighthouse-audit.js";

const root = process.argv[2];
if (!root) {
  console.error("usage: node lighthouse-table.js <built site folder>");
  process.exit(2);
}
const { server, origin } = await serve(root);
const chrome = await startChrome();
const rows = [];
let failed = 0;
const started = Date.now();
try {
  for (const page of PAGES) {
    const began = Date.now();
    try {
      const lhr = await audit(chrome, origin + page.path);
      rows.push({ ...page, scores: CATEGORIES.map((category) => score(lhr, category)), metrics: metrics(lhr), seconds: (Date.now() - began) / 1000 });
    } catch (error) {
      failed += 1;
      rows.push({ ...page, scores: CATEGORIES.map(() => null), metrics: {}, seconds: (Date.now() - began) / 1000, error: error.message });
    }
    process.stderr.write(".");
  }
} finally {
  process.stderr.write("\n");
  await chrome.kill();
  server.close();
}

const HEAD = ["page", "perf", "a11y", "best", "seo", "total", "FCP", "LCP", "TBT", "CLS", "time"];
const cell = (value) => (value === null || value === undefined ? "-" : String(value));
const table = rows.map((row) => {
  const known = row.scores.filter((value) => value !== null);
  const total = known.length === CATEGORIES.length ? known.reduce((a, b) => a + b, 0) : null;
  const mark = row.allowed ? " *" : "";
  return [`${row.name} ${row.path}${mark}`, ...row.scores.map(cell), total === null ? "-" : `${total}/400`,
    cell(row.metrics.FCP), cell(row.metrics.LCP), cell(row.metrics.TBT), cell(row.metrics.CLS), `${row.seconds.toFixed(1)} s`];
});
const means = CATEGORIES.map((_, i) => {
  const known = rows.map((row) => row.scores[i]).filter((value) => value !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
});
const perfect = CATEGORIES.map((_, i) => rows.filter((row) => row.scores[i] === 100).length);
const grand = rows.reduce((sum, row) => sum + row.scores.reduce((a, b) => a + (b ?? 0), 0), 0);
table.push(["mean of " + rows.length + " pages", ...means.map((mean) => (mean === null ? "-" : mean.toFixed(1))), `${(grand / rows.length).toFixed(1)}/400`, "", "", "", "", ""]);
table.push(["pages at 100", ...perfect.map((count) => `${count}/${rows.length}`), "", "", "", "", "", ""]);
const widths = HEAD.map((title, i) => Math.max(title.length, ...table.map((row) => row[i].length)));
const line = (row) => row.map((value, i) => (i === 0 ? value.padEnd(widths[i]) : value.padStart(widths[i]))).join("  ").trimEnd();
console.log(line(HEAD));
console.log(widths.map((width) => "-".repeat(width)).join("  "));
table.slice(0, rows.length).forEach((row) => console.log(line(row)));
console.log(widths.map((width) => "-".repeat(width)).join("  "));
table.slice(rows.length).forEach((row) => console.log(line(row)));
console.log(`total: ${grand} of ${rows.length * 400} points, ${rows.length} pages in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log("Lighthouse 12.2.3, default (mobile) config with simulated throttling, in Debian's Chromium.");
for (const row of rows.filter((row) => row.allowed)) {
  console.log(`* ${row.path} fails ${Object.values(row.allowed).flat().join(", ")} on purpose (kept out of search engines).`);
}
for (const row of rows.filter((row) => row.error)) console.log(`could not audit ${row.path}: ${row.error}`);
process.exit(failed ? 1 : 0);
