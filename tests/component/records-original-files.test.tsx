/**
 * Original files on screen: the holder's records-query answer lists the filed original files and
 * downloads each one (H5: bytes → a file); a refused download says why in Chinese; a unit with no
 * filed package says so instead of showing an empty list. Every record shows once: a unit, a
 * package or a file the answer lists again is not drawn again.
 */
import type { RecordsQueryResponse } from '@contract';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryResult, RecordsQueryScreen } from '@/features/recordsQuery/RecordsQueryScreen';
import { setApiClient } from '@/shared/api';
import { setPlatform } from '@/shared/platform';
import { reloadSession, signIn, signOut } from '@/shared/session';
import { LOGIN, UNITS } from './auth-fakes';
import { fakePlatform, serveRoutes, serveScriptedAnonymous } from './fakes';

const D1 = 'a1'.repeat(32);
const D2 = 'b2'.repeat(32);

function result(originalFiles: unknown[]): RecordsQueryResponse {
  return {
    queryId: 'QRY-1',
    number: '台不动产查〔2026〕第0000001号',
    items: ['originalFiles'],
    downloadable: true,
    downloadUrl: '/api/v1/records-queries/QRY-1/document',
    document: {
      body: {
        title: '不动产登记资料查询结果证明',
        unit: { location: '台州市椒江区紫荆华庭12幢3单元2303室' },
        facts: { originalFiles },
      },
      seal: {},
    },
  } as unknown as RecordsQueryResponse;
}

const PACKAGE = {
  packageId: 'PKG-1',
  archiveNumber: '台不动产档〔2026〕第000001号',
  filedAt: '2026-03-02T02:00:00.000Z',
  items: [
    { no: 1, kind: 'scan', title: '身份证明', mediaType: 'image/jpeg', digest: D1 },
    {
      no: 2,
      kind: 'document',
      title: '不动产登记申请书',
      mediaType: 'application/json',
      digest: D2,
    },
  ],
};

describe('records query: original files', () => {
  const created: Blob[] = [];
  beforeEach(() => {
    setPlatform(fakePlatform().platform);
    created.length = 0;
    URL.createObjectURL = jest.fn((b: Blob) => {
      created.push(b);
      return 'blob:test';
    }) as never;
    URL.revokeObjectURL = jest.fn();
  });
  afterEach(() => setApiClient(undefined));

  it('downloads a listed file as bytes and saves it under its title', async () => {
    const s = serveScriptedAnonymous({
      status: 200,
      data: 'JPEGBYTES',
      headers: { 'content-type': 'image/jpeg' },
    });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    render(<QueryResult result={result([PACKAGE])} />);
    expect(screen.getByText(/档案 台不动产档〔2026〕第000001号/)).toBeTruthy();
    expect(screen.getByText('1. 身份证明（照片）')).toBeTruthy();
    fireEvent.click(screen.getAllByText('下载')[0]);
    await waitFor(() => expect(screen.getByText('已下载“身份证明”')).toBeTruthy());
    expect(s.calls[0].url).toBe(`/records-queries/QRY-1/files/${D1}`);
    expect(s.calls[0].responseType).toBe('arraybuffer');
    expect(created[0].type).toBe('image/jpeg');
    expect(click).toHaveBeenCalledTimes(1);
    click.mockRestore();
  });

  it('shows the server’s reason when a download is refused, and saves nothing', async () => {
    serveScriptedAnonymous({
      status: 404,
      data: { code: 'NOT_FOUND', message: '该查询结果中没有这份原始资料', requestId: 'r' },
    });
    render(<QueryResult result={result([PACKAGE])} />);
    fireEvent.click(screen.getAllByText('下载')[1]);
    await waitFor(() => expect(screen.getByText('该查询结果中没有这份原始资料')).toBeTruthy());
    expect(created).toHaveLength(0);
  });

  it('says so when the unit has no filed package', () => {
    serveScriptedAnonymous({ status: 200, data: {} });
    render(<QueryResult result={result([])} />);
    expect(screen.getByText('该不动产暂无已办结并归档的电子登记资料。')).toBeTruthy();
    expect(screen.queryByText('下载')).toBeNull();
  });
});

describe('records query: each record once', () => {
  beforeEach(() => setPlatform(fakePlatform().platform));
  afterEach(() => {
    setApiClient(undefined);
    signOut();
  });

  it('a package or a file listed again shows once, also after a download redraws the list', async () => {
    serveScriptedAnonymous({
      status: 200,
      data: 'JPEGBYTES',
      headers: { 'content-type': 'image/jpeg' },
    });
    URL.createObjectURL = jest.fn(() => 'blob:test') as never;
    URL.revokeObjectURL = jest.fn();
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const again = { ...PACKAGE, items: [...PACKAGE.items, PACKAGE.items[0], PACKAGE.items[0]] };
    const { container } = render(<QueryResult result={result([again, PACKAGE, PACKAGE])} />);
    const shown = () => ({
      packages: container.querySelectorAll('.rq-files__package').length,
      files: container.querySelectorAll('.rq-file').length,
    });
    expect(shown()).toEqual({ packages: 1, files: 2 });
    fireEvent.click(screen.getAllByText('下载')[0]);
    await waitFor(() => expect(screen.getByText('已下载“身份证明”')).toBeTruthy());
    expect(shown()).toEqual({ packages: 1, files: 2 });
    click.mockRestore();
  });

  it('the holder’s units show once each', async () => {
    reloadSession();
    signIn(LOGIN);
    serveRoutes({ 'GET /me/units': { items: [UNITS[0], UNITS[0], UNITS[0], UNITS[0]] } });
    const { container } = render(<RecordsQueryScreen />);
    await screen.findByText(UNITS[0].location);
    expect(container.querySelectorAll('.rq-unit')).toHaveLength(1);
  });
});
