/**
 * The submission form's text fields read into a result: 界址点 one per line (`X,Y`, CGCS2000
 * metres; the last repeats the first to close the boundary), units one per line
 * (`单元代码,室号,层,用途,套内面积,分摊面积`). Commas may be full- or half-width; a line that cannot
 * be read is named, so the firm fixes it before sealing.
 */
import type { SurveyResultBody } from '@contract';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const fields = (line: string) => line.split(/[,，\t]/).map((s) => s.trim());
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

export function parseBoundary(text: string): Parsed<SurveyResultBody['boundary']> {
  const out: SurveyResultBody['boundary'] = [];
  for (const [i, line] of lines(text).entries()) {
    const [x, y] = fields(line).map(Number);
    if (!Number.isFinite(x) || !Number.isFinite(y))
      return { ok: false, message: `第 ${i + 1} 个界址点应写成“X,Y”（米）` };
    out.push({ x, y });
  }
  if (out.length === 0) return { ok: false, message: '请填写宗地界址点' };
  return { ok: true, value: out };
}

const USES = ['住宅', '商业', '办公'] as const;

export function parseUnits(text: string): Parsed<SurveyResultBody['units']> {
  const out: SurveyResultBody['units'] = [];
  for (const [i, line] of lines(text).entries()) {
    const f = fields(line);
    const [unitCode, room, floor, use, exclusive, apportioned] = f;
    const n = i + 1;
    if (f.length !== 6)
      return { ok: false, message: `第 ${n} 户应有6项：单元代码,室号,层,用途,套内面积,分摊面积` };
    if (!USES.includes(use as (typeof USES)[number]))
      return { ok: false, message: `第 ${n} 户的用途应为 住宅、商业 或 办公` };
    const nums = [Number(floor), Number(exclusive), Number(apportioned)];
    if (nums.some((v) => !Number.isFinite(v)) || !Number.isInteger(nums[0]))
      return { ok: false, message: `第 ${n} 户的层数或面积不是数字` };
    out.push({
      unitCode,
      room,
      floor: nums[0],
      use: use as (typeof USES)[number],
      exclusiveArea: nums[1],
      apportionedArea: nums[2],
    });
  }
  if (out.length === 0) return { ok: false, message: '请至少填写一户' };
  return { ok: true, value: out };
}
