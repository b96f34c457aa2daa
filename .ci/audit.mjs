#!/usr/bin/env node
// CI gate: `npm audit --omit=dev` must find no high or critical advisory in the production dependencies.
// Node built-ins only, so it runs before anything else is installed. It reaches only the npm registry.
// When the registry's advisory endpoint cannot answer (a mirror or proxy without it), it says the dependencies were
// NOT checked and goes on, unless CI_AUDIT_REQUIRED=1 makes that a failure too.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const BLOCKING = ['high', 'critical'];

/** What `npm audit --json` printed → { ok, message }. Pure, for the tests. */
export function auditVerdict(text, { required = false } = {}) {
  let report;
  try {
    report = JSON.parse(text);
  } catch {
    report = undefined;
  }
  const counts = report?.metadata?.vulnerabilities;
  if (!counts) {
    const why = report?.message ?? report?.error?.summary ?? 'no JSON report';
    const message = `npm audit: the registry's advisory endpoint did not answer (${why}); production dependencies NOT checked`;
    return { ok: !required, message: required ? `${message}. CI_AUDIT_REQUIRED=1: failing.` : `${message}. Set CI_AUDIT_REQUIRED=1 to fail on this.` };
  }
  const blocking = Object.values(report.vulnerabilities ?? {}).filter((v) => BLOCKING.includes(v.severity));
  const total = BLOCKING.reduce((sum, level) => sum + (counts[level] ?? 0), 0);
  if (total === 0) return { ok: true, message: `npm audit --omit=dev: no high or critical advisory (${counts.total ?? 0} lower)` };
  const lines = blocking.map((v) => `  ${v.severity} ${v.name} ${v.range ?? ''}${v.fixAvailable ? ' (fix available: npm audit fix)' : ''}`);
  return {
    ok: false,
    message: `npm audit --omit=dev: ${total} high or critical advisories in production dependencies:\n${lines.join('\n')}\nUpgrade or replace them (npm audit fix; npm audit --omit=dev for details).`,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const audit = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
  const verdict = auditVerdict(audit.stdout, { required: process.env.CI_AUDIT_REQUIRED === '1' });
  process.stderr.write(`${verdict.message}\n`);
  process.exit(verdict.ok ? 0 : 1);
}
