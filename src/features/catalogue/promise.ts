/** 承诺时限 in words: 0 working days means the case is finished on the spot. */
export function promisedTimeText(workingDays: number): string {
  return workingDays <= 0 ? '承诺时限 即办件' : `承诺时限 ${workingDays} 个工作日`;
}
