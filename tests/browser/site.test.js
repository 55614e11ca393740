// Browser tests of the built demo site, in Debian's Chromium driven by
// playwright-core: what only a browser can judge. The site is built and
// passed in by `run` (REPORTSITE_PUBLIC); it is served on 127.0.0.1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { chromium } from "playwright-core";
import { serve } from "./server.js";

const root = process.env.REPORTSITE_PUBLIC;
const CHROMIUM = "/usr/lib/chromium/chromium";
const AXE = readFileSync(new URL("./node_modules/axe-core/axe.min.js", import.meta.url), "utf8");
const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
// Label in Name (WCAG 2.5.3) is named as well as the tags: some axe-core
// versions tag its rule "experimental", which a run by tags leaves out.
const AXE_OPTIONS = { runOnly: WCAG_22_AA, rules: { "label-content-name-mismatch": { enabled: true } } };
let browser;
let origin;
let server;

/// Every page a reader can land on: all HTML but the redirect pages.
function pages() {
  const found = [];
  (function walk(folder) {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".html") && !readFileSync(path, "utf8").includes('http-equiv="refresh"')) {
        found.push("/" + path.slice(root.length + 1).replace(/index\.html$/, ""));
      }
    }
  })(root);
  return found.sort();
}

before(async () => {
  assert.ok(root, "REPORTSITE_PUBLIC names the built site");
  ({ server, origin } = await serve(root));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

test("every page has no WCAG 2.2 AA violation that axe-core can find", async () => {
  // axe-core is injected as an inline script, which the pages' CSP refuses.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const problems = [];
  for (const path of pages()) {
    await page.goto(origin + path);
    await page.addScriptTag({ content: AXE });
    const result = await page.evaluate((options) => window.axe.run(document, options), AXE_OPTIONS);
    for (const violation of result.violations) {
      problems.push(`${path}: ${violation.id} (${violation.nodes.length}): ${violation.nodes[0].html.slice(0, 120)}`);
    }
  }
  await context.close();
  assert.deepEqual(problems, []);
});

test("the Nu HTML Checker reports no error on any page", () => {
  const vnu = new URL("./node_modules/vnu-jar/build/dist/vnu.jar", import.meta.url).pathname;
  const files = pages().map((path) => join(root, path.endsWith("/") ? path + "index.html" : path));
  assert.ok(files.length > 50, "every page is checked");
  assert.ok(pages().includes("/editors/engagement/"), "the editors' engagement page is among them");
  // The Nu checker writes its JSON report to stderr.
  const run = spawnSync("java", ["-jar", vnu, "--errors-only", "--exit-zero-always", "--format", "json", ...files], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.status, 0, run.error ? String(run.error) : run.stderr.slice(0, 500));
  const parsed = JSON.parse(run.stderr);
  assert.match(parsed.version ?? "", /^\d/, "the checker ran and reported");
  const messages = parsed.messages ?? [];
  const errors = messages
    .filter((message) => message.type === "error")
    .map((message) => `${message.url.slice(message.url.indexOf(root) + root.length)}:${message.lastLine}: ${message.message}`);
  assert.deepEqual(errors, []);
});

test("with JavaScript off, a parent reaches a resource in two clicks and filter pages list the right entries", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(origin + "/");
  await page.getByRole("link", { name: "Resources for parents and carers" }).click();
  assert.equal(new URL(page.url()).pathname, "/resources/audience/parents-and-carers/");
  const shown = Number(await page.locator("[data-count]").textContent());
  assert.equal(await page.locator(".catalogue .card").count(), shown);
  assert.ok(shown >= 5);
  const first = page.locator(".catalogue .card__title a").first();
  const title = await first.textContent();
  await first.click();
  assert.equal((await page.locator("h1").textContent()).trim(), title.trim());
  await page.goto(origin + "/resources/audience/parents-and-carers/");
  await page.getByRole("link", { name: /^Safer sleeping/ }).click();
  assert.equal(new URL(page.url()).pathname, "/resources/audience/parents-and-carers/topic/safer-sleeping/");
  await context.close();
});

test("with JavaScript on, filters combine at once and the address can be shared", async () => {
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const expected = async (path) => {
    const page = await plain.newPage();
    await page.goto(origin + path);
    const titles = await page.locator(".catalogue .card__title a").allTextContents();
    await page.close();
    return titles.sort();
  };
  const page = await browser.newPage();
  await page.goto(origin + "/resources/");
  const visible = async () => (await page.locator(".catalogue .card:not([hidden]) .card__title a").allTextContents()).sort();
  await page.getByRole("button", { name: /^Parents and carers/ }).click();
  assert.deepEqual(await visible(), await expected("/resources/audience/parents-and-carers/"));
  await page.getByRole("button", { name: /^Safer sleeping/ }).click();
  assert.deepEqual(await visible(), await expected("/resources/audience/parents-and-carers/topic/safer-sleeping/"));
  assert.equal(new URL(page.url()).search, "?audience=parents-and-carers&topic=safer-sleeping");
  assert.equal(Number(await page.locator("[data-count]").textContent()), (await visible()).length);
  await page.goto(page.url());
  assert.deepEqual(await visible(), await expected("/resources/audience/parents-and-carers/topic/safer-sleeping/"), "a shared address restores the filters");
  await page.close();
  await plain.close();
});

test("the filtered count is said in words that agree with it: 1 result, 3 results", async () => {
  const page = await browser.newPage();
  await page.goto(origin + "/resources/");
  const heading = page.locator("#results-heading");
  await page.getByRole("button", { name: /^Culture, faith and diverse backgrounds/ }).click();
  assert.equal((await heading.innerText()).trim(), "1 result");
  await page.getByRole("button", { name: /^Domestic abuse/ }).click();
  assert.equal((await heading.innerText()).trim(), "3 results");
  await page.close();
});

test("no page asks another host for anything until a person presses play, asks for anything missing, or has CSP refuse anything", async () => {
  const page = await browser.newPage();
  const elsewhere = [];
  const refused = [];
  const missing = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(origin) && !request.url().startsWith("data:")) elsewhere.push(request.url());
  });
  page.on("response", (response) => {
    if (response.status() >= 400) missing.push(`${page.url()}: ${response.status()} ${response.url()}`);
  });
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) refused.push(`${page.url()}: ${message.text()}`);
  });
  for (const path of pages()) {
    await page.goto(origin + path);
  }
  assert.deepEqual(elsewhere, []);
  assert.deepEqual(refused, [], "the pages' own Content-Security-Policy refuses nothing they use");
  assert.deepEqual(missing, [], "every file a page asks for is there");
  // Issue 15: a page with no icon made the browser ask for /favicon.ico (a 404).
  await page.goto(origin + "/");
  const icon = await page.locator('link[rel="icon"]').getAttribute("href");
  assert.equal((await page.request.get(origin + icon)).status(), 200, `the icon ${icon} is served`);
  assert.equal((await page.request.get(origin + "/favicon.ico")).status(), 200, "so is /favicon.ico");
  await page.route((url) => !url.href.startsWith(origin), (route) => route.abort());
  await page.goto(origin + "/videos/icon-babies-cry-you-can-cope/");
  // Chromium puts a space before the visually hidden ": <title>".
  const play = page.getByRole("button", { name: /^Play the video ?: Babies cry, you can cope/ });
  assert.equal(await play.getAttribute("aria-label"), null, "named by its visible words (WCAG 2.5.3)");
  assert.equal((await play.locator(".video__play").innerText()).split(":")[0].trim(), "Play the video");
  // Issue 19: pressing play asks the site's own play/ address, so the play
  // is in the site's log: a plain GET, no cookie, not followed elsewhere.
  const played = page.waitForRequest((request) => request.url() === origin + "/videos/icon-babies-cry-you-can-cope/play/");
  await play.click();
  const request = await played;
  assert.equal(request.method(), "GET");
  assert.equal(request.headers().cookie, undefined);
  assert.equal((await request.response())?.status(), 200);
  const frame = page.locator(".video iframe");
  assert.match(await frame.getAttribute("src"), /^https:\/\/www\.youtube-nocookie\.com\/embed\//);
  assert.match(await frame.getAttribute("title"), /^Video: /);
  await page.close();
});

test("the first Tab reaches the skip link, which moves focus to the main content", async () => {
  const page = await browser.newPage();
  await page.goto(origin + "/reports/2023-24/finances/");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), "Skip to main content");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "main-content");
  await page.close();
});

test("the catalogue filters and the video facade work from the keyboard alone", async () => {
  const page = await browser.newPage();
  await page.route((url) => !url.href.startsWith(origin), (route) => route.abort());
  await page.goto(origin + "/resources/");
  const filter = page.locator('[data-facet="audience"] button').first();
  await filter.focus();
  await page.keyboard.press("Enter");
  assert.equal(await filter.getAttribute("aria-pressed"), "true");
  const shown = await page.locator(".catalogue .card:not([hidden])").count();
  assert.equal(Number(await page.locator("[data-count]").textContent()), shown);
  await page.keyboard.press("Space");
  assert.equal(await filter.getAttribute("aria-pressed"), "false");
  await page.goto(origin + "/videos/about-the-partnership/");
  const play = page.getByRole("button", { name: /^Play the video ?: / });
  await play.focus();
  await page.keyboard.press("Enter");
  assert.equal(await page.locator(".video iframe").count(), 1);
  await page.close();
});

test("screenshots at 320 and 1280 pixels wide, saved for review", async () => {
  const folder = join(process.env.REPORTSITE_SCREENSHOTS ?? join(root, "..", "screenshots"));
  const shots = {
    home: "/",
    resource: "/resources/icon-leaflet/",
    video: "/videos/icon-babies-cry-you-can-cope/",
    "report-chapter": "/reports/2023-24/finances/",
    poster: "/resources/icon-leaflet/poster/",
  };
  for (const width of [320, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    for (const [name, path] of Object.entries(shots)) {
      await page.goto(origin + path);
      const file = join(folder, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(statSync(file).size > 1000, `${file} was written`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${path} scrolls sideways at ${width} px (${overflow} px too wide)`);
    }
    await page.close();
  }
});

test("Exit this page leaves at once, by the button or by pressing Shift three times", async () => {
  const page = await browser.newPage();
  const left = [];
  await page.route((url) => !url.href.startsWith(origin), (route) => {
    left.push(route.request().url());
    return route.abort();
  });
  await page.goto(origin + "/resources/nspcc/");
  const exit = page.getByRole("link", { name: "Exit this page" });
  assert.equal(await exit.count(), 1);
  await page.keyboard.press("Shift");
  await page.keyboard.press("Shift");
  await page.keyboard.press("Shift");
  await page.waitForTimeout(300);
  assert.deepEqual(left, ["https://www.bbc.co.uk/weather"]);
  await page.goto(origin + "/resources/ceop/");
  assert.equal(await page.getByRole("link", { name: "Exit this page" }).count(), 0, "only pages on sensitive topics");
  await page.close();
});

test("search finds a resource by a word of its title, from the site's own index, and announces the results", async () => {
  const page = await browser.newPage();
  const elsewhere = [];
  const refused = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(origin)) elsewhere.push(request.url());
  });
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) refused.push(message.text());
  });
  // From the header form on any page, by keyboard.
  await page.goto(origin + "/parents-and-carers/");
  await page.getByRole("searchbox", { name: "Search this site" }).fill("ICON");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/search\/\?q=ICON/);
  const status = page.locator("#search-status");
  await page.waitForFunction(() => /result/.test(document.getElementById("search-status").textContent), null, { timeout: 15000 });
  assert.equal(await status.getAttribute("role"), "status");
  const first = page.locator("#search-results a").filter({ hasText: "Babies cry, you can cope: ICON leaflet" });
  assert.equal(await first.count(), 1, await page.locator("#search-results").innerText());
  // Typing a new word searches again; the kind filter narrows it.
  await page.getByLabel("Search for").fill("safer sleep");
  await page.waitForFunction(() => /safer sleep/.test(document.getElementById("search-status").textContent), null, { timeout: 15000 });
  await page.getByLabel("Only show").selectOption("Video");
  await page.waitForFunction(() => [...document.querySelectorAll(".search-results__kind")].every((k) => k.textContent === "Video") && document.querySelectorAll(".search-results__kind").length > 0, null, { timeout: 15000 });
  assert.deepEqual(elsewhere, [], "the index comes from this site only");
  assert.deepEqual(refused, []);
  await page.close();
});

/// Which bundle indexed each page of a built site: URL → "pagefind/part-N"
/// (fragments are gzipped JSON after a "pagefind_dcd" signature).
function pagesByBundle(site) {
  const bundles = ["pagefind", ...readdirSync(join(site, "pagefind")).filter((name) => name.startsWith("part-")).map((name) => `pagefind/${name}`)];
  const found = new Map();
  for (const bundle of bundles) {
    for (const name of readdirSync(join(site, bundle, "fragment"))) {
      const text = gunzipSync(readFileSync(join(site, bundle, "fragment", name))).toString("utf8");
      const fragment = JSON.parse(text.slice(text.indexOf("{")));
      found.set(fragment.url, { bundle, title: fragment.meta.title });
    }
  }
  return found;
}

test("a search index split into bundles is merged: pages from every bundle are found", async () => {
  const bundledRoot = process.env.REPORTSITE_PUBLIC_BUNDLED;
  assert.ok(bundledRoot, "REPORTSITE_PUBLIC_BUNDLED names the demo built with small bundles");
  const byBundle = pagesByBundle(bundledRoot);
  const bundles = new Set([...byBundle.values()].map((entry) => entry.bundle));
  assert.ok(bundles.size >= 5, `the demo makes several bundles: ${[...bundles]}`);
  const { server: bundledServer, origin: bundledOrigin } = await serve(bundledRoot);
  const page = await browser.newPage();
  const elsewhere = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(bundledOrigin)) elsewhere.push(request.url());
  });
  const resultUrls = async () => page.locator("#search-results a").evaluateAll((links) => links.map((a) => new URL(a.href).pathname));
  try {
    // A page from the last bundle, found by its title.
    const last = [...bundles].sort().at(-1);
    const [url, { title }] = [...byBundle].find(([, entry]) => entry.bundle === last);
    await page.goto(`${bundledOrigin}/search/?q=${encodeURIComponent(title)}`);
    await page.waitForFunction(() => /result/.test(document.getElementById("search-status").textContent), null, { timeout: 15000 });
    assert.ok((await resultUrls()).includes(url), `${title} (${url}, in ${last}) is found`);
    // A common word: its results come from more than one bundle.
    await page.getByLabel("Search for").fill("children");
    await page.waitForFunction(() => /children/.test(document.getElementById("search-status").textContent), null, { timeout: 15000 });
    const found = new Set((await resultUrls()).map((u) => byBundle.get(u)?.bundle).filter(Boolean));
    assert.ok(found.size >= 2, `results from several bundles: ${[...found]}`);
    assert.deepEqual(elsewhere, [], "every bundle comes from this site only");
  } finally {
    await page.close();
    bundledServer.close();
  }
});

/// Every later page of a long list in a built site: `/resources/page/2/`.
function laterListPages(site) {
  const found = [];
  (function walk(folder) {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === "index.html" && /\/page\/\d+\/index\.html$/.test(path)) found.push("/" + path.slice(site.length + 1).replace(/index\.html$/, ""));
    }
  })(site);
  return found.sort();
}

test("a long catalogue, five to a page: page numbers work by keyboard without JavaScript, and filters search every page", async () => {
  const pagedRoot = process.env.REPORTSITE_PUBLIC_PAGED;
  assert.ok(pagedRoot, "REPORTSITE_PUBLIC_PAGED names the demo built five entries to a page");
  const { server: pagedServer, origin: pagedOrigin } = await serve(pagedRoot);
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const scripted = await browser.newContext({ bypassCSP: true });
  try {
    // Without JavaScript: a page number, reached by keyboard, is followed
    // by Enter ("Next page" then "Page 3").
    const off = await plain.newPage();
    await off.goto(pagedOrigin + "/resources/");
    await off.getByRole("link", { name: "Next page", exact: true }).focus();
    await off.keyboard.press("Enter");
    await off.waitForURL(pagedOrigin + "/resources/page/2/");
    await off.getByRole("link", { name: "Page 3", exact: true }).focus();
    await off.keyboard.press("Enter");
    await off.waitForURL(pagedOrigin + "/resources/page/3/");
    assert.equal(await off.getByRole("link", { name: "Page 3", exact: true }).getAttribute("aria-current"), "page");
    assert.match(await off.locator("[data-range]").textContent(), /^Showing 11 to 15 of \d+\.$/);
    // A list's titles across all its pages, by following "Next page".
    const walk = async (path) => {
      const titles = [];
      for (let url = pagedOrigin + path; url; ) {
        await off.goto(url);
        titles.push(...(await off.locator(".catalogue .card__title a").allTextContents()));
        const next = off.locator('link[rel="next"]');
        url = (await next.count()) ? new URL(await next.getAttribute("href"), pagedOrigin).href : null;
      }
      return titles;
    };
    const forParents = await walk("/resources/audience/parents-and-carers/");
    const everyAToZ = await walk("/resources/a-z/");
    assert.ok(forParents.length > 5, "the filter's own list runs to more than one page");

    // With JavaScript: on page 3, a filter shows what it matches in the
    // whole catalogue, from entries.json, and the page's own five return.
    const page = await scripted.newPage();
    const asked = [];
    page.on("request", (request) => asked.push(new URL(request.url()).pathname));
    await page.goto(pagedOrigin + "/resources/page/3/");
    const own = await page.locator(".catalogue .card__title a").allTextContents();
    assert.equal(own.length, 5);
    assert.ok(!asked.includes("/resources/entries.json"), "nothing is fetched before a filter is chosen");
    const parents = page.getByRole("button", { name: /^Parents and carers/ });
    await parents.click();
    await page.waitForFunction((n) => document.querySelector("[data-count]").textContent === String(n), forParents.length);
    assert.deepEqual(await page.locator(".catalogue .card__title a").allTextContents(), forParents, "every match, newest first");
    assert.equal(await page.locator(".catalogue .pager").isVisible(), false, "the page numbers step aside while filtering");
    assert.equal(await page.locator("[data-range]").isVisible(), false);
    assert.equal(new URL(page.url()).search, "?audience=parents-and-carers");
    await page.addScriptTag({ content: AXE });
    const filtered = await page.evaluate((options) => window.axe.run(document, options), AXE_OPTIONS);
    assert.deepEqual(filtered.violations.map((v) => v.id), [], "cards made from the index pass axe-core too");
    await parents.click();
    assert.deepEqual(await page.locator(".catalogue .card__title a").allTextContents(), own);
    assert.equal(await page.locator(".catalogue .pager").isVisible(), true);
    assert.equal(asked.filter((path) => path === "/resources/entries.json").length, 1, "the index is fetched once");

    // On the A to Z list, the matches keep A to Z order; a shared address
    // restores them.
    await page.goto(pagedOrigin + "/resources/a-z/page/2/?audience=parents-and-carers");
    await page.waitForFunction((n) => document.querySelector("[data-count]").textContent === String(n), forParents.length);
    const wanted = new Set(forParents);
    assert.deepEqual(await page.locator(".catalogue .card__title a").allTextContents(), everyAToZ.filter((title) => wanted.has(title)));

    // Every later page passes axe-core and the Nu HTML Checker.
    const later = laterListPages(pagedRoot);
    assert.ok(later.includes("/resources/page/5/") && later.includes("/priorities/page/2/"), later.join(" "));
    const problems = [];
    for (const path of later) {
      await page.goto(pagedOrigin + path);
      await page.addScriptTag({ content: AXE });
      const result = await page.evaluate((options) => window.axe.run(document, options), AXE_OPTIONS);
      for (const violation of result.violations) problems.push(`${path}: ${violation.id}: ${violation.nodes[0].html.slice(0, 120)}`);
    }
    assert.deepEqual(problems, []);
    const vnu = new URL("./node_modules/vnu-jar/build/dist/vnu.jar", import.meta.url).pathname;
    const run = spawnSync("java", ["-jar", vnu, "--errors-only", "--exit-zero-always", "--format", "json", ...later.map((path) => join(pagedRoot, path, "index.html"))], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const parsed = JSON.parse(run.stderr);
    assert.match(parsed.version ?? "", /^\d/, "the checker ran and reported");
    assert.deepEqual((parsed.messages ?? []).filter((m) => m.type === "error").map((m) => `${m.url}:${m.lastLine}: ${m.message}`), []);
  } finally {
    await plain.close();
    await scripted.close();
    pagedServer.close();
  }
});

test("with JavaScript off, the search page explains how to browse instead", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(origin + "/search/?q=ICON");
  assert.match(await page.locator("main").innerText(), /needs JavaScript/);
  await page.getByRole("link", { name: /^Resources$/ }).first().click();
  await page.waitForURL(origin + "/resources/");
  await context.close();
});

test("each language is searched in its own index: a Polish word is found from the Polish search page only", async () => {
  const page = await browser.newPage();
  const resultPaths = () => page.locator("#search-results a").evaluateAll((links) => links.map((a) => new URL(a.href).pathname));
  await page.goto(origin + "/pl/search/?q=Mojżesza");
  assert.equal(await page.locator("html").getAttribute("lang"), "pl");
  await page.waitForFunction(() => /„Mojżesza”/.test(document.getElementById("search-status").textContent), null, { timeout: 15000 });
  const found = await resultPaths();
  assert.ok(found.includes("/pl/parents-and-carers/bezpieczny-sen/"), found.join(", "));
  assert.ok(found.every((path) => path.startsWith("/pl/")), found.join(", "));
  // The status is in Polish, with Polish plural forms.
  assert.match(await page.locator("#search-status").innerText(), /^\d+ wynik(i|ów|u)? dla „Mojżesza”/);
  // The site's own index has no Polish pages, so the same word finds nothing.
  await page.goto(origin + "/search/?q=Mojżesza");
  await page.waitForFunction(() => /No results/.test(document.getElementById("search-status").textContent), null, { timeout: 15000 });
  assert.deepEqual(await resultPaths(), []);
  await page.close();
});

test("the language switcher works with the keyboard alone and comes before the main content", async () => {
  const page = await browser.newPage();
  await page.goto(origin + "/parents-and-carers/safer-sleep/");
  const polish = page.locator('a[hreflang="pl"][lang="pl"]').first();
  assert.equal(await polish.count(), 1);
  let reached = false;
  for (let step = 0; step < 40 && !reached; step += 1) {
    await page.keyboard.press("Tab");
    reached = await polish.evaluate((link) => link === document.activeElement);
    const inMain = await page.evaluate(() => Boolean(document.activeElement?.closest("main")));
    assert.ok(!inMain || reached, "the switcher is reached before the main content");
  }
  assert.ok(reached, "the Polish link takes the focus by Tab");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/pl\/parents-and-carers\/bezpieczny-sen\/$/);
  assert.equal(await page.locator("html").getAttribute("lang"), "pl");
  const current = page.locator('[aria-current="page"][lang="pl"]');
  assert.equal(await current.count(), 1);
  await page.close();
});

test("components in a page work by keyboard: details open with Enter, the video card plays here", async () => {
  const page = await browser.newPage();
  await page.goto(origin + "/parents-and-carers/safer-sleep/");
  const details = page.locator("main details.details");
  assert.equal(await details.count(), 1);
  assert.equal(await details.evaluate((element) => element.open), false);
  const summary = details.locator("summary");
  let reached = false;
  for (let step = 0; step < 80 && !reached; step += 1) {
    await page.keyboard.press("Tab");
    reached = await summary.evaluate((element) => element === document.activeElement);
  }
  assert.ok(reached, "the summary takes the focus by Tab");
  await page.keyboard.press("Enter");
  assert.equal(await details.evaluate((element) => element.open), true);
  assert.ok(await details.locator(".details__text").isVisible());
  // The warning is said as one: "Warning: " comes first, the icon is hidden.
  const warning = page.locator("main .warning-text");
  assert.match(await warning.evaluate((element) => element.textContent.replace(/\s+/g, " ").trim()), /^! Warning: The risk is much higher/);
  assert.equal(await warning.locator(".warning-text__icon").getAttribute("aria-hidden"), "true");
  // The video card gets the same click-to-load button as the video's page.
  const play = page.locator("main .component-video button.video__poster");
  assert.equal(await play.count(), 1);
  await page.close();
});
