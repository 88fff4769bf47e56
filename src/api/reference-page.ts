// The browsable API reference at /docs: Swagger UI from the installed swagger-ui-dist package (served from its
// files, no CDN: the service must work offline), reading /openapi.json. Public, like the document itself.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Env, Hono } from "hono";

const ASSETS: Readonly<Record<string, string>> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
  "favicon-16x16.png": "image/png",
};

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Tenor API reference</title>
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="stylesheet" href="/docs/swagger-ui.css" />
    <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32" />
    <link rel="icon" type="image/png" href="/docs/favicon-16x16.png" sizes="16x16" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/tenor-reference.js"></script>
  </body>
</html>
`;

// A file rather than an inline script, so that a strict Content-Security-Policy (script-src 'self') allows it.
const INITIALIZER = `window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    tryItOutEnabled: false,
  });
});
`;

function assetDirectory(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve("swagger-ui-dist/package.json"));
}

export function mountReferencePage<E extends Env>(http: Hono<E>): void {
  const cache = new Map<string, Uint8Array>();
  const security = {
    "Content-Security-Policy":
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
    "X-Content-Type-Options": "nosniff",
  };
  http.get(
    "/docs",
    () => new Response(PAGE, { headers: { "Content-Type": "text/html; charset=utf-8", ...security } }),
  );
  http.get(
    "/docs/tenor-reference.js",
    () =>
      new Response(INITIALIZER, {
        headers: { "Content-Type": "text/javascript; charset=utf-8", ...security },
      }),
  );
  for (const [name, type] of Object.entries(ASSETS)) {
    http.get(`/docs/${name}`, () => {
      let content = cache.get(name);
      if (content === undefined) {
        content = readFileSync(path.join(assetDirectory(), name));
        cache.set(name, content);
      }
      return new Response(content, {
        headers: { "Content-Type": type, "Cache-Control": "public, max-age=86400", ...security },
      });
    });
  }
}

/** The public paths of the page, for the 405 answers. */
export const REFERENCE_PATHS: readonly string[] = [
  "/docs",
  "/docs/tenor-reference.js",
  ...Object.keys(ASSETS).map((name) => `/docs/${name}`),
];
