/**
 * 水电气网联动过户: the services a buyer may have transferred together with the
 * title. Pure checks of the opt-in.
 */
export const UTILITY_KINDS = ['water', 'power', 'gas', 'broadband'] as const;
export type UtilityKind = (typeof UTILITY_KINDS)[number];

export const UTILITY_NAMES: Record<UtilityKind, string> = {
  water: '供水',
  power: '供电',
  gas: '燃气',
  broadband: '宽带',
};

/** who confirms the transfer (simulated) */
export const UTILITY_PROVIDERS: Record<UtilityKind, string> = {
  water: '台州市水务集团（模拟）',
  power: '国网台州供电公司（模拟）',
  gas: '台州市燃气公司（模拟）',
  broadband: '台州电信宽带（模拟）',
};

export interface UtilityChoice {
  kind: UtilityKind;
  /** the account (户号) if the buyer knows it; optional */
  accountNumber?: string;
}

export type UtilitiesCheck =
  { ok: true; choices: UtilityChoice[] } | { ok: false; message: string };

const ACCOUNT = /^[0-9A-Za-z-]{4,32}$/;

export function checkUtilityChoices(input: readonly UtilityChoice[]): UtilitiesCheck {
  const seen = new Set<string>();
  const out: UtilityChoice[] = [];
  for (const c of input) {
    if (!(UTILITY_KINDS as readonly string[]).includes(c.kind))
      return { ok: false, message: '只能选择供水、供电、燃气、宽带' };
    if (seen.has(c.kind)) return { ok: false, message: `${UTILITY_NAMES[c.kind]}重复选择` };
    seen.add(c.kind);
    const account = c.accountNumber?.trim();
    if (account && !ACCOUNT.test(account))
      return {
        ok: false,
        message: `${UTILITY_NAMES[c.kind]}户号只能是4–32位数字、字母或短横线`,
      };
    out.push({ kind: c.kind, ...(account ? { accountNumber: account } : {}) });
  }
  // a stable order: the document and the store do not depend on the tap order
  out.sort((a, b) => UTILITY_KINDS.indexOf(a.kind) - UTILITY_KINDS.indexOf(b.kind));
  return { ok: true, choices: out };
}
