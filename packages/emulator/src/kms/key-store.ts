import { randomBytes, randomUUID } from 'node:crypto';
import { RpcError } from '../rpc/errors.js';
import type { PersistentJson } from '../shared/contracts.js';
import type { KeyState, KmsKeyRecord } from './key-record.js';

/** Persistence file (through `PersistentJson`) holding the KMS keys and their master material. */
export const KMS_KEYS_FILE = 'kms-keys';

interface KeysFile {
  keys: KmsKeyRecord[];
}

export interface NewKeyOptions {
  description?: string;
  /** `alias/...` bound to the new key. */
  alias?: string;
  now: number;
}

const ALIAS_NAME = /^alias\/[a-zA-Z0-9:/_-]{1,255}$/;
const ARN = /^acs:kms:[^:]*:[^:]*:(key|alias)\/(.+)$/;

export function keyNotFound(): RpcError {
  return new RpcError('Forbidden.KeyNotFound', 404, 'The specified Key is not found.');
}

/** The keys of one emulator, persisted on every change. */
export class KeyStore {
  private constructor(
    private readonly store: PersistentJson,
    private readonly keys: KmsKeyRecord[],
  ) {}

  static async load(store: PersistentJson): Promise<KeyStore> {
    const file = await store.load<KeysFile>(KMS_KEYS_FILE);
    return new KeyStore(store, file?.keys ?? []);
  }

  list(): readonly KmsKeyRecord[] {
    return this.keys;
  }

  async create(options: NewKeyOptions): Promise<KmsKeyRecord> {
    if (options.alias !== undefined) this.checkAliasFree(options.alias);
    const key: KmsKeyRecord = {
      keyId: randomUUID(),
      keyVersionId: randomUUID(),
      material: randomBytes(32).toString('base64'),
      state: 'Enabled',
      description: options.description ?? '',
      creationDate: Math.floor(options.now / 1000) * 1000,
      aliases: options.alias === undefined ? [] : [options.alias],
    };
    this.keys.push(key);
    await this.persist();
    return key;
  }

  /** Finds a key by id, `alias/...` or ARN (`acs:kms:<region>:<uid>:key/<id>` or `...:alias/<name>`). */
  resolve(reference: string): KmsKeyRecord {
    const arn = ARN.exec(reference);
    const target = arn ? (arn[1] === 'alias' ? `alias/${arn[2]}` : (arn[2] ?? '')) : reference;
    if (target.startsWith('alias/')) {
      const key = this.keys.find((k) => k.aliases.includes(target));
      if (!key) throw new RpcError('Forbidden.AliasNotFound', 404, 'The specified Alias is not found.');
      return key;
    }
    const key = this.keys.find((k) => k.keyId === target);
    if (!key) throw keyNotFound();
    return key;
  }

  byVersionId(keyVersionId: string): KmsKeyRecord | undefined {
    return this.keys.find((k) => k.keyVersionId === keyVersionId);
  }

  async setState(key: KmsKeyRecord, state: KeyState): Promise<void> {
    key.state = state;
    await this.persist();
  }

  async addAlias(key: KmsKeyRecord, alias: string): Promise<void> {
    this.checkAliasFree(alias);
    key.aliases.push(alias);
    await this.persist();
  }

  private checkAliasFree(alias: string): void {
    if (!ALIAS_NAME.test(alias)) {
      throw new RpcError(
        'InvalidParameter',
        400,
        'The specified parameter AliasName is not valid. It must look like alias/<name>.',
      );
    }
    if (this.keys.some((k) => k.aliases.includes(alias))) {
      throw new RpcError('Rejected.AliasExists', 409, `The alias ${alias} already exists.`);
    }
  }

  private async persist(): Promise<void> {
    await this.store.save(KMS_KEYS_FILE, { keys: this.keys } satisfies KeysFile);
  }
}
