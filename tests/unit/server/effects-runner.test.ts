/**
 * The cases' one effects runner, with recording fakes for its ports: store effects in order
 * inside the change (the case at the version read, the certificate attached to its message,
 * signatures voided), the outside ones after it (organisations' seals awaited, the listeners of
 * a submission and of a finished case after the commit, the machine carrying on), and a change
 * of the signed content only through the signing's change tracking.
 */
import type {
  CaseEffect,
  CaseRecord,
  TransitionResult,
} from '../../../mock-server/src/domain/cases';
import { CaseEffects } from '../../../mock-server/src/usecases/cases/effectsRunner';
import { SALE, saleCase } from './cases-support';

const AT = '2026-11-27T02:00:00.000Z';

function runner() {
  const log: string[] = [];
  const commits: (() => void)[] = [];
  let n = 0;
  const effects = new CaseEffects({
    store: {
      update: async (c, expected) => void log.push(`update v${c.version} at v${expected}`),
      afterCommit: (fn) => void commits.push(fn),
      saveDocument: async (d) => void log.push(`document ${d.documentId} ${d.kind} ${d.number}`),
      announceVoid: async (a) => void log.push(`void ${a.certificateNumber} ${a.announcedAt}`),
    },
    notices: {
      notice: async (c, _bt, kind, _reasons, _basis, to) =>
        void log.push(`notice ${kind} v${c.version} to ${to?.join(',')}`),
      deliverTo: async (_caseId, to, title, _body, documentId) =>
        void log.push(
          `message ${title} to ${to.join(',')}${documentId ? ` with ${documentId}` : ''}`,
        ),
    },
    register: { append: async (events) => void log.push(`append ${events.length}`) },
    parties: { changeIdentity: async (id, name) => void log.push(`identity ${id} ${name}`) },
    signatures: {
      signaturesOf: async () =>
        [
          { signatureId: 'S1', current: true },
          { signatureId: 'S0', current: false },
        ] as never,
      voidSignature: async (id, at) => void log.push(`void signature ${id} ${at}`),
      saveInvitation: async (i) => void log.push(`invitation ${i.code} by ${i.createdBy}`),
      saveInquiry: async (i) => void log.push(`inquiry ${i.partyId}`),
      saveCommitment: async (c) => void log.push(`commitment ${c.partyId} ${c.materialCode}`),
    },
    trackChanges: async (caseId, change) => {
      log.push(`track ${caseId}`);
      return change();
    },
    sealer: { seal: (body) => ({ body, seal: 'x' }) as never },
    newId: (prefix) => `${prefix}-${++n}`,
    events: {
      signingStarted: [async (id) => void log.push(`organisations seal ${id}`)],
      submitted: [(c) => void log.push(`submitted ${c.caseId}`)],
      completed: [(id) => void log.push(`completed ${id}`)],
    },
    process: async (id) => void log.push(`process ${id}`),
  });
  const commit = () => commits.splice(0).forEach((f) => f());
  return { effects, log, commit };
}

const change = (effects: CaseEffect[], next?: CaseRecord): [CaseRecord, TransitionResult] => {
  const before = saleCase();
  return [before, { next: next ?? { ...before, version: 2 }, effects }];
};
const facts = { businessType: SALE, at: AT };

describe('the effects runner', () => {
  it('stores the case at the version read, then the store effects in order', async () => {
    const { effects, log } = runner();
    const [before, r] = change([
      { type: 'appendRegisterEvents', events: [] },
      {
        type: 'announceVoid',
        certificateId: 'C1',
        certificateNumber: 'OLD',
        unitCode: 'U',
        location: 'L',
        reason: 'R',
      },
      { type: 'sealNotice', kind: 'refusalNotice', reasons: [], basis: [], to: ['P001'] },
      { type: 'fileArchive' },
    ]);
    const after = await effects.store(before, r, facts);
    expect(log).toEqual([
      'update v2 at v1',
      'append 0',
      `void OLD ${AT}`,
      'notice refusalNotice v2 to P001',
    ]);
    expect(after).toEqual([{ type: 'fileArchive' }]);
  });

  it('a step that kept the case stores no case, only its effects', async () => {
    const { effects, log } = runner();
    const before = saleCase();
    await effects.store(
      before,
      {
        next: before,
        effects: [{ type: 'saveInvitation', partyId: 'P001', code: 'ABC234', expiresAt: AT }],
      },
      facts,
    );
    expect(log).toEqual(['invitation ABC234 by P048']);
  });

  it('the certificate sealed by the change is attached to the message that announces it', async () => {
    const { effects, log } = runner();
    const [before, r] = change([
      {
        type: 'sealCertificate',
        kind: 'titleCertificate',
        certificateId: 'C',
        number: 'N',
        body: {},
      },
      { type: 'deliverMessage', title: 'T', body: 'B', to: ['P048'], withCertificate: true },
      { type: 'deliverMessage', title: 'U', body: 'B', to: ['P001'] },
    ]);
    await effects.store(before, r, facts);
    expect(log.slice(1)).toEqual([
      'document DOC-1 titleCertificate N',
      'message T to P048 with DOC-1',
      'message U to P001',
    ]);
  });

  it('a decline voids the current signatures only', async () => {
    const { effects, log } = runner();
    const [before, r] = change([{ type: 'voidSignatures' }]);
    await effects.store(before, r, facts);
    expect(log.slice(1)).toEqual([`void signature S1 ${AT}`]);
  });

  it('a change of the signed content is stored only inside the change tracking', async () => {
    const { effects, log } = runner();
    const [before, r] = change([
      { type: 'saveInquiry', partyId: 'P048', answers: {} },
      { type: 'reconcileSignatures' },
    ]);
    await expect(effects.store(before, r, facts)).rejects.toThrow(/tracked/);
    expect(log).toEqual([]);
    await effects.tracked(before.caseId, (store) => store(before, r, facts));
    expect(log).toEqual(['track C1', 'update v2 at v1', 'inquiry P048']);
  });

  it('after: organisations seal at once, listeners after the commit, then the machine', async () => {
    const { effects, log, commit } = runner();
    const c = saleCase();
    await effects.after(c, [
      { type: 'organisationsSign' },
      { type: 'requestSharedData', after: 'submission' },
      { type: 'fileContract' },
      { type: 'continueProcessing' },
    ]);
    expect(log).toEqual(['organisations seal C1', 'process C1']);
    commit();
    expect(log.slice(2)).toEqual(['submitted C1']);
  });

  it('after: a finished case’s listeners are told once, after the commit', async () => {
    const { effects, log, commit } = runner();
    await effects.after(saleCase(), [
      { type: 'fileArchive' },
      { type: 'requestSharedData', after: 'completion' },
      { type: 'notifyUtilities' },
    ]);
    expect(log).toEqual([]);
    commit();
    expect(log).toEqual(['completed C1']);
  });
});
