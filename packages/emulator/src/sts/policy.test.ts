import { describe, expect, it } from 'vitest';
import { RpcError } from '../rpc/errors.js';
import { parsePolicyDocument, policyAllows } from './policy.js';
import { wildcardMatch } from './wildcard.js';

const alice = parsePolicyDocument(
  JSON.stringify({
    Version: '1',
    Statement: [
      { Effect: 'Allow', Action: ['oss:PutObject', 'oss:Get*'], Resource: ['acs:oss:*:*:bucket/uploads/alice/*'] },
      { Effect: 'Deny', Action: 'oss:GetObject', Resource: 'acs:oss:*:*:bucket/uploads/alice/secret?.txt' },
    ],
  }),
);

function grammarCode(text: string): string | undefined {
  try {
    parsePolicyDocument(text);
    return undefined;
  } catch (error) {
    return error instanceof RpcError ? error.code : 'not an RpcError';
  }
}

describe('wildcardMatch', () => {
  it('matches * (any run, also empty) and ? (one character) and nothing else', () => {
    expect(wildcardMatch('a*c', 'ac', false)).toBe(true);
    expect(wildcardMatch('a*c', 'a/b/c', false)).toBe(true);
    expect(wildcardMatch('a?c', 'abc', false)).toBe(true);
    expect(wildcardMatch('a?c', 'ac', false)).toBe(false);
    expect(wildcardMatch('a.c', 'abc', false)).toBe(false);
    expect(wildcardMatch('a(b)+', 'a(b)+', false)).toBe(true);
    expect(wildcardMatch('ABC', 'abc', false)).toBe(false);
    expect(wildcardMatch('ABC', 'abc', true)).toBe(true);
  });
});

describe('policyAllows', () => {
  it('allows everything without a policy', () => {
    expect(policyAllows(undefined, 'oss:DeleteBucket', 'acs:oss:*:*:any')).toBe(true);
  });

  it('scopes a token to its prefix: alice cannot read bob', () => {
    expect(policyAllows(alice, 'oss:PutObject', 'acs:oss:*:*:bucket/uploads/alice/a.txt')).toBe(true);
    expect(policyAllows(alice, 'oss:GetObjectMeta', 'acs:oss:*:*:bucket/uploads/alice/a.txt')).toBe(true);
    expect(policyAllows(alice, 'oss:GetObject', 'acs:oss:*:*:bucket/uploads/bob/a.txt')).toBe(false);
    expect(policyAllows(alice, 'oss:DeleteObject', 'acs:oss:*:*:bucket/uploads/alice/a.txt')).toBe(false);
  });

  it('lets an explicit Deny win over an Allow', () => {
    expect(policyAllows(alice, 'oss:GetObject', 'acs:oss:*:*:bucket/uploads/alice/secret1.txt')).toBe(false);
    expect(policyAllows(alice, 'oss:GetObjectMeta', 'acs:oss:*:*:bucket/uploads/alice/secret1.txt')).toBe(true);
  });

  it('matches actions case-insensitively and resources case-sensitively', () => {
    expect(policyAllows(alice, 'OSS:putobject', 'acs:oss:*:*:bucket/uploads/alice/a')).toBe(true);
    expect(policyAllows(alice, 'oss:PutObject', 'acs:oss:*:*:bucket/uploads/Alice/a')).toBe(false);
  });

  it('accepts oss:* and a single statement object', () => {
    const all = parsePolicyDocument('{"Statement":{"Effect":"Allow","Action":"oss:*","Resource":"*"}}');
    expect(policyAllows(all, 'oss:ListObjects', 'acs:oss:*:*:bucket')).toBe(true);
    expect(policyAllows(all, 'kms:Decrypt', 'acs:kms:cn-hangzhou:1:key/k')).toBe(false);
  });
});

describe('parsePolicyDocument', () => {
  it('refuses what RAM refuses', () => {
    expect(grammarCode('not json')).toBe('InvalidParameter.PolicyGrammar');
    expect(grammarCode('{"Version":"1"}')).toBe('InvalidParameter.PolicyGrammar');
    expect(grammarCode('{"Version":"2","Statement":[{"Effect":"Allow","Action":"a","Resource":"*"}]}')).toBe('InvalidParameter.PolicyGrammar');
    expect(grammarCode('{"Statement":[{"Effect":"allow","Action":"a","Resource":"*"}]}')).toBe('InvalidParameter.PolicyGrammar');
    expect(grammarCode('{"Statement":[{"Effect":"Allow","Action":[],"Resource":"*"}]}')).toBe('InvalidParameter.PolicyGrammar');
    expect(grammarCode('{"Statement":[{"Effect":"Allow","Action":"a"}]}')).toBe('InvalidParameter.PolicyGrammar');
    expect(grammarCode('{"Statement":[{"Effect":"Allow","Action":"a","Resource":"*","Condition":{}}]}')).toBe('InvalidParameter.PolicyGrammar');
    expect(grammarCode(`{"Statement":[{"Effect":"Allow","Action":"a","Resource":"${'x'.repeat(2100)}"}]}`)).toBe('InvalidParameter.PolicySize');
    expect(grammarCode('{"Statement":[{"Effect":"Allow","Action":"a","Resource":"*"}]}')).toBeUndefined();
  });
});
