// Opens examples/browser/index.html in headless Chromium (Debian's, through playwright-core)
// against a running wslua echo server, sends two messages as a reader would (type, click) and
// waits for their echoes in the page. Exits 1 with the reason if they do not come.
//
//   node check_browser_example.js PAGE URL
const fs = require("fs");
const path = require("path");
const { launch } = require("./chromium");

const [page_file, url] = process.argv.slice(2);

(async () => {
  const { context, userDataDir } = await launch();
  let failed = null;
  try {
    const page = context.pages()[0] || (await context.newPage());
    page.on("pageerror", (err) => { failed = "page error: " + err.message; });
    await page.goto("file://" + path.resolve(page_file) + "?url=" + encodeURIComponent(url));
    await page.waitForSelector("#status:has-text('connected to')", { timeout: 10000 });
    for (const text of ["hello from chromium", "héllo ✓"]) {
      await page.fill("#text", text);
      await page.click("button");
      await page.waitForSelector(`#log li:has-text("server: ${text}")`, { timeout: 10000 });
    }
    console.log(await page.$$eval("#log li", (items) => items.map((li) => li.textContent).join("\n")));
  } catch (err) {
    failed = failed || err.message;
  }
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
  if (failed) {
    console.log("failed: " + failed);
    process.exit(1);
  }
})();
