// The default layout written right to left: the demo built with an Arabic
// site language (REPORTSITE_PUBLIC_RTL), so every page has dir="rtl". The
// words stay English; what is judged is the layout: it mirrors (the
// breadcrumb trail and the skip link start on the right), and nothing
// scrolls sideways on a phone or a desktop. Screenshots are saved for review.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { serve } from "./server.js";

const root = process.env.REPORTSITE_PUBLIC_RTL;
const CHROMIUM = "/usr/lib/chromium/chromium";
const SHOTS = {
  home: "/",
  resources: "/resources/",
  resource: "/resources/icon-leaflet/",
  video: "/videos/icon-babies-cry-you-can-cope/",
  "report-chapter": "/reports/2023-24/finances/",
};
let browser;
let origin;
let server;

before(async () => {
  assert.ok(root, "REPORTSITE_PUBLIC_RTL names the demo built right to left");
  ({ server, origin } = await serve(root));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
});

after(async () => {
  await browser?.close();
  server?.close();
});

test("right to left: pages mirror and do not scroll sideways at 320 and 1280 pixels", async () => {
  const folder = process.env.REPORTSITE_SCREENSHOTS ?? join(root, "..", "screenshots");
  for (const width of [320, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    for (const [name, path] of Object.entries(SHOTS)) {
      await page.goto(origin + path);
      assert.equal(await page.getAttribute("html", "dir"), "rtl", `${path} is marked right to left`);
      const file = join(folder, `rtl-${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(statSync(file).size > 1000, `${file} was written`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${path} scrolls sideways at ${width} px (${overflow} px too wide)`);
    }
    await page.close();
  }
});

test("right to left: the breadcrumb trail reads from the right, and the skip link appears on the right", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(origin + "/resources/icon-leaflet/");
  const crumbs = page.locator(".breadcrumbs li");
  assert.ok((await crumbs.count()) >= 2, "the page has a trail");
  const first = await crumbs.first().boundingBox();
  const last = await crumbs.last().boundingBox();
  assert.ok(first.x > last.x, `the first crumb (x ${first.x}) is right of the last (x ${last.x})`);
  await page.keyboard.press("Tab");
  const skip = await page.locator(".skip-link").boundingBox();
  assert.ok(skip.x + skip.width > 1280 / 2, `the focused skip link is on the right (x ${skip.x})`);
  await page.close();
});
