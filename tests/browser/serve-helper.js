// What the tests of `reportsite serve` share: starting it on a free port
// (its address read from what it prints, with a deadline) and Debian's
// Chromium, headless.
import { spawn } from "node:child_process";
import { chromium } from "playwright-core";

const CHROMIUM = "/usr/lib/chromium/chromium";

/// Starts `reportsite serve --port 0` in `site`; resolves with the process
/// and the origin it serves.
export async function startServe(site) {
  const serve = spawn(process.env.REPORTSITE_BIN, ["serve", "--port", "0"], { cwd: site, stdio: ["ignore", "ignore", "pipe"] });
  const origin = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("serve did not start")), 30000);
    let seen = "";
    serve.stderr.on("data", (chunk) => {
      seen += chunk;
      const found = seen.match(/serving (http:\/\/127\.0\.0\.1:\d+)\//);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
  });
  return { serve, origin };
}

export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}
