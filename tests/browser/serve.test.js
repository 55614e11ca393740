// Browser tests of `reportsite serve`, what only a browser can judge: the
// page reloads by itself after an edit, the problems overlay appears,
// passes axe-core and goes once fixed, and a CSS change swaps the
// stylesheet without reloading. `run` passes the binary (REPORTSITE_BIN).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchChromium, startServe } from "./serve-helper.js";

const AXE = readFileSync(new URL("./node_modules/axe-core/axe.min.js", import.meta.url), "utf8");
const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
// As in site.test.js: Label in Name is named, whatever its tags.
const AXE_OPTIONS = { runOnly: WCAG_22_AA, rules: { "label-content-name-mismatch": { enabled: true } } };
const repo = new URL("../../", import.meta.url).pathname;
let browser;
let serve;
let origin;
let site;

before(async () => {
  assert.ok(process.env.REPORTSITE_BIN, "REPORTSITE_BIN names the reportsite binary");
  site = join(mkdtempSync(join(tmpdir(), "reportsite-serve-")), "site");
  cpSync(join(repo, "tests/fixtures/links-every-kind-working"), site, { recursive: true });
  // The site's own stylesheet folder exists from the start, as in a real site.
  mkdirSync(join(site, "static/css"), { recursive: true });
  ({ serve, origin } = await startServe(site));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  serve?.kill();
  if (site) rmSync(join(site, ".."), { recursive: true, force: true });
});

function edit(path, text) {
  const file = join(site, path);
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, text);
}

test("an edit reloads the open page, a mistake shows the overlay, a fix removes it", async () => {
  const page = await browser.newPage();
  await page.goto(origin + "/about/");
  assert.equal(await page.locator(".rs-overlay").count(), 0);
  const original = readFileSync(join(site, "content/about.md"), "utf8");

  edit("content/about.md", original.replace("## Who we are", "## Who we are\n\nFreshly edited words."));
  await page.waitForFunction(() => document.body.innerText.includes("Freshly edited words."), null, { timeout: 15000 });

  edit("content/about.md", original.replace('title = "About"', 'title = "About'));
  const overlay = page.locator(".rs-overlay");
  await overlay.waitFor({ timeout: 15000 });
  assert.equal(await overlay.getAttribute("role"), "alert");
  assert.match(await overlay.innerText(), /invalid-toml[\s\S]*content\/about\.md:2:/);
  assert.ok(await page.getByText("Freshly edited words.").isVisible(), "the last good page stays");

  // The overlay itself meets WCAG 2.2 AA (axe needs the CSP bypassed).
  const context = await browser.newContext({ bypassCSP: true });
  const checked = await context.newPage();
  await checked.goto(origin + "/about/");
  await checked.addScriptTag({ content: AXE });
  const result = await checked.evaluate((options) => window.axe.run(document, options), AXE_OPTIONS);
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes[0].html.slice(0, 100)}`), []);
  await context.close();

  // Keyboard: the hide button is reachable and works.
  const close = page.locator(".rs-overlay__close");
  await close.focus();
  await page.keyboard.press("Enter");
  assert.equal(await overlay.isVisible(), false);

  edit("content/about.md", original);
  await page.waitForFunction(() => !document.querySelector(".rs-overlay") && !document.body.innerText.includes("Freshly edited words."), null, { timeout: 15000 });
  await page.close();
});

test("a stylesheet change is applied without reloading the page", async () => {
  const page = await browser.newPage();
  await page.goto(origin + "/about/");
  await page.evaluate(() => { window.notReloaded = true; });
  const css = readFileSync(join(repo, "static/css/site.css"), "utf8");
  edit("static/css/site.css", css + "\nh1 { color: rgb(1, 2, 3); }\n");
  await page.waitForFunction(() => getComputedStyle(document.querySelector("h1")).color === "rgb(1, 2, 3)", null, { timeout: 15000 });
  assert.equal(await page.evaluate(() => window.notReloaded), true, "only the stylesheet was reloaded");
  await page.close();
});
