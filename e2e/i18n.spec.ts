// The interface in Vietnamese and Traditional Chinese (issue 5, Languages): the top bar's switch,
// ?lang= and the browser's locale choose the language, and a walk through the whole interface in
// each finds no English left except what Kubernetes itself prints (kubectl output, YAML, object
// names, kind names and terms from the allowlist below).
import { readFileSync, readdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';

/** Kubernetes kinds and terms as Kubernetes prints them, tools and names: allowed in any language. */
const ALLOWED = new Set(
  (
    'Pod pod pods Pods Node node nodes Nodes StatefulSet StatefulSets statefulset Deployment Deployments deployment ReplicaSet replicaset ' +
    'Service Services service PersistentVolumeClaim PersistentVolumeClaims PersistentVolume PersistentVolumes PVC PVCs pvc ' +
    'StorageClass StorageClasses storageclass Job Jobs job CronJob CronJobs cronjob Endpoints EndpointSlice ConfigMap Secret Namespace namespace ' +
    'persistentvolumeclaim persistentvolume poddisruptionbudget replicaset endpointslice ' +
    'PodDisruptionBudget PDB pdb Cordon Uncordon Drain cordon uncordon drain cordoned kubelet kubectl container containers ' +
    'readiness liveness probe partition replicas headless ' +
    // pod, node, claim and event states as kubectl prints them
    'Running Pending Terminating ContainerCreating CrashLoopBackOff Completed Succeeded Failed Unknown Ready NotReady ' +
    'SchedulingDisabled Bound Released Available Lost Normal Warning Error ImagePullBackOff ErrImagePull OOMKilled ' +
    // resource names, products (kind is Kubernetes in Docker), formats and keys
    'cpu memory Gi Mi ' +
    'Ordinal Kubernetes kind React Flow nginx MySQL mysql Redis redis Postgres postgres minikube k3s YAML yaml JSON DNS URL QR Ctrl Cmd Enter Tab Esc Shift'
  ).split(' '),
);

/** Vietnamese syllables written without diacritics (checked ASCII words must be one of these). */
const VIETNAMESE_SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnrstvx])?(oai|oay|uay|uya|uye|ai|ao|au|ay|eo|eu|ia|iu|oa|oe|oi|ua|ue|ui|uy|[aeiouy])(ng|nh|[mn])?$/;
/** English words that happen to fit Vietnamese spelling: never counted as Vietnamese. */
const ENGLISH_LOOKALIKES = new Set(['the', 'then', 'than', 'them', 'ten', 'man', 'men', 'can', 'run', 'sun', 'gun', 'him', 'hen', 'pen', 'hey', 'bin', 'pin']);

/** ASCII words of the Vietnamese translations (all namespaces) that are Vietnamese syllables. */
function vietnameseAsciiWords(): Set<string> {
  const folder = new URL('../app/i18n/locales/vi/', import.meta.url);
  const words = new Set<string>();
  for (const file of readdirSync(folder)) {
    const text = readFileSync(new URL(file, folder), 'utf8');
    for (const [word] of text.matchAll(/(?<![\p{L}\d])[A-Za-z]{3,}(?![\p{L}\d])/gu)) {
      const lower = word.toLowerCase();
      if (VIETNAMESE_SYLLABLE.test(lower) && !ENGLISH_LOOKALIKES.has(lower)) words.add(lower);
    }
  }
  return words;
}

/**
 * Every visible text node, plus the aria-label, title, placeholder and alt of visible elements and
 * the options of the selects, outside what declares itself another language (`lang`, e.g. kubectl
 * output marked `lang="en"`), `translate="no"` (object names, commands), code, pre, the terminal,
 * the Monaco editor and React Flow's attribution link.
 */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pageLanguage = document.documentElement.lang;
    const skipped = (el: Element | null): boolean => {
      if (!el) return false;
      // .react-flow__attribution: the graph library's credit link, as the library writes it
      if (el.closest('[translate="no"], code, pre, script, style, .xterm, .monaco-editor, .monaco-aria-container, .react-flow__attribution')) return true;
      const declared = el.closest('[lang]');
      return declared !== null && declared !== document.documentElement && declared.getAttribute('lang') !== pageLanguage;
    };
    const visible = (el: Element) => el.checkVisibility({ opacityProperty: false, visibilityProperty: true });
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      if (!text || !parent || skipped(parent)) continue;
      if (parent.tagName === 'OPTION' ? !visible(parent.closest('select') ?? parent) : !visible(parent)) continue;
      out.push(text);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      if (skipped(el) || !visible(el)) continue;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = el.getAttribute(name)?.trim();
        if (value) out.push(value);
      }
    }
    return out;
  });
}

/** Object names of the cluster and the workspace's file names: shown as Kubernetes names them. */
async function namesOnThePage(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const snapshot = window.__playground?.snapshot();
    return [...Object.values(snapshot?.names ?? {}).flat(), ...Object.keys(snapshot?.files ?? {})];
  });
}

/** The English words left in `texts` once commands, names, numbers and allowed terms are removed. */
function englishLeft(texts: string[], names: string[], language: 'vi' | 'zh-Hant', vietnamese: Set<string>): string[] {
  const byLength = [...new Set(names)].sort((a, b) => b.length - a.length);
  const left = new Set<string>();
  for (const text of texts) {
    let rest = text.replace(/\b(kubectl|sim)( [-\w./=:,*]+)+/g, ' ').replace(/\b[\w-]+(\.[\w-]+)*\.svc\.cluster\.local\b/g, ' ');
    for (const name of byLength) rest = rest.split(name).join(' ');
    rest = rest.replace(/[\w.-]+\.(ya?ml|sh|json)\b/g, ' ').replace(/[?&][\w-]+=[\w-]+/g, ' ');
    for (const [word] of rest.matchAll(/(?<![\p{L}\d])[A-Za-z]{3,}(?![\p{L}\d])/gu)) {
      if (ALLOWED.has(word)) continue;
      if (language === 'vi' && vietnamese.has(word.toLowerCase())) continue;
      left.add(`${word}  ← "${text.slice(0, 90)}"`);
    }
  }
  return [...left].sort();
}

async function openPage(page: Page, query: string): Promise<void> {
  await page.goto(`/${query}`);
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await page.locator('.monaco-editor .view-lines').getByText('apiVersion: v1').waitFor();
}

const DOCK_TABS = { vi: 'Dòng lệnh', 'zh-Hant': '終端機', en: 'Terminal' } as const;

test('the switch in the top bar changes the language, and the choice survives a reload', async ({ page }) => {
  await openPage(page, '');
  await expect(page.getByTestId('dock.terminal')).toHaveText(DOCK_TABS.en);
  await page.getByTestId('toolbar.language').selectOption('vi');
  await expect(page.getByTestId('dock.terminal')).toHaveText(DOCK_TABS.vi);
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByTestId('editor.apply')).toHaveText('Áp dụng');
  await page.reload();
  await expect(page.getByTestId('engine-status')).toHaveText('sẵn sàng');
  await expect(page.getByTestId('dock.terminal')).toHaveText(DOCK_TABS.vi);
  await page.getByTestId('toolbar.language').selectOption('zh-Hant');
  await expect(page.getByTestId('dock.terminal')).toHaveText(DOCK_TABS['zh-Hant']);
  await expect(page.locator('.scenario-title')).toHaveText('依序建立：執行 nginx 的 web StatefulSet');
  await page.reload();
  await expect(page.getByTestId('toolbar.language')).toHaveValue('zh-Hant');
  await expect(page.getByTestId('engine-status')).toHaveText('就緒');
});

test('?lang=vi opens the page in Vietnamese, kubectl output stays as kubectl prints it', async ({ page, terminal }) => {
  await openPage(page, '?lang=vi');
  await expect(page.getByTestId('toolbar.language')).toHaveValue('vi');
  await expect(page.getByTestId('dock.events')).toHaveText(/^Sự kiện/);
  await terminal.run('kubectl get pods');
  await expect.poll(() => terminal.text()).toMatch(/NAME\s+READY\s+STATUS/);
});

test.describe('with a Traditional Chinese browser', () => {
  test.use({ locale: 'zh-TW' });

  test('the page opens in Traditional Chinese', async ({ page }) => {
    await openPage(page, '');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
    await expect(page.getByTestId('dock.terminal')).toHaveText(DOCK_TABS['zh-Hant']);
    await expect(page.getByTestId('toolbar.scenario-picker').locator('option').first()).toHaveText('情境庫…');
  });
});

for (const language of ['vi', 'zh-Hant'] as const) {
  test(`in ${language}, a walk through the interface finds no English left`, async ({ page, graph, editor, saveScreenshot }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    await openPage(page, `?lang=${language}`);
    const vietnamese = vietnameseAsciiWords();
    // each English word with the text it is in, and where in the walk it was first seen
    const seen = new Map<string, string>();
    const look = async (where: string) => {
      const texts = await visibleTexts(page);
      for (const left of englishLeft(texts, await namesOnThePage(page), language, vietnamese)) if (!seen.has(left)) seen.set(left, where);
    };

    await look('top bar, editor, graph, terminal');
    await saveScreenshot(`i18n-${language}-page`);
    // a problem in the editor: its location is translated, kubectl's message is not
    await editor.replaceLine('- port: 80', '- port: eighty');
    await expect(editor.diagnostics.locator('li').first()).toBeVisible();
    await look('problems list');
    // the confirmation before Reset drops the unapplied edit
    await page.getByTestId('editor.reset').click();
    await expect(page.getByTestId('workspace.confirm')).toBeVisible();
    await look('reset confirmation');
    await saveScreenshot(`i18n-${language}-confirm`);
    await page.getByTestId('workspace.confirm.ok').click();
    await expect(editor.lines).toContainText('- port: 80');
    await expect(editor.lines).not.toContainText('eighty');

    for (const tab of ['events', 'inspector', 'terminal'] as const) {
      await page.getByTestId(`dock.${tab}`).click();
      await look(`dock: ${tab}`);
    }
    await graph.pod('web-0').click();
    await expect(page.getByTestId('inspector')).toBeVisible();
    await look('inspector');

    const menus: [string, () => Promise<void>][] = [
      ['pod menu', () => graph.openMenu(graph.pod('web-0'))],
      ['StatefulSet menu', () => graph.openMenu(page.getByTestId('graph.statefulset.web'), true)],
      ['node menu', () => graph.openMenu(graph.lane('node-1'), true)],
    ];
    for (const [where, open] of menus) {
      await open();
      await expect(page.getByTestId('menu')).toBeVisible();
      await look(where);
      if (where === 'StatefulSet menu') {
        await page.getByTestId('menu.scale-to').click();
        await page.getByTestId('menu.scale-to.input').fill('100');
        await look('Scale to N');
        await saveScreenshot(`i18n-${language}-menu`);
      }
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('menu')).toHaveCount(0);
    }

    // the scenario picker lists the gallery in this language
    await look('scenario picker');
    for (const [button, dialog, close] of [
      ['toolbar.share', 'share.dialog', 'share.close'],
      ['toolbar.export', 'export.dialog', 'export.close'],
    ] as const) {
      if ((await page.getByTestId(button).count()) === 0) continue;
      await page.getByTestId(button).click();
      await expect(page.getByTestId(dialog)).toBeVisible();
      await look(dialog);
      await page.getByTestId(close).click();
    }
    await page.getByTestId('toolbar.presenter').click();
    await look('presenter mode');
    await saveScreenshot(`i18n-${language}-presenter`);

    const report = [...seen].map(([left, where]) => `[${where}] ${left}`);
    expect(report, 'English words left in the interface').toEqual([]);
  });
}
