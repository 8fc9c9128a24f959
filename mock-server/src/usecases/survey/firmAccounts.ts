/**
 * Surveying firms' accounts: a licensed firm (统一社会信用代码 checked by GB 32100, 测绘资质)
 * and its users. Created by the registry (`npm run survey:firm`, or the demo firm in demo mode),
 * never by self-sign-up.
 */
import { validationFailed, AppError } from '../../domain/errors';
import { checkFirm, type SurveyFirm } from '../../domain/survey';
import type { Clock, PasswordHasher } from '../../ports';
import type { SurveyStore } from '../../ports/survey';

export interface FirmAccountsDeps {
  store: Pick<SurveyStore, 'transaction' | 'saveFirm' | 'firmByCreditCode' | 'saveUser' | 'firm'>;
  hasher: PasswordHasher;
  clock: Clock;
  newId: (prefix: string) => string;
}

export interface NewFirmUser {
  username: string;
  displayName: string;
  password: string;
}

/** Strong enough for an account that submits to the cadastral database. */
const checkPassword = (p: string) => {
  if (p.length < 12 || !/[A-Za-z]/.test(p) || !/\d/.test(p))
    throw validationFailed('密码至少12位，须同时包含字母和数字');
};
const USERNAME = /^[a-z][a-z0-9._-]{2,31}$/;

export class FirmAccounts {
  constructor(private readonly deps: FirmAccountsDeps) {}

  /** Registers a firm with its first user; an existing firm (same credit code) is kept. */
  async createFirm(
    input: { name: string; creditCode: string; licenceNumber: string; licenceValidUntil: string },
    firstUser: NewFirmUser,
  ): Promise<{ firm: SurveyFirm; created: boolean; userCreated: boolean }> {
    const checked = checkFirm(input);
    if (!checked.ok) throw validationFailed(checked.reason);
    const username = firstUser.username.trim().toLowerCase();
    if (!USERNAME.test(username))
      throw validationFailed('用户名须为3–32位小写字母、数字或 . _ -，以字母开头');
    checkPassword(firstUser.password);
    // hashed before the transaction: it holds the write lock and must be database work only
    const passwordHash = await this.deps.hasher.hash(firstUser.password);
    const at = this.deps.clock.now().toISOString();
    const firmId = this.deps.newId('FIRM');
    return this.deps.store.transaction(async () => {
      const created = await this.deps.store.saveFirm({ firmId, ...checked.firm, createdAt: at });
      const firm = await this.deps.store.firmByCreditCode(checked.firm.creditCode);
      if (!firm) throw new AppError('CONFLICT', '测绘单位保存失败');
      const userCreated = await this.deps.store.saveUser(
        {
          userId: this.deps.newId('SVU'),
          firmId: firm.firmId,
          username,
          displayName: firstUser.displayName.trim() || username,
          passwordHash,
          active: true,
        },
        at,
      );
      return { firm, created, userCreated };
    });
  }
}
