// Opens every page of the generated site in headless Chromium (Debian's, through playwright-core)
// and checks what a reader would hit: console errors, requests leaving the site, links and
// anchors that do not resolve, API names without an element of that id, and the search box.
//
//   node check_site.js SITE_DIR EXPECTED_IDS.json SCREENSHOT.png
// Prints one line per problem and a summary; exits 1 if there was any problem.
const fs = require("fs");
const path = require("path");
const { launch } = require("./chromium");

const [siteDir, expectedFile, screenshot] = process.argv.slice(2);
const expected = JSON.parse(fs.readFileSync(expectedFile, "utf8"));
const problems = [];
const problem = (text) => problems.push(text);

(async () => {
  const { context, userDataDir } = await launch();
  const page = context.pages()[0] || (await context.newPage());
  let current = "";
  page.on("console", (msg) => { if (msg.type() === "error") problem(`${current}: console error: ${msg.text()}`); });
  page.on("pageerror", (err) => problem(`${current}: page error: ${err.message}`));
  page.on("request", (req) => { if (!req.url().startsWith("file://")) problem(`${current}: external request ${req.url()}`); });
  page.on("requestfailed", (req) => problem(`${current}: failed to load ${req.url()}`));

  const pages = fs.readdirSync(siteDir).filter((f) => f.endsWith(".html")).sort();
  const ids = {};
  const links = [];
  for (const file of pages) {
    current = file;
    const url = "file://" + path.resolve(siteDir, file);
    await page.goto(url, { waitUntil: "load" });
    ids[file] = new Set(await page.$$eval("[id]", (els) => els.map((e) => e.id)));
    const hrefs = await page.$$eval("a[href]", (els) => els.map((a) => a.href));
    hrefs.forEach((href) => links.push([file, href]));
  }
  for (const [from, href] of links) {
    if (!href.startsWith("file://")) { problem(`${from}: link leaves the site: ${href}`); continue; }
    const target = new URL(href);
    const file = path.basename(decodeURIComponent(target.pathname));
    if (!ids[file]) { problem(`${from}: broken link ${href}`); continue; }
    const anchor = decodeURIComponent(target.hash.slice(1));
    if (anchor && !ids[file].has(anchor)) problem(`${from}: no #${anchor} in ${file}`);
  }
  for (const id of expected) {
    if (!ids["reference.html"].has(id)) problem(`reference.html: no element with id '${id}'`);
  }

  current = "index.html (search)";
  await page.goto("file://" + path.resolve(siteDir, "index.html"));
  await page.fill("#search", "stop_l");
  await page.waitForSelector("#search-results li a");
  const first = await page.$eval("#search-results li a code", (c) => c.textContent);
  if (first !== "websocket.stop_listening") problem(`search 'stop_l': first result is '${first}'`);
  await page.fill("#search", "");

  fs.mkdirSync(path.dirname(screenshot), { recursive: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: screenshot });
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });

  problems.forEach((p) => console.log(p));
  console.log(`${pages.length} pages, ${links.length} links, ${expected.length} ids: ${problems.length} problems`);
  process.exit(problems.length ? 1 : 0);
})().catch((err) => {
  console.log(`check_site failed: ${err.stack || err}`);
  process.exit(1);
});
