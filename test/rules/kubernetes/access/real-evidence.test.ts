import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runDetection } from '../../../../src/detect/run.js';
import { expandPaths } from '../../../../src/evidence/paths.js';
import { atLeast, type Severity } from '../../../../src/model/severity.js';
import { openInputs } from '../../../../src/readers/inputs.js';
import { defaultSettings } from '../../../helpers/rules.js';
import { ACCESS_PACK } from './helpers.js';

/**
 * The access rules on the shared real audit logs (read in place, never
 * copied): the findings each file must give, and the plain activity that
 * must give nothing above low.
 */
const PROJECT = fileURLToPath(new URL('../../../../', import.meta.url));
const EVIDENCE = process.env['STOWAWAY_EVIDENCE'] ?? resolve(PROJECT, '../shared/evidence');
const present = existsSync(EVIDENCE);
const AUDIT = 'real/k8s-audit';

/** Rule and severity of every access hit on one evidence path. */
async function findings(relative: string): Promise<[string, Severity][]> {
  const files = await expandPaths([join(EVIDENCE, relative)]);
  const inputs = await openInputs(files, () => undefined);
  const { hits, ruleFailures } = await runDetection(inputs, ACCESS_PACK, defaultSettings());
  expect(ruleFailures).toEqual([]);
  return hits.map((h) => [h.card.id, h.hit.severity ?? h.card.severity]);
}

if (!present) {
  describe('real audit evidence', () => {
    it(`is not at ${EVIDENCE}, so the real-file checks did not run`, () => {
      expect(present).toBe(false);
    });
  });
} else {
  describe('the access rules on real audit logs', () => {
    it.each([
      ['falco/attach_cluster_admin_role.json', 'k8s-cluster-admin-binding'],
      ['falco/create_cluster_role_wildcard_verbs.json', 'k8s-role-wildcard'],
    ])('%s gives %s, high', async (file, rule) => {
      expect(await findings(`${AUDIT}/${file}`)).toContainEqual([rule, 'high']);
    });

    it.each([
      'create_configmap.json',
      'create_deployment.json',
      'create_secret.json',
      'delete_deployment.json',
      'delete_secret.json',
      'exec_pod.json',
      'create_nginx_pod_unprivileged.json',
      'fal_01_003.json',
    ])('falco/%s gives nothing above low', async (file) => {
      const loud = (await findings(`${AUDIT}/falco/${file}`)).filter(([, s]) =>
        atLeast(s, 'medium'),
      );
      expect(loud).toEqual([]);
    });

    it('audit2rbac: the administrator impersonating users, no burst of refusals', async () => {
      const hits = await findings(`${AUDIT}/audit2rbac_demo.log`);
      const rules = new Set(hits.map(([rule]) => rule));
      expect([...rules]).toEqual(['k8s-impersonation']);
      expect(hits.length).toBeGreaterThan(30);
    });

    it('the AKS export: control-plane traffic from inside gives nothing', async () => {
      expect(await findings(`${AUDIT}/cloud`)).toEqual([]);
    });
  });
}
