// Chromium: bundled to one ES module that a Playwright page loads. The Node side calls
// `ossCseRunConformance(input)`; admin calls go back through the `ossCseConformanceAdmin` binding, because the
// emulator refuses admin requests that carry an Origin header. Credentials are vended over fetch (the orchestrator's
// vending endpoint answers the page's origin with CORS).
import { BROWSER_CLIENTS } from './clients-browser.js';
import { vendOverFetch, type AdminChannel, type ConformanceInput } from './context.js';
import type { RuntimeReport } from './harness/report.js';
import { runConformance } from './run.js';

interface ConformancePage {
  ossCseConformanceAdmin?: AdminChannel;
  ossCseRunConformance?: (input: ConformanceInput) => Promise<RuntimeReport>;
}

const page = globalThis as ConformancePage;
page.ossCseRunConformance = (input) => {
  const admin = page.ossCseConformanceAdmin;
  if (!admin) return Promise.reject(new Error('the page has no ossCseConformanceAdmin binding'));
  return runConformance(input, { admin, vend: vendOverFetch(input.sts.vendUrl), clients: BROWSER_CLIENTS });
};
