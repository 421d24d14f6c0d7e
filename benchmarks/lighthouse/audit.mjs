// One Lighthouse user flow over five pages of a running site: `make audit` runs it
// (through audit.py, which starts the server). Usage:
//
//   node audit.mjs BASE_URL [REPORTS_DIR]
//
// - The browser is Debian's Chromium (/usr/bin/chromium, or CHROMIUM), launched
//   headless by puppeteer-core, which never downloads one.
// - Lighthouse's defaults: mobile form factor, a Moto G Power sized screen,
//   simulated slow 4G and a 4x slower CPU.
// - Steps, each a navigation: home, the article (its link found on the home page),
//   a cause, the triage form, and the triage result: the form is filled in
//   (nothing worrying) and its primary "Show my result" button clicked. The first
//   four are cold loads (Lighthouse clears the cache and storage first); the result
//   keeps them (`disableStorageReset`), so the form's CSRF cookie goes with the POST.
// - Between steps the page Lighthouse has just audited is loaded again without
//   Lighthouse (the page a reader would be leaving; for the result, the form they
//   fill in) and the tab's garbage is collected. Otherwise tearing down the
//   audited page, with Lighthouse's own scripts in it (axe-core and its
//   gatherers), runs as one long task at the start of the next page and counts in
//   that page's Total Blocking Time, more with every step of the flow.
// - Writes REPORTS_DIR/flow.html (every step in one report), one HTML and JSON
//   report per step, and REPORTS_DIR/scores.json: for each step its name, URL and
//   the four category scores (0-100). Prints the same scores as JSON.

import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';

import {generateReport, startFlow} from 'lighthouse';
import puppeteer from 'puppeteer-core';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

export const HOME = '/';
export const ARTICLE_FALLBACK = '/articles/spotting-between-periods/';
export const CAUSE = '/causes/ectopic-pregnancy/';
export const TRIAGE = '/triage/';
// Answers for the triage result (field names from triage/contract.py): nothing worrying.
export const ANSWERS = {
  pregnancy: 'no',
  bleeding_amount: 'spotting',
  pain: 'none',
  frequency: 'occasional',
  age: '30',
  premenstrual_spotting_days: '0',
};
// The form's primary submit button; "Get advice now" is the secondary one.
const PRIMARY_SUBMIT = 'form.triage-form button[type="submit"]:not(.button--secondary)';

function slug(name) {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

async function articlePath(page, base) {
  // The home page's first link to an article (the reviewed flagship article).
  const href = await page.evaluate(() => {
    const link = document.querySelector('main a[href^="/articles/"]');
    return link ? link.getAttribute('href') : null;
  });
  return new URL(href || ARTICLE_FALLBACK, base).pathname;
}

async function fillTriageForm(page) {
  const missing = await page.evaluate((answers) => {
    const notFound = [];
    for (const [name, value] of Object.entries(answers)) {
      const radio = document.querySelector(`input[type="radio"][name="${name}"][value="${value}"]`);
      const input = document.querySelector(`input[name="${name}"]:not([type="radio"])`);
      if (radio) {
        radio.checked = true;
      } else if (input) {
        input.value = value;
      } else {
        notFound.push(name);
      }
    }
    return notFound;
  }, ANSWERS);
  if (missing.length) {
    throw new Error(`The triage form has no field for: ${missing.join(', ')}`);
  }
}

async function settle(page, cdp) {
  // Outside any Lighthouse step: the same page again, loaded plainly, then a garbage collection.
  await page.goto(page.url(), {waitUntil: 'load'});
  await cdp.send('HeapProfiler.collectGarbage');
}

async function main() {
  const base = process.argv[2];
  const reports = path.resolve(process.argv[3] || 'reports');
  if (!base) {
    console.error('usage: node audit.mjs BASE_URL [REPORTS_DIR]');
    process.exit(2);
  }
  await mkdir(reports, {recursive: true});

  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    const flow = await startFlow(page, {name: 'Spotting between periods'});
    const cdp = await page.createCDPSession();
    const cold = {disableStorageReset: false};

    await flow.navigate(new URL(HOME, base).href, {name: 'Home', ...cold});
    const article = await articlePath(page, base);
    await settle(page, cdp);
    await flow.navigate(new URL(article, base).href, {name: 'Article', ...cold});
    await settle(page, cdp);
    await flow.navigate(new URL(CAUSE, base).href, {name: 'Cause', ...cold});
    await settle(page, cdp);
    await flow.navigate(new URL(TRIAGE, base).href, {name: 'Triage form', ...cold});

    await settle(page, cdp);
    await fillTriageForm(page);
    await flow.navigate(async () => {
      await page.click(PRIMARY_SUBMIT);
    }, {name: 'Triage result', disableStorageReset: true});
    const disposition = await page.$('[data-disposition]');
    if (!disposition) {
      throw new Error(`The triage POST did not show a result (at ${page.url()})`);
    }

    const flowResult = await flow.createFlowResult();
    await writeFile(path.join(reports, 'flow.html'), await flow.generateReport());
    const scores = [];
    for (const step of flowResult.steps) {
      const lhr = step.lhr;
      const file = slug(step.name);
      await writeFile(path.join(reports, `${file}.html`), generateReport(lhr, 'html'));
      await writeFile(path.join(reports, `${file}.json`), JSON.stringify(lhr));
      const row = {name: step.name, url: lhr.finalDisplayedUrl, report: `${file}.html`};
      for (const category of CATEGORIES) {
        const score = lhr.categories[category]?.score;
        row[category] = score === null || score === undefined ? null : Math.round(score * 100);
      }
      // What kept a category below 100: the audits that scored under 1 (and weigh).
      row.failing = {};
      for (const category of CATEGORIES) {
        const refs = lhr.categories[category]?.auditRefs || [];
        const failing = refs
          .filter((ref) => ref.weight > 0)
          .map((ref) => lhr.audits[ref.id])
          .filter((audit) => audit && audit.score !== null && audit.score < 1)
          .map((audit) => ({id: audit.id, score: audit.score, value: audit.displayValue || ''}));
        if (failing.length) {
          row.failing[category] = failing;
        }
      }
      scores.push(row);
    }
    const output = JSON.stringify({base, chromium: await browser.version(), steps: scores}, null, 2);
    await writeFile(path.join(reports, 'scores.json'), output + '\n');
    console.log(output);
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
