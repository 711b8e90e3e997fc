import { secretOf } from '../../../src/detect/rules/image/secret-scan.js';
import { defaultLists } from '../../../src/settings/load.js';
import { describe, expect, it } from 'vitest';
import { imageSecretInConfig } from '../../../src/detect/rules/image/secret-in-config.js';
import { mask } from '../../../src/detect/rules/image/shared.js';
import { runRule } from '../../helpers/rules.js';
import { imageConfig } from './builders.js';

const step = (createdBy: string) => ({ created: null, createdBy, emptyLayer: true });
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('image-secret-in-config', () => {
  it.each([
    [
      'an AWS key ID',
      { env: ['AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE'] },
      'AWS_ACCESS_KEY_ID',
      'high',
      'AKIA…',
    ],
    [
      'an AWS secret key',
      { env: [`AWS_SECRET_ACCESS_KEY=${AWS_SECRET}`] },
      'AWS_SECRET_ACCESS_KEY',
      'high',
      'wJal…',
    ],
    [
      'a database password',
      { env: ['DB_PASSWORD=FAKE-s3cr3t-P@ss'] },
      'DB_PASSWORD',
      'medium',
      'FAKE…',
    ],
    ['a GitHub token, any name', { env: [`X=ghp_${'a'.repeat(36)}`] }, 'X', 'medium', 'ghp_…'],
    [
      'an ENV build step',
      { history: [step('/bin/sh -c #(nop)  ENV API_KEY=abcdef123456')] },
      'API_KEY',
      'medium',
      'abcd…',
    ],
    [
      'an ARG build step',
      { history: [step('ARG NPM_TOKEN="npm_abcdefghijkl"')] },
      'NPM_TOKEN',
      'medium',
      'npm_…',
    ],
    [
      'a BuildKit RUN with build args',
      { history: [step('RUN |1 GH_TOKEN=tok_123456789 /bin/sh -c make')] },
      'GH_TOKEN',
      'medium',
      'tok_…',
    ],
    [
      'a legacy ENV with a space',
      { history: [step('/bin/sh -c #(nop) ENV SECRET s3cr3tvalue')] },
      'SECRET',
      'medium',
      's3cr…',
    ],
    [
      'a key anywhere in a step',
      { history: [step('RUN aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE')] },
      'a credential in a build step',
      'high',
      'AKIA…',
    ],
  ])('fires on %s, masked', (_name, over, key, severity, masked) => {
    const [hit] = runRule(imageSecretInConfig, [imageConfig(over)]);
    expect(hit!.hit).toMatchObject({ key, severity });
    expect(hit!.hit.summary).toContain(`=${masked}`);
    expect(hit!.hit.vars).toMatchObject({ masked });
  });

  it('never prints a secret whole, in summary or response values', () => {
    const env = [`AWS_SECRET_ACCESS_KEY=${AWS_SECRET}`, 'PASS=abc'];
    const hits = runRule(imageSecretInConfig, [imageConfig({ env })]);
    const text = JSON.stringify(hits.map((h) => h.hit));
    expect(text).not.toContain(AWS_SECRET);
    expect(text).not.toContain('abc');
    expect(hits.map((h) => h.hit.vars!.masked)).toEqual(['wJal…', 'a…']);
  });

  it.each([
    ['PATH and friends', { env: ['PATH=/usr/bin', 'APP_ENV=production', 'HOME=/root'] }],
    ['an empty password', { env: ['MYSQL_PASSWORD='] }],
    ['a secret file pointer', { env: ['POSTGRES_PASSWORD_FILE=/run/secrets/db'] }],
    ['a reference to another variable', { env: ['TOKEN=${TOKEN}'] }],
    ['a Docker secret path', { env: ['DB_PASSWORD=/run/secrets/db_password'] }],
    ['an ARG without a value', { history: [step('ARG GITHUB_TOKEN')] }],
    ['an ordinary build step', { history: [step('RUN apk add --no-cache curl')] }],
  ])('stays quiet on %s', (_name, over) => {
    expect(runRule(imageSecretInConfig, [imageConfig(over)])).toEqual([]);
  });

  it.each([
    ['AKIAIOSFODNN7EXAMPLE', 'AKIA…'],
    ['abcdefgh', 'abcd…'],
    ['abc', 'a…'],
    ['x', '…'],
  ])('masks %s as %s', (value, masked) => {
    expect(mask(value)).toBe(masked);
  });
});

describe('names and values that only look like secrets', () => {
  const lists = defaultLists();
  it.each([
    ['DB_PASSWORD', 'hunter2', true],
    ['API-KEY', 'k3y-value-123', true],
    ['GITHUB_TOKEN', 'abc123def456', true],
    ['PASSENGER_APP_ENV', 'production', false],
    ['BYPASS_CACHE', '1', false],
    ['TOKEN_TTL', '3600', false],
    ['OAUTH_TOKEN_URL', 'https://auth.example/token', false],
    ['PASSWORD_MIN_LENGTH', '12', false],
    ['SECRET_ENABLED', 'true', false],
    ['UNRELATED', 'AKIAIOSFODNN7EXAMPLE', true],
  ])('%s=%s: %s', (name, value, secret) => {
    expect(secretOf(name, value, lists) !== null).toBe(secret);
  });
});
