/**
 * The key store on files: one JSON file per key name in the key folder (KEY_DIR, default
 * `keys/` beside the SQLite file), the folder 0700 and every file 0600, so only the server's
 * own user reads them; never in the database (a copy of the database holds no private key).
 *
 * A file holds the name's keys, current first: the current one with its private half, the
 * retired ones with their public half only (a rotation destroys the old private half and keeps
 * the public half published, so what the old key sealed still verifies).
 *
 * Several processes may share the folder (nodes on one machine, or a folder copied to every
 * node): a file is created by hard-linking a complete temporary file to its name, which fails
 * when another process got there first (that one's key is then read), and replaced by renaming,
 * so a reader always sees a complete file. A file or folder others may read is refused.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  bytesToBigint,
  encodePublicKeyHex,
  privateKeyFromHex,
  privateKeyToHex,
  publicKeyFromPrivateKey,
  SM2_CURVE,
} from '../../domain/crypto';
import type { KeyStore, NamedKey, PublishedKey } from '../../ports/keys';
import { keySpec } from './keyNames';

interface StoredKey {
  keyId: string;
  publicKeyHex: string;
  /** the current key only */
  privateKeyHex?: string;
  createdAt: string;
  retiredAt?: string;
}

interface KeyFile {
  name: string;
  keys: StoredKey[];
}

/** A private key in [1, n−2] from the OS random source. */
export function randomSm2PrivateKey(): bigint {
  for (;;) {
    const d = bytesToBigint(new Uint8Array(randomBytes(32)));
    if (d >= 1n && d <= SM2_CURVE.n - 2n) return d;
  }
}

/** A fresh key of `name` that lives in memory only (tests, tools). */
export function generateNamedKey(name: string): NamedKey {
  const privateKey = randomSm2PrivateKey();
  const publicKeyHex = encodePublicKeyHex(publicKeyFromPrivateKey(privateKey));
  return { name, keyId: keySpec(name).keyId(publicKeyHex), privateKey, publicKeyHex };
}

export class KeyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyFileError';
  }
}

const FILE_NAME = /^[a-z][a-zA-Z0-9.-]*$/;

export class FileKeyStore implements KeyStore {
  constructor(
    readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async current(name: string): Promise<NamedKey> {
    const file = this.readOrCreate(name);
    const k = file.keys[0];
    if (!k?.privateKeyHex || k.retiredAt) {
      throw new KeyFileError(`密钥文件 ${this.fileOf(name)} 没有当前私钥`);
    }
    return {
      name,
      keyId: k.keyId,
      privateKey: privateKeyFromHex(k.privateKeyHex),
      publicKeyHex: k.publicKeyHex,
    };
  }

  async published(name: string): Promise<PublishedKey[]> {
    return this.readOrCreate(name).keys.map((k) => ({
      name,
      keyId: k.keyId,
      publicKeyHex: k.publicKeyHex,
      createdAt: k.createdAt,
      ...(k.retiredAt ? { retiredAt: k.retiredAt } : {}),
    }));
  }

  async rotate(name: string): Promise<NamedKey> {
    const old = this.readOrCreate(name);
    const at = this.now().toISOString();
    const fresh = this.fresh(name, at);
    const retired = old.keys.map(({ privateKeyHex: _destroyed, ...k }) => ({
      ...k,
      retiredAt: k.retiredAt ?? at,
    }));
    const tmp = this.writeTemporary({ name, keys: [fresh, ...retired] });
    fs.renameSync(tmp, this.fileOf(name));
    return this.current(name);
  }

  /**
   * Takes keys kept elsewhere before (the database of an older version) as the file of `name`,
   * when there is none yet; false when the file exists already.
   */
  adoptIfAbsent(name: string, keys: StoredKey[]): boolean {
    this.ensureDir();
    if (fs.existsSync(this.fileOf(name))) return false;
    return this.linkInPlace(name, { name, keys });
  }

  /** the names that have a key file */
  names(): string[] {
    if (!fs.existsSync(this.dir)) return [];
    return fs
      .readdirSync(this.dir)
      .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
      .map((f) => f.slice(0, -'.json'.length));
  }

  fileOf(name: string): string {
    if (!FILE_NAME.test(name)) throw new KeyFileError(`密钥名称不正确：${name}`);
    return path.join(this.dir, `${name}.json`);
  }

  // ------------------------------------------------------------ files

  private fresh(name: string, at: string): StoredKey {
    const k = generateNamedKey(name);
    return {
      keyId: k.keyId,
      publicKeyHex: k.publicKeyHex,
      privateKeyHex: privateKeyToHex(k.privateKey),
      createdAt: at,
    };
  }

  private readOrCreate(name: string): KeyFile {
    keySpec(name);
    this.ensureDir();
    const file = this.fileOf(name);
    if (!fs.existsSync(file)) {
      this.linkInPlace(name, { name, keys: [this.fresh(name, this.now().toISOString())] });
    }
    return this.read(file);
  }

  /** Creates the file from a complete temporary one; false when another process was first. */
  private linkInPlace(name: string, content: KeyFile): boolean {
    const tmp = this.writeTemporary(content);
    try {
      fs.linkSync(tmp, this.fileOf(name));
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }

  private writeTemporary(content: KeyFile): string {
    const tmp = path.join(
      this.dir,
      `.${content.name}.${process.pid}.${randomBytes(6).toString('hex')}`,
    );
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.writeFileSync(fd, `${JSON.stringify(content, null, 2)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return tmp;
  }

  private read(file: string): KeyFile {
    const st = fs.statSync(file);
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
      throw new KeyFileError(
        `密钥文件 ${file} 的权限过宽（${(st.mode & 0o777).toString(8)}），只允许服务自身读取：chmod 600 ${file}`,
      );
    }
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
    if (!Array.isArray(parsed.keys) || parsed.keys.length === 0) {
      throw new KeyFileError(`密钥文件 ${file} 格式不正确`);
    }
    return parsed;
  }

  private ensureDir(): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const st = fs.statSync(this.dir);
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
      throw new KeyFileError(
        `密钥目录 ${this.dir} 的权限过宽（${(st.mode & 0o777).toString(8)}），只允许服务自身访问：chmod 700 ${this.dir}`,
      );
    }
  }
}
