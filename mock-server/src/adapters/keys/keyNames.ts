/**
 * Every SM2 key the server holds, by name: what it signs and how its key id is formed. A new key
 * is one line here (the key store creates it on first use and publishes it at GET /api/v1/keys).
 */
import { documentDigestHex } from '../../domain/documents';
import { DATA_SOURCE_CODES, type DataSourceCode } from '../../ports/sharedData';

export interface KeySpec {
  /** what the key signs (shown by `npm run keys:list` and at GET /api/v1/keys) */
  purpose: string;
  keyId(publicKeyHex: string): string;
}

const upperId = (prefix: string) => (pub: string) => `${prefix}-${pub.slice(2, 18).toUpperCase()}`;

/** the data-source simulators' keys: `data-source.civilAffairs`, … */
export const dataSourceKeyName = (code: DataSourceCode) => `data-source.${code}`;

export const KEY_SPECS: Readonly<Record<string, KeySpec>> = {
  registry: {
    purpose: '登记机构电子印章：证书、证明、通知书、档案与亮证（docs/registry-facts.md §9）',
    keyId: (pub) => `REGKEY-${documentDigestHex(pub).slice(0, 16)}`,
  },
  'identity-platform': {
    purpose: '身份认证平台（模拟器）的人脸核验结果签名',
    keyId: upperId('IDP'),
  },
  'signature-ca': {
    purpose: '电子签名认证服务（模拟器）的签名证书',
    keyId: upperId('SIGCA'),
  },
  // 财政: the 财政电子票据 of registration fees and the refund records (docs/registry-facts.md §14)
  'finance-department': {
    purpose: '财政（模拟器）：财政电子票据与退付凭证的电子印章',
    keyId: upperId('FIN'),
  },
  archives: {
    purpose: '台州市档案馆（模拟器）：电子档案接收回执的电子印章（docs/registry-facts.md §16）',
    keyId: upperId('TZDAG'),
  },
  // 税务: one key seals both its shared-data answers and its 完税证明
  ...Object.fromEntries(
    DATA_SOURCE_CODES.map((code): [string, KeySpec] => [
      dataSourceKeyName(code),
      {
        purpose:
          code === 'tax'
            ? '税务（模拟器）：共享数据与完税证明的电子印章'
            : `共享数据源（模拟器）${code} 的电子印章`,
        keyId: (pub) => `${code}-${pub.slice(2, 18)}`,
      },
    ]),
  ),
};

export const KEY_NAMES: readonly string[] = Object.keys(KEY_SPECS);

/**
 * The e-seal keys of organisation parties (banks, developers, surveying firms…), one name per
 * party: `organisation.<party id>`. In reality each organisation holds its own seal key in its own
 * system and the registry only ever sees the certificate the CA issued for its public half; the
 * simulated organisation systems hold theirs here, in the key folder, never in the database
 * (which keeps only the certificates, organisation_seal_keys).
 */
export const ORGANISATION_KEY_PREFIX = 'organisation.';

const ORGANISATION_SPEC: KeySpec = {
  purpose: '机构（模拟器：银行、开发企业、测绘机构等）自己的电子印章密钥，登记机构只保存其证书',
  keyId: upperId('ORGSEAL'),
};

/** The key name of an organisation party's e-seal key (party ids other than [A-Za-z0-9-] hex-encoded). */
export function organisationKeyName(partyId: string): string {
  return /^[A-Za-z0-9-]+$/.test(partyId)
    ? `${ORGANISATION_KEY_PREFIX}${partyId}`
    : `${ORGANISATION_KEY_PREFIX}x${Buffer.from(partyId, 'utf8').toString('hex')}`;
}

export const isOrganisationKeyName = (name: string): boolean =>
  name.startsWith(ORGANISATION_KEY_PREFIX) && name.length > ORGANISATION_KEY_PREFIX.length;

/** Whether the key store knows `name` (a fixed name, or an organisation's). */
export const isKeyName = (name: string): boolean =>
  Object.hasOwn(KEY_SPECS, name) || isOrganisationKeyName(name);

export function keySpec(name: string): KeySpec {
  if (isOrganisationKeyName(name)) return ORGANISATION_SPEC;
  const spec = Object.hasOwn(KEY_SPECS, name) ? KEY_SPECS[name] : undefined;
  if (!spec) throw new Error(`unknown key name: ${name}`);
  return spec;
}
