// The browser editor, end to end, in headless Chromium: /admin/ served by
// `reportsite serve` (its local backend), Decap CMS loaded as the page asks
// (the pinned unpkg address, answered here from the npm package `run`
// fetched, so its integrity hash is checked), a resource created through
// the form with its PDF uploaded, saved, found on disk, checked clean and
// served.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { launchChromium, startServe } from "./serve-helper.js";

const repo = new URL("../../", import.meta.url).pathname;
const DECAP = process.env.REPORTSITE_DECAP;
let browser;
let serve;
let origin;
let site;

before(async () => {
  assert.ok(process.env.REPORTSITE_BIN, "REPORTSITE_BIN names the reportsite binary");
  assert.ok(DECAP && existsSync(join(DECAP, "decap-cms.js")), "REPORTSITE_DECAP holds Decap CMS's dist/");
  site = join(mkdtempSync(join(tmpdir(), "reportsite-cms-")), "site");
  cpSync(join(repo, "tests/fixtures/translated-catalogue"), site, { recursive: true });
  appendFileSync(join(site, "site.toml"), '\n[cms]\nbackend = "github"\nrepo = "northshire/website"\n');
  ({ serve, origin } = await startServe(site));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  serve?.kill();
  if (site) rmSync(join(site, ".."), { recursive: true, force: true });
});

test("an editor creates a resource in the browser form and it is saved, checked and served", async () => {
  const page = await browser.newPage();
  const elsewhere = [];
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.origin === origin) return route.continue();
    const file = join(DECAP, url.pathname.split("/").pop());
    if (url.href.startsWith("https://unpkg.com/decap-cms@3.16.3/dist/") && existsSync(file)) {
      return route.fulfill({ status: 200, contentType: "text/javascript", body: readFileSync(file), headers: { "Access-Control-Allow-Origin": "*" } });
    }
    elsewhere.push(url.href);
    return route.abort();
  });
  await page.goto(origin + "/admin/");
  await page.getByRole("button", { name: "Login" }).click();
  await page.goto(origin + "/admin/#/collections/resources/new");
  await page.getByLabel("Title", { exact: true }).fill("Bath safety");
  await page.getByLabel("Summary", { exact: true }).fill("Keeping babies safe in the bath.");
  // The pick lists hold the site's own vocabularies, by their labels.
  for (const [label, option] of [["Who it is for", "Parents and carers"], ["Topics", "Safer sleeping"], ["Format", "Leaflet"]]) {
    const input = page.getByLabel(label, { exact: true });
    await input.click();
    await input.pressSequentially(option);
    await page.keyboard.press("Enter");
  }
  await page.locator("input[id^=published-field]").fill("2025-05-01");
  await page.locator("input[id^=review_by-field]").fill("2027-05-01");
  // The leaflet itself, uploaded through the editor's media library: it
  // travels with the page and lands beside it in the bundle.
  await page.getByText("Choose a file").click();
  await page.locator("input[type=file]").first().setInputFiles(join(repo, "tests/browser/files/bath.pdf"));
  await page.getByRole("button", { name: "Choose selected" }).click();
  await page.locator("[contenteditable=true]").first().click();
  await page.keyboard.type("The leaflet, for every bath time.");
  await page.getByRole("button", { name: "Publish" }).first().click();
  await page.getByText("Publish now").click();
  const saved = join(site, "content/resources/bath-safety/index.md");
  const deadline = Date.now() + 20000;
  while (!existsSync(saved) && Date.now() < deadline) await page.waitForTimeout(200);
  assert.ok(existsSync(saved), "the bundle is on disk");
  const text = readFileSync(saved, "utf8");
  assert.match(text, /^\+\+\+\ntitle = "Bath safety"\n/);
  assert.match(text, /\naudiences = \["parents-and-carers"\]\n/);
  assert.match(text, /\npublished = 2025-05-01\n/, "dates are TOML dates");
  assert.match(text, /\nfile = "bath\.pdf"\n/);
  assert.deepEqual(
    readFileSync(join(site, "content/resources/bath-safety/bath.pdf")),
    readFileSync(join(repo, "tests/browser/files/bath.pdf")),
    "the uploaded PDF is in the bundle, byte for byte",
  );
  assert.match(text, /\+\+\+\nThe leaflet, for every bath time\.\n?$/);
  const check = spawnSync(process.env.REPORTSITE_BIN, ["check"], { cwd: site, encoding: "utf8" });
  assert.equal(check.status, 0, check.stderr);
  let served = "";
  for (let tries = 0; tries < 100 && !served.includes("<h1>Bath safety</h1>"); tries += 1) {
    served = await (await fetch(origin + "/resources/bath-safety/")).text();
    if (!served.includes("<h1>Bath safety</h1>")) await page.waitForTimeout(200);
  }
  assert.match(served, /<h1>Bath safety<\/h1>/);
  assert.match(served, /href="\/resources\/bath-safety\/bath\.pdf" download/);
  assert.deepEqual(elsewhere.filter((url) => !url.startsWith("https://unpkg.com/")), [], "nothing else is fetched from elsewhere");
  await page.close();
});
