/**
 * 下载 PDF on the certificate detail page: the PDF is fetched as bytes with the
 * session and saved through a blob link; the signature file is fetched for the same print
 * minute; a refused download shows the server's reason and 重试, and saves nothing.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { PdfDownload } from '@/features/wallet/PdfDownload';
import { setApiClient } from '@/shared/api';
import { setPlatform } from '@/shared/platform';
import { fakePlatform, serveScripted } from './fakes';

const NUMBER = '浙(2022)台州市不动产权第0012344号';
const PRINTED_AT = '2026-03-05T06:07:00.000Z';

describe('下载 PDF', () => {
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

  it('saves the PDF, then the signature over the same print minute', async () => {
    const s = serveScripted({
      status: 200,
      data: '%PDF-1.7 …',
      headers: { 'content-type': 'application/pdf', 'x-printed-at': PRINTED_AT },
    });
    render(<PdfDownload id="CERT-1" number={NUMBER} />);
    expect(screen.getByText(/以在线核验结果为准/)).toBeTruthy();
    fireEvent.click(screen.getByText('下载 PDF'));
    await waitFor(() => expect(screen.getByText(/PDF 已下载/)).toBeTruthy());
    expect(s.calls[0].url).toBe('/certificates/CERT-1/certificate.pdf');
    expect(s.calls[0].responseType).toBe('arraybuffer');
    expect(created[0].type).toBe('application/pdf');
    expect(click).toHaveBeenCalledTimes(1);

    s.reply({ status: 200, data: { type: 'estate-detached-signature', signature: 'ab' } });
    fireEvent.click(screen.getByText('下载签名文件'));
    await waitFor(() => expect(screen.getByText('已下载签名文件')).toBeTruthy());
    expect(s.calls[1].url).toBe('/certificates/CERT-1/certificate.pdf.sig');
    expect(s.calls[1].params).toEqual({ at: PRINTED_AT });
    expect(created[1].type).toBe('application/json');
  });

  it('shows the reason when refused, saves nothing, and 重试 downloads', async () => {
    const s = serveScripted({
      status: 409,
      data: {
        code: 'NOT_PRINTABLE',
        message: '该证照没有电子证照，不能下载打印版',
        requestId: 'r',
      },
    });
    render(<PdfDownload id="CERT-1" number={NUMBER} />);
    fireEvent.click(screen.getByText('下载 PDF'));
    await waitFor(() => expect(screen.getByText(/下载失败：该证照没有电子证照/)).toBeTruthy());
    expect(created).toHaveLength(0);
    s.reply({ status: 200, data: '%PDF', headers: { 'x-printed-at': PRINTED_AT } });
    fireEvent.click(screen.getByText('重试'));
    await waitFor(() => expect(screen.getByText(/PDF 已下载/)).toBeTruthy());
    expect(created).toHaveLength(1);
  });

  it('says so when offline', async () => {
    serveScripted('network-error');
    render(<PdfDownload id="CERT-1" number={NUMBER} />);
    fireEvent.click(screen.getByText('下载 PDF'));
    await waitFor(() => expect(screen.getByText(/下载失败：/)).toBeTruthy());
    expect(screen.getByText('重试')).toBeTruthy();
    expect(created).toHaveLength(0);
  });
});
