/**
 * Demo staff accounts of the 台州市不动产登记服务中心 console (`/staff`), seeded when the staff
 * table is empty. Fictitious people; the passwords are for the demo only and printed in
 * docs/personas.md and the README. A real deployment creates its own accounts.
 */
export interface DemoStaff {
  staffId: string;
  username: string;
  displayName: string;
  post: string;
  password: string;
}

export const DEMO_STAFF: readonly DemoStaff[] = [
  {
    staffId: 'S001',
    username: 'wangfang',
    displayName: '王芳',
    post: '受理审核岗',
    password: 'Taizhou-staff-2026',
  },
  {
    staffId: 'S002',
    username: 'chenjianguo',
    displayName: '陈建国',
    post: '登簿核定岗',
    password: 'Taizhou-staff-2026',
  },
  {
    staffId: 'S003',
    username: 'linxiaoyan',
    displayName: '林晓燕',
    post: '综合窗口（窗口受理）',
    password: 'Taizhou-staff-2026',
  },
];
