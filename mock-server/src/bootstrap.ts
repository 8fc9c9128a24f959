/**
 * The composition root, shared by main.ts, seed-cli.ts and the server tests: open the database,
 * migrate, publish the catalogue, seed demo data on an empty database (`openRegistry`, in
 * composition/registry.ts), then build every use case with what it needs and hand them to the
 * HTTP edge (`createApp`).
 *
 * `createApp` reads top-down: the infrastructure every area shares; every listener of a case's
 * changes; the areas (composition/*.ts); the start-up catch-up; the HTTP server.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { blobStoreFor } from './adapters/archive/blobStore';
import { systemClock } from './adapters/clock';
import { SqlContractFiling } from './adapters/housing-sim';
import { presentationSigner } from './adapters/keys/presentationSigner';
import { openRegistryKey, RegistrySealer } from './adapters/keys/registryKey';
import { FileKeyStore } from './adapters/keys/fileKeyStore';
import { moveKeysOutOfDatabase, publishInDatabase } from './adapters/keys/databaseKeys';
import { SIGNATURE_CA_KEY } from './adapters/signature-ca';
import { KEY_SPECS, dataSourceKeyName } from './adapters/keys/keyNames';
import { sourceKeys } from './adapters/data-sources';
import { DATA_SOURCE_CODES } from './ports/sharedData';
import type { KeyStore } from './ports/keys';
import { SqlTaxPaymentStore } from './adapters/payment-sim/taxPaymentStore';
import { loadTaxDepartmentKey } from './adapters/tax-sim';
import { FINANCE_KEY_NAME, loadFinanceDepartmentKey } from './adapters/finance-sim';
import { DEMO_STAFF } from './adapters/seed/staff';
import { SqlConsultationStore } from './adapters/consultation/store';
import { SqlCaseStore } from './adapters/sqlite/caseStore';
import { SqlIdempotencyRecords } from './adapters/sqlite/idempotencyRecords';
import { SqlContractTermsStore } from './adapters/sqlite/saleStore';
import { SqlSigningStore } from './adapters/sqlite/signingStore';
import { SqlStaffStore } from './adapters/sqlite/staffStore';
import { scryptHasherOfCost } from './adapters/staff/password';
import { composeArchive, startArchive } from './composition/archive';
import { composeArchiveTransfer, openArchivesKey } from './composition/archiveTransfer';
import { unlessDatabaseUnavailable } from './composition/startUp';
import { composeCases } from './composition/cases';
import { composeMessaging } from './composition/messaging';
import { composeCertificates } from './composition/certificates';
import { composeDocumentCopies } from './composition/documentCopies';
import { composeIdentity, type IdentityOverrides } from './composition/identity';
import { composeSale } from './composition/sale';
import { composeFees } from './composition/fees';
import { composeSharedData } from './composition/sharedData';
import { composeSigning } from './composition/signing';
import { composeRepresentations } from './composition/representations';
import { SqlRepresentationStore } from './adapters/sqlite/representationStore';
import { SqlHouseholdRegister } from './adapters/housing-sim/householdRegister';
import { composeStatusStream } from './composition/statusStream';
import { SqlRateCounterStore } from './adapters/sqlite/rateCounterStore';
import { composeStaff } from './composition/staff';
import { composeSurvey } from './composition/survey';
import { DEMO_SURVEY_FIRM, DEMO_SURVEY_USER } from './adapters/seed/surveyFirm';
import type { Config } from './config';
import type { Registry } from './composition/registry';
import { buildServer } from './http/server';
import type { CaseEvents, PartyCaller } from './usecases/cases/types';
import type { CaseRecord } from './domain/cases';
import type { BusinessType } from './domain/catalogue';
import { ConsultationService } from './usecases/consultation/service';
import packageJson from '../../package.json';

export type { IdentityOverrides } from './composition/identity';
export { openRegistry, type Registry, type RegistryConfig } from './composition/registry';

export const SERVER_VERSION: string = packageJson.version;

/** The HTTP server of the registry (Fastify), ready to `listen()` or `inject()`. */
export type RegistryApp = Awaited<ReturnType<typeof createApp>>;

export async function createApp(
  config: Config,
  registry: Registry,
  logger: Logger,
  /** tests inject a clock, a scripted random source or a wrapped verifier */
  overrides: IdentityOverrides = {},
) {
  // ------------------------------------------------------------ shared infrastructure
  const { sql, register, parties, catalogue } = registry;
  const clock = overrides.clock ?? systemClock;
  const newId = (prefix: string) => `${prefix}-${randomUUID()}`;
  // every private key in the key files (KEY_DIR, 0600), never in the database: an older
  // version's keys move out of the database on the first start
  const keys: KeyStore = overrides.keys ?? new FileKeyStore(config.keyDir, () => clock.now());
  if (keys instanceof FileKeyStore) await moveKeysOutOfDatabase(sql, keys);
  // the registry's SM2 key (created on first start): the seal of notices, certificates and the
  // archive, and the signer of presentations, holdings proofs and certificate PDFs
  const registryKey = await openRegistryKey(sql, keys);
  const sealer = new RegistrySealer(registryKey.keyId, registryKey.privateKey);
  const retiredSealKeys = (await keys.published('registry')).filter((k) => k.retiredAt);
  // the tax department simulator's own SM2 key, which seals its 完税证明 (not the registry's):
  // the same key as its shared-data answers, published at GET /api/v1/data-sources
  const taxDepartmentKey = await loadTaxDepartmentKey(sql, keys);
  // the finance department simulator's own SM2 key: the seal of its 财政电子票据 and refund
  // records (docs/registry-facts.md §14), published at GET /api/v1/keys
  const financeKey = await loadFinanceDepartmentKey(keys);
  const dataSourceKeys = await sourceKeys(keys);
  // the identity platform simulator's key (demo mode), published at GET /api/v1/keys
  const identitySimulatorKey =
    config.identityPlatform.kind === 'simulator'
      ? await keys.current('identity-platform')
      : undefined;
  // the signature CA simulator's root key, its public halves in signature_ca_keys for the archive
  // check (the CA signs with it from the key files)
  await keys.current(SIGNATURE_CA_KEY);
  await publishInDatabase(sql, SIGNATURE_CA_KEY, keys);
  // the archives department simulator's key: it seals its receipts of transferred archives
  await openArchivesKey(sql, keys);
  // every key this node signs with, current and retired, public halves only
  const keyNamesInUse = [
    'registry',
    SIGNATURE_CA_KEY,
    FINANCE_KEY_NAME,
    'archives',
    ...DATA_SOURCE_CODES.map(dataSourceKeyName),
    ...(identitySimulatorKey ? ['identity-platform'] : []),
  ];
  const publishedKeys = async () =>
    (await Promise.all(keyNamesInUse.map((n) => keys.published(n)))).flat().map((k) => ({
      ...k,
      purpose: KEY_SPECS[k.name]?.purpose ?? '',
    }));
  // the folder next to the SQLite file; the `blobs` table when the registry is on PostgreSQL
  const blobs = blobStoreFor(registry.sql, config.databasePath, clock);
  const caseStore = new SqlCaseStore(sql);
  const signingStore = new SqlSigningStore(sql);
  const representationStore = new SqlRepresentationStore(sql);
  const staffStore = new SqlStaffStore(registry.sql);
  const contracts = new SqlContractFiling(sql, clock);
  const taxPayments = new SqlTaxPaymentStore(sql);
  const logFailure = (what: string) => (e: unknown) => logger.error({ err: e }, what);
  // staff and surveying-firm passwords: new hashes at the configured scrypt cost
  const passwords = scryptHasherOfCost(config.passwordScryptCost);

  // ------------------------------------------------------------ who is told what happens to a case
  // The cases, signing, sale and shared data need each other: an arrow below that names an area
  // built further down is called only once the server runs, after everything is built.
  // A change can be made inside a store transaction (a signature, an idempotent submission): the
  // work these listeners start on their own runs outside it, in the context the server started
  // in, so it never joins (or outlives) the transaction of the change that told them.
  const outside = AsyncLocalStorage.snapshot();
  const detached = <A extends unknown[]>(listeners: ((...a: A) => void)[]) =>
    listeners.map(
      (l) =>
        (...a: A): void =>
          outside(l, ...a),
    );
  const events: CaseEvents = {
    // organisations (a bank, a developer) sign with their own system's e-seal
    signingStarted: [(caseId) => signing.sealByOrganisations(caseId)],
    submitted: detached([
      // the register check and anything filed with the submission, shared again
      (c) => {
        sharedData.resolution
          .resolveAfterSubmission(c.caseId)
          .catch(logFailure('shared data after submission failed'));
      },
      // a party's submission filed the contract already; idempotent for any other path
      (c) => {
        sale.filing.file(c).catch(logFailure('filing failed'));
      },
    ]),
    completed: detached([
      (caseId) => archive.archive.onCaseCompleted(caseId),
      // the tax paid meanwhile, shared by 税务
      (caseId) => {
        sharedData.resolution
          .resolveAfterSubmission(caseId)
          .catch(logFailure('shared data after completion failed'));
      },
      // the water, power, gas and broadband companies told of the new owner
      (caseId) => sale.transfers.onCaseCompleted(caseId),
      // withdrawn, refused or not accepted after payment: the fee and the tax refunded once
      (caseId) => {
        fees.refunds.refundCase(caseId).catch(logFailure('refunds not finished'));
      },
    ]),
  };

  // ------------------------------------------------------------ the areas
  // every person's 消息 box, told on 短信 and 浙里办消息 too for the events that need them; the
  // sends run after the commit that raised them, outside it, and on every sweep (retries)
  const messaging = composeMessaging({
    sql,
    caseStore,
    parties,
    counters: new SqlRateCounterStore(sql),
    clock,
    newId,
    simulatorsEnabled: config.simulatorsEnabled,
    detach: (work) => outside(() => void work().catch(logFailure('messages not sent'))),
  });
  const identity = composeIdentity(registry, {
    clock,
    simulatorsEnabled: config.simulatorsEnabled,
    platform: config.identityPlatform,
    ...(identitySimulatorKey ? { simulatorKey: identitySimulatorKey } : {}),
    ...(overrides.random ? { random: overrides.random } : {}),
    ...(overrides.wrapVerifier ? { wrapVerifier: overrides.wrapVerifier } : {}),
  });

  const cases = composeCases(
    {
      store: caseStore,
      register,
      parties,
      catalogue,
      sealer,
      retiredSealKeys,
      clock,
      newId,
      idempotencyRecords: new SqlIdempotencyRecords(sql),
      inquiries: signingStore,
      signatures: signingStore,
      deliveryChannel: config.deliveryChannel,
      messages: messaging.box,
    },
    {
      events,
      signatures: {
        // the change and the voiding of the signatures it made stale: one store transaction
        trackChanges: (caseId, change) => signing.track(caseId, change),
        assertSignedForSubmission: (caseId, readerId) =>
          signing.assertSignedForSubmission(caseId, readerId),
      },
      resolveSharedMaterial: (c, m) => sharedData.resolveMaterial(c, m),
      marriage: {
        forUnit: (businessTypeCode, unitCode) =>
          sharedData.marriage.forUnit(businessTypeCode, unitCode),
        keep: (caseId, pending) => sharedData.marriage.keep(caseId, pending),
      },
      succession: {
        forUnit: (unitCode, callerId) => sharedData.succession.forUnit(unitCode, callerId),
        keep: (caseId, pending) => sharedData.succession.keep(caseId, pending),
      },
      beforeSubmission: async (caller, caseId) => {
        // signatures over a bundle whose data or rendering version changed since are voided first
        // (the parties are told to sign again), so a submission never rests on a stale signature
        await signing.track(caseId, () => undefined);
        return sharedData.caseData.beforeSubmission(caller, caseId);
      },
      taxPaid: (c) => sale.receipts.paid(c),
      ...(config.feeBeforeRecording
        ? { feePaid: (c: CaseRecord, bt: BusinessType) => fees.caseFee.feePaid(c, bt) }
        : {}),
      sale: () => sale.forCaseEffects,
      filingOf: async (caseId) => {
        const p = await archive.store.packageOfCase(caseId);
        return p && { archiveNumber: p.archiveNumber, filedAt: p.filedAt };
      },
    },
  );
  // a party's case as they see it (404 unless a party), for signing, the sale and shared data
  const partyCases = {
    getCase: (caller: PartyCaller, caseId: string) => cases.views.getCase(caller, caseId),
    businessType: (code: string) => cases.access.businessType(code),
  };
  const tellParties = async (c: CaseRecord, title: string, body: string, event?: 'signAgain') =>
    cases.notices.deliver(
      c,
      title,
      body,
      undefined,
      event
        ? {
            event,
            facts: {
              businessTypeName: (await cases.access.businessType(c.businessTypeCode)).name,
              ...(c.caseNumber ? { caseNumber: c.caseNumber } : {}),
            },
          }
        : {},
    );

  const signing = composeSigning(
    {
      sql,
      keys,
      caseStore,
      store: signingStore,
      blobs,
      // transitional: the signing bundle reads the terms synchronously
      contractTerms: new SqlContractTermsStore(sql),
      register,
      parties,
      clock,
      newId,
      invitationTtlDays: config.invitationTtlDays,
      uploadMaxBytes: config.uploadMaxBytes,
      uploadMaxPixels: config.uploadMaxPixels,
      representations: representationStore,
    },
    {
      cases: {
        getCase: (caller, caseId) => cases.views.getCase(caller, caseId),
        businessType: (code) => cases.access.businessType(code),
      },
      // the step is taken in the signature's own transaction (both on the one store)
      recordSigned: async (caller, caseId, note) => {
        await cases.actions.act(caller, caseId, 'sign', { note });
      },
      tellParties: async (c, title, body, event) => tellParties(c, title, body, event),
      caseEffects: cases.effects,
      partiesWith: async (c, check) => cases.parties.partiesWith(c, check),
    },
  );

  const sharedData = composeSharedData(
    {
      sql,
      cases: caseStore,
      register,
      parties,
      catalogue,
      contracts,
      taxPayments,
      blobs,
      clock,
      newId,
      faults: config.dataSourceFaults,
      timeoutMs: config.dataSourceTimeoutMs,
      uploadMaxPixels: config.uploadMaxPixels,
      sourceKeys: dataSourceKeys,
    },
    {
      access: partyCases,
      // the online contract is filed before a submission's shared data is fetched
      fileContract: (caseId) => sale.filing.beforeSubmission(caseId),
    },
  );

  const sale = composeSale(
    {
      sql,
      taxDepartmentKey,
      caseStore,
      register,
      parties,
      filing: contracts,
      payments: taxPayments,
      housingSource: sharedData.sources.housing,
      clock,
      logger,
    },
    {
      cases: partyCases,
      recordTaxPaid: async (caller, caseId, receipt) => {
        await cases.actions.act(caller, caseId, 'payTax', receipt);
      },
      deliver: tellParties,
      effects: cases.effects,
      signing: { signedByAll: (caseId) => signing.signedByAll(caseId) },
    },
  );

  const fees = composeFees(
    { sql, financeKey, caseStore, register, parties, clock },
    {
      cases: partyCases,
      recordFeePaid: (caller, caseId, billNo, note) =>
        cases.actions.act(caller, caseId, 'payFee', { feeBillNo: billNo, note }),
      // the tax charges of a case: one per taxpayer who paid their own lines (a charge stored
      // before taxes were per taxpayer has none: its payer took the case's 缴税 step)
      taxChargesOf: async (caseId) => {
        const charges = await taxPayments.chargesOf(caseId);
        if (charges.length === 0) return [];
        const c = await caseStore.get(caseId);
        const stepTaker = c?.timeline.filter((t) => t.action === 'payTax').at(-1)?.actor.id;
        return Promise.all(
          charges.map(async (charge) => {
            const receipt = await taxPayments.receiptOf(caseId, charge.payerId ?? '');
            return {
              kind: 'tax' as const,
              chargeId: charge.chargeId,
              amountFen: charge.amountFen,
              payerId: charge.payerId ?? stepTaker ?? '',
              ...(receipt ? { receiptNo: receipt.body.receiptNo } : {}),
            };
          }),
        );
      },
    },
  );

  const archive = composeArchive({
    sql: registry.sql,
    cases: caseStore,
    catalogue,
    register,
    parties,
    blobs,
    sealer,
    clock,
    newId,
    sharedRecordsOf: (caseId) => sharedData.store.recordsOf(caseId),
    signaturesOf: (c) => signing.signaturesOf(c),
    uploadsOf: (caseId) => signingStore.filesOf(caseId),
    logger,
  });
  // 档案移交: batches of filed packages to the archives department simulator (its own key)
  const archiveTransfer = await composeArchiveTransfer({
    sql: registry.sql,
    keys,
    archive: archive.archive,
    archiveStore: archive.store,
    blobs,
    sealer,
    clock,
    newId,
  });

  const staff = composeStaff(
    {
      store: staffStore,
      caseStore,
      register,
      parties,
      counters: new SqlRateCounterStore(sql),
      passwords,
      clock,
      newId,
    },
    {
      reads: {
        businessType: async (code) => cases.access.businessType(code),
        reviewContext: async (c, bt) => cases.contexts.of(c, bt),
        viewCase: async (c) => cases.views.view(c, { personId: '', name: '' }),
      },
      rules: {
        resolveParties: async (input) => cases.parties.resolveParties(input),
        withRegisterParties: async (bt, unitCode, named, mortgage, check) =>
          cases.parties.withRegisterParties(bt, unitCode, named, mortgage, check),
        identityChangeOf: async (personId, x) => cases.parties.identityChangeOf(personId, x),
        materialsAtSubmission: async (c, bt) => cases.materials.of(c, bt),
      },
      effects: cases.effects,
      marriage: sharedData.marriage,
    },
  );

  const survey = composeSurvey({
    sql: registry.sql,
    keys,
    caseStore,
    register,
    parties,
    blobs,
    sealer,
    counters: new SqlRateCounterStore(sql),
    passwords,
    clock,
    newId,
    // the archive's audit entry, itself a leaf of the tamper-evident log
    log: (actor, action, target, outcome) => archive.archive.audit(actor, action, target, outcome),
    uploadMaxBytes: config.uploadMaxBytes,
    uploadMaxPixels: config.uploadMaxPixels,
  });

  const consultation = new ConsultationService({
    store: new SqlConsultationStore(registry.sql),
    cases: caseStore,
    audit: (e) => staffStore.audit(e),
    clock,
    newId,
    catalogue,
  });

  const registrySigner = presentationSigner(registryKey);
  const certificates = composeCertificates({
    sql: registry.sql,
    signer: registrySigner,
    cases: caseStore,
    register,
    parties,
    clock,
    newId,
    ttlSeconds: config.presentationTtlSeconds,
    messages: messaging.box,
  });

  const documentCopies = composeDocumentCopies({
    access: cases.access,
    store: caseStore,
    bundle: (c, bt) => signing.documents(c, bt),
    signer: registrySigner,
    clock,
    feeReceipt: (caseId) => fees.payment.verifiedReceipt(caseId),
  });

  // ------------------------------------------------------------ start-up
  // every register event goes on the archive's log as it is written: after the append, outside
  // its transaction (so after the commit); idempotent: the catch-up at start covers a stop
  const logRegister = () =>
    archive.archive.log.syncRegisterEvents().catch(logFailure('archive log sync failed'));
  register.onAppended(() => outside(logRegister));
  // finish what the machine had started before a stop or a crash, and finish notifying the
  // utility companies of cases recorded before a stop (the archive files what completed when
  // it catches up, below)
  cases.processing.resumePending().catch(logFailure('resuming the machine failed'));
  cases.advanceNoticeLapses.lapseDue().catch(logFailure('lapsed advance notices not ended'));
  cases.objectionLapses.lapseDue().catch(logFailure('lapsed objections not ended'));
  sale.transfers.resume().catch(logFailure('utility notification failed'));
  // refunds a stop interrupted (an ended case with a payment and no refund record)
  // 委托代理人 and 监护人: acting for a party through the signing use cases themselves
  const representations = composeRepresentations(
    {
      store: representationStore,
      household: new SqlHouseholdRegister(sql),
      caseStore,
      signingStore,
      parties,
      register,
      blobs,
      clock,
      newId,
      uploadMaxPixels: config.uploadMaxPixels,
    },
    { cases: partyCases, tellParties, signing },
  );

  fees.refunds.resume().catch(logFailure('refunds not resumed'));
  // the machine's daily duty while the node runs: cases whose 补正期限 passed unanswered are
  // ended with their notice (the due dates live in the store; every node looks, one ends each)
  // and advance notices whose 90 days passed (民法典 §221) are ended and announced
  const sweep = setInterval(() => {
    void cases.processing
      .lapseOverdueCorrections()
      .catch(logFailure('lapsed corrections not ended'));
    void cases.advanceNoticeLapses.lapseDue().catch(logFailure('lapsed advance notices not ended'));
    // objections with no lawsuit within 15 days (民法典 §220) are ended and announced
    void cases.objectionLapses.lapseDue().catch(logFailure('lapsed objections not ended'));
    // refunds the gateway or the finance department could not finish earlier
    void fees.refunds.resume().catch(logFailure('refunds not resumed'));
    // messages a channel refused (retried after their backoff) or a stop left unsent (the first
    // sweep after a start sends what a stopped node had not)
    void messaging.dispatch.dispatchDue().catch(logFailure('messages not sent'));
  }, config.machineSweepSeconds * 1000);
  sweep.unref();

  // every party's open page hears of each change of its case, made on any node (docs/adr/0011)
  const statusStream = composeStatusStream({
    sql,
    databaseUrl: config.databaseUrl,
    signingStatus: signing.routes.signingStatus,
    auth: identity.service,
    heartbeatMs: config.statusStreamHeartbeatMs,
  });

  // ------------------------------------------------------------ the HTTP edge
  const app = buildServer({
    rateLimits: { counters: new SqlRateCounterStore(sql), clock },
    identity,
    cases: {
      views: cases.views,
      drafts: cases.drafts,
      actions: cases.actions,
      submit: cases.submit,
      publicChecks: cases.publicChecks,
    },
    signing: signing.routes,
    statusStream: { stream: statusStream.stream },
    sharedData: {
      shared: sharedData.routes,
      ...(config.simulatorsEnabled ? { faults: sharedData.faults } : {}),
    },
    sale: { sale, simulatorsEnabled: config.simulatorsEnabled },
    fees: { fee: fees.caseFee },
    representations,
    messages: {
      messages: messaging.messages,
      ...(messaging.deliveryLog ? { deliveryLog: messaging.deliveryLog } : {}),
    },
    archive: { archive: archive.archive, cases: caseStore },
    archiveTransfer: archiveTransfer.transfer,
    queries: { queries: archive.queries },
    staff,
    survey: { survey, uploadMaxBytes: config.uploadMaxBytes },
    consultation: { consultation },
    documentCopies: {
      copies: documentCopies,
      ...(config.publicBaseUrl ? { publicBaseUrl: config.publicBaseUrl } : {}),
    },
    certificates: {
      ...certificates,
      simulatorsEnabled: config.simulatorsEnabled,
      ...(config.publicBaseUrl ? { publicBaseUrl: config.publicBaseUrl } : {}),
    },
    keys: { publishedKeys },
    logger,
    catalogue,
    probe: registry.probe,
    version: SERVER_VERSION,
    staticDir: config.staticDir,
    bodyLimitBytes: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
  });
  // before the first request (inject() and listen() both wait for onReady): the demo staff
  // accounts exist (their passwords hashed off the event loop), and the archive catches up
  // (register events on its log, the empty log's head, the demo state-organ role, cases left
  // unfiled). A database gone meanwhile does not stop the node from starting: it answers 503
  // until the database is back, and both happen at the next start.
  const unlessUnavailable = (what: string, step: () => Promise<unknown>) =>
    unlessDatabaseUnavailable(logger, what, step);
  app.addHook('onClose', async () => clearInterval(sweep));
  app.addHook('onClose', async () => statusStream.notifier.close());
  app.addHook('onReady', async () => {
    if (config.seedOnEmpty) {
      await unlessUnavailable('demo staff accounts not seeded', () =>
        staffStore.seedDemoAccounts(DEMO_STAFF, passwords, clock.now().toISOString()),
      );
      // the demo surveying firm and its user (kept when they exist)
      await unlessUnavailable('demo surveying firm not seeded', () =>
        survey.accounts.createFirm(DEMO_SURVEY_FIRM, DEMO_SURVEY_USER),
      );
    }
    await unlessUnavailable('archive not caught up', () =>
      startArchive(registry.sql, archive, { clock, demoOrganOfficer: config.seedOnEmpty }),
    );
  });
  return app;
}
