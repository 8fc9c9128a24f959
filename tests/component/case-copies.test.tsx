/**
 * 文书副本（PDF） on the case screen: the documents the person may keep are listed, each 下载 PDF
 * fetches that copy as bytes with the session and saves it through a blob link named after the
 * document; a refused download shows the server's reason.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { CaseCopies } from '@/features/cases/CopyDownload';

import { setPlatform } from '@/shared/platform';
import { setApiClient } from '@/shared/api';
import { fakePlatform, serveScripted } from './fakes';

const serve = serveScripted;

const COPIES = {
  items: [
    { ref: 'applicationForm', title: '不动产登记申请书', source: 'case' },
    { ref: 'inquiry:P013', title: '询问笔录（杨永明）', source: 'case' },
    {
      ref: 'DOC-1',
      title: '不动产登记受理凭证',
      number: '台不动产受〔2026〕第0000001号',
      source: 'issued',
    },
  ],
};

describe('文书副本（PDF）', () => {
  const created: Blob[] = [];
  let click: jest.SpyInstance;
  beforeEach(() => {
    setPlatform(fakePlatform().platform);
    created.length = 0;
    URL.createObjectURL = jest.fn((b: Blob) => {
      created.push(b);
      return 'blob:test';
    }) as never;
    URL.revokeObjectURL = jest.fn();
    click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
  });
  afterEach(() => {
    click.mockRestore();
    setApiClient(undefined);
  });

  it('lists the copies and saves the one asked for', async () => {
    const s = serve({ status: 200, data: COPIES });
    render(<CaseCopies caseId="CASE-1" />);
    await waitFor(() => expect(screen.getByText('询问笔录（杨永明）')).toBeTruthy());
    expect(s.calls[0].url).toBe('/cases/CASE-1/copies');
    expect(screen.getAllByText('下载 PDF')).toHaveLength(3);

    s.reply({
      status: 200,
      data: '%PDF-1.7 …',
      headers: { 'content-type': 'application/pdf', 'x-printed-at': '2026-03-05T06:07:00Z' },
    });
    fireEvent.click(screen.getByLabelText('下载 询问笔录（杨永明） PDF'));
    await waitFor(() => expect(screen.getByText('已下载')).toBeTruthy());
    expect(s.calls[1].url).toBe('/cases/CASE-1/copies/inquiry%3AP013/document.pdf');
    expect(s.calls[1].responseType).toBe('arraybuffer');
    expect(created[0].type).toBe('application/pdf');
    expect(click).toHaveBeenCalledTimes(1);
  });

  it('shows the reason when the copy is refused', async () => {
    const s = serve({ status: 200, data: COPIES });
    render(<CaseCopies caseId="CASE-1" />);
    await waitFor(() => expect(screen.getByText('不动产登记受理凭证')).toBeTruthy());
    s.reply({ status: 404, data: { code: 'NOT_FOUND', message: '文书不存在', requestId: 'r' } });
    fireEvent.click(screen.getByLabelText('下载 不动产登记受理凭证 PDF'));
    await waitFor(() => expect(screen.getByText(/下载失败：文书不存在/)).toBeTruthy());
    expect(created).toHaveLength(0);
  });
});
