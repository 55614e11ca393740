// Lighthouse on the built demo site, shared by lighthouse.test.js (which
// asserts accessibility, best practices and SEO) and scripts/lighthouse
// (which prints all four scores, performance included). Lighthouse's own
// default config: a mobile phone, with simulated throttling, as parents
// mostly read the site. One Debian Chromium, started once, audits every
// page in turn.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import lighthouse from "lighthouse";
import { launch } from "chrome-launcher";

export const CHROMIUM = "/usr/lib/chromium/chromium";
// This machine has no internet: without the background-networking flags
// Chromium keeps trying Google's hosts.
const CHROME_FLAGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run",
];
export const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

/// One page of each kind the demo builds (`kind` is the page's
/// <body class="kind-…">; `name` says which page it is). `allowed` names
/// audits a page fails on purpose, per category; every other audit of the
/// category must pass.
export const PAGES = [
  { name: "home", kind: "section", path: "/" },
  { name: "section listing", kind: "section", path: "/parents-and-carers/" },
  { name: "plain page", kind: "page", path: "/parents-and-carers/coping-with-crying/" },
  { name: "priority", kind: "priority", path: "/priorities/safeguarding-babies/" },
  { name: "report index", kind: "report", path: "/reports/2023-24/" },
  { name: "report chapter", kind: "chapter", path: "/reports/2023-24/finances/" },
  { name: "resource", kind: "resource", path: "/resources/icon-leaflet/" },
  { name: "video", kind: "video", path: "/videos/icon-babies-cry-you-can-cope/" },
  { name: "resource catalogue", kind: "section", path: "/resources/" },
  { name: "catalogue filter", kind: "listing", path: "/resources/audience/parents-and-carers/topic/safer-sleeping/" },
  // With a query, so the search index loads and results are shown.
  { name: "search", kind: "search", path: "/search/?q=safer+sleep" },
  { name: "glossary", kind: "glossary", path: "/glossary/" },
  { name: "accessibility statement", kind: "accessibility", path: "/accessibility-statement/" },
  { name: "news item", kind: "news", path: "/news/priorities-2025-27/" },
  { name: "event", kind: "event", path: "/events/safer-sleeping-tool-briefing/" },
  { name: "past events", kind: "events-past", path: "/events/past/" },
  { name: "events for an audience", kind: "events-filter", path: "/events/audience/practitioners/" },
  // A missing address is answered with this page and status 404, and
  // Lighthouse will not audit a 404 response (ERRORED_DOCUMENT_REQUEST), so
  // the same file is audited at its own address, where it is a 200.
  { name: "404", kind: "not-found", path: "/404.html" },
  { name: "poster", kind: "poster", path: "/resources/icon-leaflet/poster/" },
  { name: "cookies", kind: "cookies", path: "/cookies/" },
  { name: "open data", kind: "open-data", path: "/open-data/" },
  // The editors' review list is kept out of search engines on purpose
  // (<meta name="robots" content="noindex"> and Disallow: /editors/ in
  // robots.txt), so SEO's "Page is blocked from indexing" must fail there,
  // and only that: every other SEO audit must still pass.
  { name: "editors' reviews", kind: "editors", path: "/editors/reviews/", allowed: { seo: ["is-crawlable"] } },
];

/// The kind of each HTML page of a built site that a reader can land on
/// (redirect pages have no body class): path → kind.
export function kindsOfPages(root) {
  const found = new Map();
  (function walk(folder) {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".html")) {
        const kind = readFileSync(path, "utf8").match(/<body class="kind-([^"\s]+)/)?.[1];
        if (kind) found.set("/" + path.slice(root.length + 1).replace(/index\.html$/, ""), kind);
      }
    }
  })(root);
  return found;
}

export function startChrome() {
  return launch({ chromePath: process.env.CHROME_PATH || CHROMIUM, chromeFlags: CHROME_FLAGS });
}

/// Lighthouse's report (LHR) of one address, in the Chrome started above.
export async function audit(chrome, url) {
  const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error" });
  const lhr = result.lhr;
  if (lhr.runtimeError) throw new Error(`${url}: Lighthouse could not audit it: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  return lhr;
}

/// The category's audits that count toward its score and did not fully
/// pass, or could not run: id, title, displayValue (or the error) and the
/// items they found.
export function failingAudits(lhr, category) {
  return lhr.categories[category].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => (audit.score !== null && audit.score < 1) || audit.scoreDisplayMode === "error")
    .map((audit) => ({
      id: audit.id,
      title: audit.title,
      score: audit.score,
      displayValue: audit.displayValue ?? audit.errorMessage,
      items: (audit.details?.items ?? []).map((item) => {
        const said = [item.node?.snippet, item.sourceLocation?.url ?? item.source?.url ?? item.url, item.description].filter(Boolean).join(": ");
        return said || JSON.stringify(item).slice(0, 300);
      }),
    }));
}

/// Score of a category as Lighthouse shows it, 0 to 100 (null: not scored).
export function score(lhr, category) {
  const value = lhr.categories[category].score;
  return value === null ? null : Math.round(value * 100);
}

/// The performance metrics behind the score, for reading.
export function metrics(lhr) {
  const value = (id) => lhr.audits[id]?.displayValue ?? "?";
  return {
    FCP: value("first-contentful-paint"),
    LCP: value("largest-contentful-paint"),
    TBT: value("total-blocking-time"),
    CLS: value("cumulative-layout-shift"),
    SI: value("speed-index"),
  };
}
