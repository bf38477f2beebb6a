// Debian's Chromium, headless, through playwright-core, with a new profile; shared by the
// browser tests. Close the context, then remove `userDataDir`.
const fs = require("fs");
const path = require("path");
const os = require("os");
const { chromium } = require("playwright-core");

async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wslua-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    // Without the background-networking flags Chromium tries the network at every start.
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
  return { context, userDataDir };
}

module.exports = { launch };
