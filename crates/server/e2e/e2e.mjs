// End-to-end tests of `newsbrief serve` in a real browser: Debian's headless chromium, driven
// by playwright-core (which downloads no browser). Run by crates/server/tests/browser.rs,
// which starts a server and passes:
//   NEWSBRIEF_URL      the server, e.g. http://127.0.0.1:41234
//   NEWSBRIEF_TOKEN    its write token
//   NEWSBRIEF_EXAMPLES the examples/ folder
//   NEWSBRIEF_SHOTS    where screenshots go (under target/)
//   CHROMIUM           the browser (default /usr/bin/chromium)
// Prints one line per check and a closing "N passed, N failed"; exits 1 on any failure.

import { chromium } from "playwright-core";
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const base = process.env.NEWSBRIEF_URL;
const token = process.env.NEWSBRIEF_TOKEN;
const examples = process.env.NEWSBRIEF_EXAMPLES;
const shots = process.env.NEWSBRIEF_SHOTS;
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
mkdirSync(shots, { recursive: true });

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`);
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

async function post(path, body) {
  const r = await fetch(base + path, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
    body,
  });
  const text = await r.text();
  assert(r.ok, `${path}: ${r.status} ${text}`);
  return JSON.parse(text);
}

const XSS_TITLE = "Bakery fire <script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">";
const XSS = {
  id: "xss-article",
  title: XSS_TITLE,
  source: "Evil \u202egnp.exe",
  url: "javascript:window.__xss=3",
  published: "2026-03-08",
  text:
    "A fire gutted the Orlen street bakery on Friday night <script>window.__xss=4</script>, firefighters said. " +
    "The baker said <img src=x onerror=window.__xss=5> the ovens had been checked in May. </script><b>bold</b>",
};

// ---- ingest through the API
const files = [];
for (const story of readdirSync(examples).sort()) {
  for (const f of readdirSync(join(examples, story)).sort()) files.push(`${story}/${f}`);
}
await check("ingest the examples through the API", async () => {
  for (const f of files) {
    const r = await post(`/api/articles?file=${encodeURIComponent(f)}`, readFileSync(join(examples, f)));
    assert(r.stored + r.duplicates >= 1, `${f}: ${JSON.stringify(r)}`);
  }
  await post("/api/articles", JSON.stringify(XSS));
});

const stories = (await (await fetch(base + "/api/stories")).json()).stories;
const dam = stories.find((s) => s.headline.includes("Hollin"));
const damBrief = await (await fetch(`${base}/api/stories/${dam.id}?text=true`)).json();

const profile = mkdtempSync(join(tmpdir(), "newsbrief-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
  ],
  viewport: { width: 1100, height: 900 },
});
const page = context.pages()[0] || (await context.newPage());
const problems = [];
page.on("dialog", async (d) => {
  problems.push(`dialog: ${d.message()}`);
  await d.dismiss();
});
page.on("console", (m) => {
  if (m.type() === "error") problems.push(`console: ${m.text()}`);
});
page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));

try {
  await check("stories page lists stories and follows events live", async () => {
    await page.goto(base + "/");
    await page.waitForSelector("body[data-live=connected]");
    const n = await page.locator("li.story").count();
    assert(n >= 2, `stories listed: ${n}`);
    // A new story arrives while the page is open.
    await post(
      "/api/articles",
      JSON.stringify({
        id: "live-1",
        title: "Lighthouse keeper rescues stranded kayakers off Brannock Point",
        published: "2026-12-01",
        source: "Coast Gazette",
        text: "A lighthouse keeper at Brannock Point rescued three stranded kayakers on Tuesday after their boats overturned in a squall.",
      }),
    );
    await page.locator("li.story.fresh", { hasText: "Lighthouse keeper" }).waitFor({ timeout: 10000 });
    await page.screenshot({ path: join(shots, "stories.png"), fullPage: true });
  });

  await check("open a story", async () => {
    await page.goto(base + "/");
    await page.locator("a.headline", { hasText: "Hollin" }).first().click();
    await page.waitForURL(/\/stories\/\d+$/);
    assert((await page.locator("ol.summary > li").count()) === damBrief.summary.length, "summary sentences");
    await page.screenshot({ path: join(shots, "story.png"), fullPage: true });
  });

  await check("hover a citation: the cited span, highlighted in its paragraph", async () => {
    const first = damBrief.summary[0];
    const span = first.spans[first.spans.length - 1];
    const doc = damBrief.documents[span.doc - 1];
    const want = Buffer.from(doc.text, "utf8").subarray(span.start, span.end).toString("utf8");
    const cite = page.locator("ol.summary > li").first().locator(".cite").last();
    const pop = cite.locator(".pop");
    assert(!(await pop.isVisible()), "popup hidden before hover");
    await cite.locator(".marker").hover();
    await pop.waitFor({ state: "visible" });
    const marked = await pop.locator("mark").innerText();
    assert(marked.trim() === want.trim(), `marked ${JSON.stringify(marked)} != ${JSON.stringify(want)}`);
    const bg = await pop.locator("mark").evaluate((m) => getComputedStyle(m).backgroundColor);
    assert(bg !== "rgba(0, 0, 0, 0)", `mark has a background: ${bg}`);
    await page.screenshot({ path: join(shots, "story-hover.png") });
    await page.mouse.move(0, 0);
  });

  await check("keyboard focus on a marker shows its popup", async () => {
    const marker = page.locator("ol.summary .marker").first();
    await marker.focus();
    await page.locator("ol.summary .cite").first().locator(".pop").waitFor({ state: "visible" });
    await page.keyboard.press("Escape");
  });

  await check("a disagreement is flagged inline and listed with each source's value", async () => {
    assert(damBrief.disagreements.length > 0, "the example has a disagreement");
    const flag = page.locator("ol.summary .flag").first();
    await flag.waitFor({ state: "visible" });
    await flag.click();
    await page.waitForURL(/#d\d+$/);
    const id = new URL(page.url()).hash.slice(1);
    const item = page.locator(`#${id}`);
    assert((await item.locator("li").count()) >= 2, "two values at least");
    assert((await item.locator(".value").first().innerText()).length > 0, "a value");
  });

  await check("clicking a marker opens the article at the span", async () => {
    const marker = page.locator("ol.summary > li").first().locator("a.marker").first();
    const href = await marker.getAttribute("href");
    await marker.click();
    await page.waitForURL(/\/articles\/.+#c\d+$/);
    const anchor = href.split("#")[1];
    const mark = page.locator(`mark#${anchor}`);
    await mark.waitFor({ state: "visible" });
    const back = await mark.locator("a").getAttribute("href");
    assert(/\/stories\/\d+#s1$/.test(back), `links back: ${back}`);
    await page.screenshot({ path: join(shots, "article.png"), fullPage: true });
  });

  await check("search from the search box", async () => {
    await page.goto(base + "/");
    await page.fill("#q", "spillway");
    await page.press("#q", "Enter");
    await page.waitForURL(/\/search\?q=spillway/);
    const hits = await page.locator("ol.hits > li").count();
    assert(hits > 0, "hits");
    assert((await page.locator("ol.hits mark").first().innerText()).toLowerCase().startsWith("spillway"), "marked word");
    await page.screenshot({ path: join(shots, "search.png"), fullPage: true });
  });

  await check("upload files and get a brief without storing them", async () => {
    const before = (await (await fetch(base + "/healthz")).json()).articles;
    await page.goto(base + "/brief");
    const port = readdirSync(join(examples, "dam-collapse")).sort().map((f) => join(examples, "dam-collapse", f));
    await page.setInputFiles("#files", port);
    await page.click("form.upload button[type=submit]");
    await page.waitForURL(/\/brief$/);
    await page.locator("ol.summary > li").first().waitFor();
    assert((await page.content()).includes("Nothing was stored"), "says nothing stored");
    const after = (await (await fetch(base + "/healthz")).json()).articles;
    assert(before === after, `stored ${after - before}`);
    await page.screenshot({ path: join(shots, "upload-brief.png"), fullPage: true });
  });

  await check("an XSS article renders as text", async () => {
    const a = await (await fetch(`${base}/api/articles/xss-article`)).json();
    await page.goto(`${base}/stories/${a.story}`);
    await page.goto(`${base}/articles/xss-article`);
    const h1 = await page.locator("h1").innerText();
    assert(h1.includes("<script>window.__xss=1</script>"), `title shown as text: ${h1}`);
    assert((await page.locator("main script, main img, main b").count()) === 0, "no injected element");
    assert((await page.locator("a[href^='javascript:']").count()) === 0, "no javascript: link");
    assert((await page.evaluate(() => window.__xss)) === undefined, "no payload ran");
    await page.screenshot({ path: join(shots, "xss.png"), fullPage: true });
    await page.goto(`${base}/stories/${a.story}`);
    assert((await page.evaluate(() => window.__xss)) === undefined, "no payload ran on the story page");
  });

  await check("readable at phone width, and printable", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/stories/${dam.id}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 1, `horizontal overflow ${overflow}px`);
    await page.screenshot({ path: join(shots, "story-phone.png"), fullPage: true });
    await page.emulateMedia({ media: "print" });
    assert(!(await page.locator("header.top").isVisible()), "no header in print");
    await page.emulateMedia({ media: "screen" });
  });

  await check("no dialogs, script errors or CSP violations", async () => {
    assert(problems.length === 0, problems.join("\n"));
  });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
