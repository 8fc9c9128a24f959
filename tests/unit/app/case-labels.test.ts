import { recordingLabel } from '@/features/cases/labels';

const recording = {
  certificateNumber: '浙(2018)台州市不动产证明第0028855号',
  licenceId: '',
  recordedAt: '',
};

describe('recordingLabel', () => {
  it('a cancellation that announced a paper proof void says so, not 已注销', () => {
    expect(
      recordingLabel({ ...recording, kind: 'mortgageCancellation', voidAnnounced: true }),
    ).toEqual({ heading: '抵押权已注销', numberLabel: '已公告作废的纸质不动产登记证明号：' });
    expect(
      recordingLabel({ ...recording, kind: 'mortgageCancellation', voidAnnounced: false })
        .numberLabel,
    ).toBe('已注销的不动产登记证明号：');
  });

  it('an issue names the certificate or the mortgagee’s proof', () => {
    expect(recordingLabel({ ...recording, kind: 'right', voidAnnounced: true }).numberLabel).toBe(
      '不动产权证书号：',
    );
    expect(recordingLabel({ ...recording, kind: 'mortgage', voidAnnounced: false })).toEqual({
      heading: '已发证',
      numberLabel: '不动产登记证明号（抵押权，发给抵押权人）：',
    });
  });
});
