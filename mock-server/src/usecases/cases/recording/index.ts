/**
 * 登簿 and 发证 of an approved case, in ONE transaction per business: register events, the old
 * certificate cancelled (a paper one announced void), the new certificate numbered, sealed and
 * stored, the case recorded and issued, every party told. A crash anywhere leaves all of it or
 * none of it.
 */
import type { BusinessType } from '../../../domain/catalogue';
import type { CaseRecord } from '../../../domain/cases';
import { conflict } from '../access';
import { recordCancellation } from './cancellation';
import { recordIdentityChange } from './identityChange';
import { recordMortgage } from './mortgage';
import type { StoredStep } from '../systemStep';
import type { RecordingDeps } from './steps';
import { recordTransfer } from './transfer';
import { recordTransferWithMortgage } from './transferWithMortgage';
import { recordAdvanceNotice } from './advanceNotice';
import { recordObjection, recordRestatedRight } from './registerErrors';

export type { RecordingDeps } from './steps';

export class CaseRecorder {
  constructor(private readonly deps: RecordingDeps) {}

  /** 登簿 and 发证, stored; answers the case issued and what follows the commit. */
  recordAndIssue(c: CaseRecord, bt: BusinessType): Promise<StoredStep> {
    const records = bt.application?.records ?? (bt.kind === 'transfer' ? 'transfer' : undefined);
    switch (records) {
      case 'transfer':
        return recordTransfer(this.deps, c, bt);
      case 'mortgage':
        return recordMortgage(this.deps, c, bt);
      case 'mortgageCancellation':
        return recordCancellation(this.deps, c, bt);
      case 'holderIdentityChange':
        return recordIdentityChange(this.deps, c, bt);
      case 'transferWithMortgage':
        return recordTransferWithMortgage(this.deps, c, bt, false);
      case 'mortgagedTransfer':
        return recordTransferWithMortgage(this.deps, c, bt, true);
      case 'advanceNotice':
        return recordAdvanceNotice(this.deps, c, bt, 'purchase');
      case 'mortgageAdvanceNotice':
        return recordAdvanceNotice(this.deps, c, bt, 'mortgage');
      case 'rightCorrection':
        return recordRestatedRight(this.deps, c, bt, 'correction');
      case 'certificateReissue':
        return recordRestatedRight(this.deps, c, bt, 'reissue');
      case 'objection':
        return recordObjection(this.deps, c, bt);
      default:
        return Promise.reject(conflict('该业务的登簿尚未开放'));
    }
  }
}
