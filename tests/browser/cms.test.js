// The browser editor, end to end, in headless Chromium: /admin/ served by
// `reportsite serve` (its local backend), Decap CMS loaded as the page asks
// (the pinned unpkg address, answered here from the npm package `run`
// fetched, so its integrity hash is checked): a resource created through
// the form with its PDF uploaded, saved, found on disk, checked clean and
// served; only entries listed; a page with an error refused with its
// diagnostic; and the same rules through a backend other than serve.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, appendFileSync, writeFileSync } from "node:fs";
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
  // `[cms]` with no repository, as `init` writes it: editing works through serve.
  appendFileSync(join(site, "site.toml"), '\n[cms]\nbackend = "github"\n');
  ({ serve, origin } = await startServe(site));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  serve?.kill();
  if (site) rmSync(join(site, ".."), { recursive: true, force: true });
});

/// A page of Chromium on /admin/, logged in: Decap CMS answered from the
/// npm package at its pinned address (so its integrity hash is checked),
/// anything else from elsewhere refused and noted; `change` may rewrite a
/// file of the site on its way to the page, and `beforeScripts` runs in
/// the page before its own.
async function openEditor(change = {}, beforeScripts = null) {
  const { page, elsewhere } = await adminPage(change, beforeScripts);
  await page.getByRole("button", { name: "Login" }).click();
  return { page, elsewhere };
}

/// The same page, not logged in.
async function adminPage(change = {}, beforeScripts = null) {
  const page = await browser.newPage();
  if (beforeScripts) await page.addInitScript(beforeScripts);
  const elsewhere = [];
  await page.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.origin === origin) {
      const rewrite = change[url.pathname];
      if (!rewrite) return route.continue();
      const response = await route.fetch();
      return route.fulfill({ response, body: rewrite(await response.text()) });
    }
    const file = join(DECAP, url.pathname.split("/").pop());
    if (url.href.startsWith("https://unpkg.com/decap-cms@3.16.3/dist/") && existsSync(file)) {
      return route.fulfill({ status: 200, contentType: "text/javascript", body: readFileSync(file), headers: { "Access-Control-Allow-Origin": "*" } });
    }
    elsewhere.push(url.href);
    return route.abort();
  });
  await page.goto(origin + "/admin/");
  return { page, elsewhere };
}

/// Picks `option` in the editor's select list labelled `label`.
async function pick(page, label, option) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.pressSequentially(option);
  await page.keyboard.press("Enter");
}

/// Opens a new resource's form and fills what every resource needs but its
/// document: the pick lists hold the site's own vocabularies, by label.
async function newResource(page, title, summary) {
  await page.goto(origin + "/admin/#/collections/resources/new");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Summary", { exact: true }).fill(summary);
  for (const [label, option] of [["Who it is for", "Parents and carers"], ["Topics", "Safer sleeping"], ["Format", "Leaflet"]]) {
    await pick(page, label, option);
  }
  await page.locator("input[id^=published-field]").fill("2025-05-01");
  await page.locator("input[id^=review_by-field]").fill("2027-05-01");
}

/// Types the page's text and publishes.
async function writeAndPublish(page, text) {
  await page.locator("[contenteditable=true]").first().click();
  await page.keyboard.type(text);
  await page.getByRole("button", { name: "Publish" }).first().click();
  await page.getByText("Publish now").click();
}

test("an editor creates a resource in the browser form and it is saved, checked and served", async () => {
  const { page, elsewhere } = await openEditor();
  await newResource(page, "Bath safety", "Keeping babies safe in the bath.");
  // The leaflet itself, uploaded through the editor's media library: it
  // travels with the page and lands beside it in the bundle.
  await page.getByText("Choose a file").click();
  await page.locator("input[type=file]").first().setInputFiles(join(repo, "tests/browser/files/bath.pdf"));
  await page.getByRole("button", { name: "Choose selected" }).click();
  await writeAndPublish(page, "The leaflet, for every bath time.");
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

test("a collection lists its own pages, not the section's page or translations", async () => {
  const { page } = await openEditor();
  await page.goto(origin + "/admin/#/collections/resources");
  await page.getByText("Reading with your child").waitFor();
  // The section's page (English and Welsh) and the Welsh leaflet are in
  // the same folder, and are not entries.
  const listed = await entriesListed(page);
  for (const title of ["Coping with a crying baby", "Reading with your child", "Safe bath time"]) {
    assert.ok(listed.includes(title), `${title} is listed: ${listed}`);
  }
  for (const title of ["Resources", "Adnoddau", "Ymdopi â babi sy'n crio"]) {
    assert.ok(!listed.includes(title), `${title} is not listed: ${listed}`);
  }
  await page.close();
});

async function entriesListed(page) {
  const titles = await page.locator('a[href^="#/collections/resources/entries/"]').allInnerTexts();
  return titles.map((title) => title.trim()).sort();
}

test("a form that would make a page with an error is not saved, and the editor is told why", async () => {
  const { page } = await openEditor();
  await newResource(page, "Leaflet to come", "A leaflet that has no document yet.");
  await writeAndPublish(page, "Coming soon.");
  // Neither a file nor an address: reportsite's own diagnostic, with file
  // and line, is what the editor reads.
  await page.getByText(/content\/resources\/leaflet-to-come\/index\.md:1: error\[missing-key\]: a resource needs `file` or `url`/).waitFor();
  assert.equal(existsSync(join(site, "content/resources/leaflet-to-come")), false, "nothing was left on disk");
  await page.close();
});

test("saving through a Git host's backend writes TOML dates and lists only entries too", async () => {
  // Decap's in-browser repository stands in for GitHub (and the site is
  // taken as one with a repository): the same wrapper the script puts
  // round every backend is what is tested.
  const { page } = await openEditor({
    "/admin/": (html) => html.replace(/<meta name="reportsite-cms-token"[^>]*>/, ""),
    "/admin/config.yml": (text) => JSON.stringify({ ...JSON.parse(text), backend: { name: "test-repo" } }),
    "/admin/admin.js": (script) => script.replace('"liveEditing":false', '"liveEditing":true'),
  }, () => {
    // Decap's test repository lists a folder by its whole path as one key
    // (and writes files by their parts).
    window.repoFiles = {
      "content/resources": {
        "_index.md": { content: '+++\ntitle = "Resources"\n+++\n' },
        "bath-time": {
          "index.md": { content: '+++\ntitle = "Safe bath time"\npublished = 2025-01-10\n+++\nText\n' },
          "index.cy.md": { content: '+++\ntitle = "Amser bath"\n+++\nTestun\n' },
        },
      },
    };
  });
  await page.goto(origin + "/admin/#/collections/resources");
  await page.getByText("Safe bath time").waitFor();
  assert.deepEqual(await entriesListed(page), ["Safe bath time"]);
  await newResource(page, "Reading together", "Reading with your child every day.");
  await page.getByLabel(/Or: the address of a page on another website/).fill("https://www.example.org/reading");
  // A field typed in and emptied again is left out, not saved as "".
  const note = page.getByLabel(/What that cost covers/);
  await note.fill("Printing");
  await note.fill("");
  await writeAndPublish(page, "Read together every day.");
  const saved = () => page.evaluate(() => window.repoFiles.content?.resources?.["reading-together"]?.["index.md"]?.content ?? null);
  const deadline = Date.now() + 20000;
  while ((await saved()) === null && Date.now() < deadline) await page.waitForTimeout(200);
  const text = await saved();
  assert.match(text ?? "", /\npublished = 2025-05-01\nreview_by = 2027-05-01\n/, "dates are TOML dates");
  assert.doesNotMatch(text ?? "", /cost_note/, "an emptied field is left out");
  await page.close();
});

test("an all-day event made in the form is saved with days alone, and opens as all day again", async () => {
  let { page } = await openEditor();
  await page.goto(origin + "/admin/#/collections/events/new");
  await page.getByLabel("Title", { exact: true }).fill("Safeguarding week");
  await page.getByLabel("Summary", { exact: true }).fill("A week of briefings for everyone who works with children.");
  await page.locator("input[id^=start-field]").fill("2026-03-02T09:00");
  await page.locator("input[id^=end-field]").fill("2026-03-06T17:00");
  const allDay = page.locator("[id^=all_day-field]");
  await allDay.click();
  assert.equal(await allDay.getAttribute("aria-checked"), "true");
  await page.getByLabel(/^Where/).fill("County Hall, Glenfield");
  await page.getByLabel("Booking page").fill("https://booking.example.org/week");
  for (const [label, option] of [["Who it is for", "Parents and carers"], ["Topics", "Safer sleeping"]]) {
    await pick(page, label, option);
  }
  await writeAndPublish(page, "Every day of the week.");
  const saved = join(site, "content/events/safeguarding-week.md");
  const deadline = Date.now() + 20000;
  while (!existsSync(saved) && Date.now() < deadline) await page.waitForTimeout(200);
  const text = readFileSync(saved, "utf8");
  assert.match(text, /\nstart = 2026-03-02\nend = 2026-03-06\n/, "an all-day event is saved with days alone");
  assert.doesNotMatch(text, /all_day/, "the box is the form's alone");
  const check = spawnSync(process.env.REPORTSITE_BIN, ["check"], { cwd: site, encoding: "utf8" });
  assert.equal(check.status, 0, check.stderr);

  // Opened again in a new editor (read back through serve), it is all
  // day; saved again with a new title, its days stay days.
  await page.close();
  ({ page } = await openEditor());
  await page.goto(origin + "/admin/#/collections/events/entries/safeguarding-week");
  const box = page.locator("[id^=all_day-field]");
  await box.waitFor();
  assert.equal(await box.getAttribute("aria-checked"), "true");
  assert.equal(await page.locator("input[id^=start-field]").inputValue(), "2026-03-02T00:00");
  await page.getByLabel("Title", { exact: true }).fill("Safeguarding week 2026");
  await page.getByRole("button", { name: "Publish" }).first().click();
  await page.getByText("Publish now").click();
  const again = Date.now() + 20000;
  while (!readFileSync(saved, "utf8").includes("Safeguarding week 2026") && Date.now() < again) await page.waitForTimeout(200);
  const resaved = readFileSync(saved, "utf8");
  assert.match(resaved, /title = "Safeguarding week 2026"/);
  assert.match(resaved, /\nstart = 2026-03-02\nend = 2026-03-06\n/);
  rmSync(saved);

  // A timed event written by hand opens with the box clear and keeps its
  // times as written when saved again.
  const timed = join(site, "content/events/briefing.md");
  writeFileSync(timed, readFileSync(join(repo, "tests/fixtures/events-around-a-build-date/content/events/briefing-today.md"), "utf8").replace(/\npriorities = .*\n/, "\n"));
  await page.close();
  ({ page } = await openEditor());
  await page.goto(origin + "/admin/#/collections/events/entries/briefing");
  await page.locator("[id^=all_day-field]").waitFor();
  assert.equal(await page.locator("[id^=all_day-field]").getAttribute("aria-checked"), "false");
  await page.getByLabel("Title", { exact: true }).fill("Safer sleeping briefing, again");
  await page.getByRole("button", { name: "Publish" }).first().click();
  await page.getByText("Publish now").click();
  const third = Date.now() + 20000;
  while (!readFileSync(timed, "utf8").includes("again") && Date.now() < third) await page.waitForTimeout(200);
  const kept = readFileSync(timed, "utf8");
  assert.match(kept, /\nstart = 2026-01-01T09:30:00\nend = 2026-01-01T12:30:00\n/, kept);
  rmSync(timed);
  await page.close();
});

test("without a repository, the live site's editor says where editing works instead of offering a sign-in", async () => {
  // The site has `[cms]` with no repository, as `init` writes it; here it
  // is seen as on the live site (no token).
  const { page } = await adminPage({
    "/admin/": (html) => html.replace(/<meta name="reportsite-cms-token"[^>]*>/, ""),
  });
  await page.getByRole("heading", { name: "Editing in the browser works on your own computer" }).waitFor();
  assert.match(await page.locator("main").innerText(), /Run `reportsite serve` in the website's folder/);
  assert.equal(await page.getByRole("button", { name: "Login" }).count(), 0);
  await page.close();
});
