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
    expect(grammarCode('{"Version":"2","Statement":[{"Effect":"Allow","Action":"a","Resource":"*"}]}')).toBe(
      'InvalidParameter.PolicyGrammar',
    );
    expect(grammarCode('{"Statement":[{"Effect":"allow","Action":"a","Resource":"*"}]}')).toBe(
      'InvalidParameter.PolicyGrammar',
    );
    expect(grammarCode('{"Statement":[{"Effect":"Allow","Action":[],"Resource":"*"}]}')).toBe(
      'InvalidParameter.PolicyGrammar',
    );
    expect(grammarCode('{"Statement":[{"Effect":"Allow","Action":"a"}]}')).toBe('InvalidParameter.PolicyGrammar');
    expect(grammarCode('{"Statement":[{"Effect":"Allow","Action":"a","Resource":"*","Condition":{}}]}')).toBe(
      'InvalidParameter.PolicyGrammar',
    );
    expect(grammarCode(`{"Statement":[{"Effect":"Allow","Action":"a","Resource":"${'x'.repeat(2100)}"}]}`)).toBe(
      'InvalidParameter.PolicySize',
    );
    expect(grammarCode('{"Statement":[{"Effect":"Allow","Action":"a","Resource":"*"}]}')).toBeUndefined();
  });
});

/** A one-statement policy (Effect Allow unless given) on ListObjects of `bucket`, with this Condition block. */
function listPolicy(condition: object, effect: 'Allow' | 'Deny' = 'Allow') {
  return parsePolicyDocument(
    JSON.stringify({
      Version: '1',
      Statement: [{ Effect: effect, Action: 'oss:ListObjects', Resource: 'acs:oss:*:*:bucket', Condition: condition }],
    }),
  );
}
const BUCKET_ARN = 'acs:oss:*:*:bucket';
const listing = (prefix: string, extra: Record<string, string> = {}) => ({ 'oss:Prefix': prefix, ...extra });

describe('policyAllows with Condition', () => {
  it('StringLike on oss:Prefix: `*` also matches the empty run; other prefixes and the bare bucket are denied', () => {
    const alice = listPolicy({ StringLike: { 'oss:Prefix': ['users/alice/*'] } });
    expect(policyAllows(alice, 'oss:ListObjects', BUCKET_ARN, listing('users/alice/'))).toBe(true);
    expect(policyAllows(alice, 'oss:ListObjects', BUCKET_ARN, listing('users/alice/photos/'))).toBe(true);
    expect(policyAllows(alice, 'oss:ListObjects', BUCKET_ARN, listing('users/bob/'))).toBe(false);
    expect(policyAllows(alice, 'oss:ListObjects', BUCKET_ARN, listing(''))).toBe(false);
    expect(policyAllows(alice, 'oss:ListObjects', BUCKET_ARN, listing('users/alice'))).toBe(false);
    expect(policyAllows(alice, 'oss:ListObjects', BUCKET_ARN, listing('users/alice-2/'))).toBe(false);
    expect(policyAllows(alice, 'oss:ListObjects', BUCKET_ARN, listing('Users/alice/'))).toBe(false);
    expect(policyAllows(alice, 'oss:ListObjects', BUCKET_ARN, listing('users/alic?/'))).toBe(false);
    // `?` in a StringLike value is one character.
    expect(
      policyAllows(
        listPolicy({ StringLike: { 'oss:Prefix': 'users/?/*' } }),
        'oss:ListObjects',
        BUCKET_ARN,
        listing('users/a/x'),
      ),
    ).toBe(true);
  });

  it('values of one key are OR; keys and operators are AND', () => {
    const policy = listPolicy({
      StringEquals: { 'oss:Prefix': ['a/', 'b/', 'c/'], 'oss:Delimiter': '/' },
      StringNotLike: { 'oss:Prefix': 'b*' },
    });
    expect(policyAllows(policy, 'oss:ListObjects', BUCKET_ARN, listing('a/', { 'oss:Delimiter': '/' }))).toBe(true);
    expect(policyAllows(policy, 'oss:ListObjects', BUCKET_ARN, listing('c/', { 'oss:Delimiter': '/' }))).toBe(true);
    expect(policyAllows(policy, 'oss:ListObjects', BUCKET_ARN, listing('b/', { 'oss:Delimiter': '/' }))).toBe(false);
    expect(policyAllows(policy, 'oss:ListObjects', BUCKET_ARN, listing('d/', { 'oss:Delimiter': '/' }))).toBe(false);
    expect(policyAllows(policy, 'oss:ListObjects', BUCKET_ARN, listing('a/', { 'oss:Delimiter': '-' }))).toBe(false);
  });

  it('a key absent from the request fails its condition: an Allow does not grant, a Deny does not deny', () => {
    const needsDelimiter = listPolicy({ StringEquals: { 'oss:Delimiter': '/' } });
    expect(policyAllows(needsDelimiter, 'oss:ListObjects', BUCKET_ARN, listing('x/'))).toBe(false);
    expect(policyAllows(needsDelimiter, 'oss:ListObjects', BUCKET_ARN)).toBe(false);
    const notDelimiter = listPolicy({ StringNotEquals: { 'oss:Delimiter': '/' } });
    expect(policyAllows(notDelimiter, 'oss:ListObjects', BUCKET_ARN, listing('x/'))).toBe(false);
    expect(policyAllows(notDelimiter, 'oss:ListObjects', BUCKET_ARN, listing('x/', { 'oss:Delimiter': '-' }))).toBe(
      true,
    );

    const allowAllDenyBob = parsePolicyDocument(
      JSON.stringify({
        Statement: [
          { Effect: 'Allow', Action: 'oss:*', Resource: '*' },
          {
            Effect: 'Deny',
            Action: 'oss:ListObjects',
            Resource: BUCKET_ARN,
            Condition: { StringLike: { 'oss:Prefix': 'users/bob/*' } },
          },
        ],
      }),
    );
    expect(policyAllows(allowAllDenyBob, 'oss:ListObjects', BUCKET_ARN, listing('users/bob/'))).toBe(false);
    expect(policyAllows(allowAllDenyBob, 'oss:ListObjects', BUCKET_ARN, listing('users/alice/'))).toBe(true);
    expect(policyAllows(allowAllDenyBob, 'oss:GetObject', `${BUCKET_ARN}/users/bob/x`)).toBe(true);
  });

  it('StringEquals/StringNotEquals are exact and case-sensitive, the IgnoreCase forms are not; key names are case-insensitive', () => {
    expect(
      policyAllows(
        listPolicy({ StringEquals: { 'oss:prefix': 'Docs/' } }),
        'oss:ListObjects',
        BUCKET_ARN,
        listing('Docs/'),
      ),
    ).toBe(true);
    expect(
      policyAllows(
        listPolicy({ StringEquals: { 'OSS:PREFIX': 'Docs/' } }),
        'oss:ListObjects',
        BUCKET_ARN,
        listing('docs/'),
      ),
    ).toBe(false);
    expect(
      policyAllows(
        listPolicy({ StringEquals: { 'oss:Prefix': 'Docs/*' } }),
        'oss:ListObjects',
        BUCKET_ARN,
        listing('Docs/a'),
      ),
    ).toBe(false);
    expect(
      policyAllows(
        listPolicy({ StringEqualsIgnoreCase: { 'oss:Prefix': 'Docs/' } }),
        'oss:ListObjects',
        BUCKET_ARN,
        listing('docs/'),
      ),
    ).toBe(true);
    expect(
      policyAllows(
        listPolicy({ StringNotEquals: { 'oss:Prefix': ['a/', 'b/'] } }),
        'oss:ListObjects',
        BUCKET_ARN,
        listing('b/'),
      ),
    ).toBe(false);
    expect(
      policyAllows(
        listPolicy({ StringNotEquals: { 'oss:Prefix': ['a/', 'b/'] } }),
        'oss:ListObjects',
        BUCKET_ARN,
        listing('c/'),
      ),
    ).toBe(true);
    expect(
      policyAllows(
        listPolicy({ StringNotEqualsIgnoreCase: { 'oss:Prefix': 'A/' } }),
        'oss:ListObjects',
        BUCKET_ARN,
        listing('a/'),
      ),
    ).toBe(false);
    expect(
      policyAllows(listPolicy({ StringLike: { 'oss:Prefix': '' } }), 'oss:ListObjects', BUCKET_ARN, listing('')),
    ).toBe(true);
  });

  it('compares oss:MaxKeys numerically', () => {
    const upTo100 = listPolicy({ NumericLessThanEquals: { 'oss:MaxKeys': 100 } });
    expect(policyAllows(upTo100, 'oss:ListObjects', BUCKET_ARN, listing('', { 'oss:MaxKeys': '100' }))).toBe(true);
    expect(policyAllows(upTo100, 'oss:ListObjects', BUCKET_ARN, listing('', { 'oss:MaxKeys': '1000' }))).toBe(false);
    expect(policyAllows(upTo100, 'oss:ListObjects', BUCKET_ARN, listing('', { 'oss:MaxKeys': 'lots' }))).toBe(false);
    expect(policyAllows(upTo100, 'oss:ListObjects', BUCKET_ARN, listing(''))).toBe(false);
    expect(
      policyAllows(
        listPolicy({ NumericEquals: { 'oss:MaxKeys': ['10', '20'] } }),
        'oss:ListObjects',
        BUCKET_ARN,
        listing('', { 'oss:MaxKeys': '20' }),
      ),
    ).toBe(true);
  });
});

describe('parsePolicyDocument Condition grammar', () => {
  const withCondition = (condition: unknown) =>
    JSON.stringify({
      Statement: [{ Effect: 'Allow', Action: 'oss:ListObjects', Resource: '*', Condition: condition }],
    });

  it('accepts the RAM string and numeric operators on oss:Prefix, oss:Delimiter and oss:MaxKeys', () => {
    for (const operator of [
      'StringEquals',
      'StringNotEquals',
      'StringEqualsIgnoreCase',
      'StringNotEqualsIgnoreCase',
      'StringLike',
      'StringNotLike',
    ]) {
      expect(
        grammarCode(withCondition({ [operator]: { 'oss:Prefix': ['', 'a/*'], 'oss:Delimiter': '/' } })),
        operator,
      ).toBeUndefined();
    }
    for (const operator of [
      'NumericEquals',
      'NumericNotEquals',
      'NumericLessThan',
      'NumericLessThanEquals',
      'NumericGreaterThan',
      'NumericGreaterThanEquals',
    ]) {
      expect(grammarCode(withCondition({ [operator]: { 'oss:MaxKeys': [10, '20'] } })), operator).toBeUndefined();
    }
  });

  it('refuses unknown operators, unsupported keys and malformed blocks with the STS grammar error', () => {
    for (const condition of [
      {},
      [],
      'StringLike',
      { StringStartsWith: { 'oss:Prefix': 'a/' } },
      { stringlike: { 'oss:Prefix': 'a/' } },
      { StringLike: {} },
      { StringLike: 'oss:Prefix' },
      { StringLike: { 'oss:Prefix': [] } },
      { StringLike: { 'oss:Prefix': { a: 1 } } },
      { StringLike: { 'oss:Prefix': [null] } },
      { StringLike: { 'acs:SourceIp': '10.0.0.0/8' } },
      { StringLike: { Prefix: 'a/' } },
      { NumericLessThan: { 'oss:MaxKeys': 'many' } },
    ]) {
      expect(grammarCode(withCondition(condition)), JSON.stringify(condition)).toBe('InvalidParameter.PolicyGrammar');
    }
  });
});
