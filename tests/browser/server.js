// A static file server for the built site, on 127.0.0.1 and a free port.
// Folders answer with their index.html; anything else missing gets the
// site's 404.html with status 404.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".png": "image/png", ".svg": "image/svg+xml", ".pdf": "application/pdf",
  ".ico": "image/x-icon", ".vtt": "text/vtt", ".json": "application/json", ".csv": "text/csv", ".webp": "image/webp",
};

export function serve(root) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      response.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" }).end(body);
    } catch {
      const body = await readFile(join(root, "404.html")).catch(() => "not found");
      response.writeHead(404, { "content-type": "text/html; charset=utf-8" }).end(body);
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve({ server, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}
