import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { Questionnaire } from '@/features/apply';
import { answersFromApplication } from '@/features/apply/InquiryStep';
import type { Answers } from '@/features/apply/questions';
import { checkAnswers } from '@/features/apply/questions';

const QUESTIONS = [
  {
    code: 'truthful',
    text: '申请登记事项是否为申请人的真实意思表示？',
    kind: 'yesNo' as const,
    required: true,
    blockingAnswer: '否',
  },
  {
    code: 'soleOrCoOwned',
    text: '申请登记的不动产是共有，还是单独所有？',
    kind: 'choice' as const,
    choices: ['单独所有', '共有'],
    required: true,
  },
  {
    code: 'coOwnershipKind',
    text: '申请登记的不动产是按份共有，还是共同共有？',
    kind: 'choice' as const,
    choices: ['按份共有', '共同共有'],
    required: true,
  },
  {
    code: 'shareDetails',
    text: '申请登记的不动产共有份额情况？（按份共有时填写）',
    kind: 'text' as const,
    required: true,
  },
  {
    code: 'disputeOrSeizure',
    text: '申请登记的不动产是否有争议、纠纷或是被查封、冻结、抵押？',
    kind: 'yesNo' as const,
    required: true,
    blockingAnswer: '是',
  },
];

function Harness({ onAnswers }: { onAnswers?: (a: Answers) => void }) {
  const [answers, setAnswers] = useState<Answers>({});
  return (
    <Questionnaire
      questions={QUESTIONS}
      answers={answers}
      onChange={(a) => {
        setAnswers(a);
        onAnswers?.(a);
      }}
    />
  );
}

const question = (code: string) =>
  document.querySelector(`[data-question="${code}"]`) as HTMLElement | null;
const choose = (code: string, value: string) =>
  fireEvent.click(within(question(code)!).getByRole('radio', { name: new RegExp(value) }));

describe('询问笔录 questionnaire', () => {
  it('asks Q3/Q4 only for co-owned property, Q4 only for 按份共有', () => {
    render(<Harness />);
    expect(question('coOwnershipKind')).not.toBeNull(); // unanswered: shown
    choose('soleOrCoOwned', '单独所有');
    expect(question('coOwnershipKind')).toBeNull();
    expect(question('shareDetails')).toBeNull();
    choose('soleOrCoOwned', '共有');
    expect(question('coOwnershipKind')).not.toBeNull();
    choose('coOwnershipKind', '共同共有');
    expect(question('shareDetails')).toBeNull();
    choose('coOwnershipKind', '按份共有');
    expect(question('shareDetails')).not.toBeNull();
  });

  it('explains a blocking answer at once, and what to do; it goes when the answer changes', () => {
    render(<Harness />);
    choose('truthful', '否');
    const alert = within(question('truthful')!).getByRole('alert');
    expect(alert).toHaveTextContent('此回答不能在线申请');
    expect(alert).toHaveTextContent('真实意思');
    expect(alert).toHaveTextContent('窗口');
    choose('truthful', '是');
    expect(within(question('truthful')!).queryByRole('alert')).toBeNull();

    choose('disputeOrSeizure', '是');
    expect(within(question('disputeOrSeizure')!).getByRole('alert')).toHaveTextContent('查封');
    expect(
      within(question('disputeOrSeizure')!).getByRole('radio', { name: /是/ }),
    ).toHaveAttribute('aria-checked', 'true');
  });

  it('checks answers: missing required, blocking, hidden questions not required', () => {
    expect(checkAnswers(QUESTIONS, {}).missing).toEqual([
      'truthful',
      'soleOrCoOwned',
      'coOwnershipKind',
      'shareDetails',
      'disputeOrSeizure',
    ]);
    const sole = { truthful: '是', soleOrCoOwned: '单独所有', disputeOrSeizure: '否' };
    expect(checkAnswers(QUESTIONS, sole)).toEqual({ ok: true, missing: [], blocking: [] });
    const blocked = checkAnswers(QUESTIONS, { ...sole, disputeOrSeizure: '是' });
    expect(blocked.ok).toBe(false);
    expect(blocked.blocking.map((q) => q.code)).toEqual(['disputeOrSeizure']);
  });

  it('text answers are typed', async () => {
    const seen: Answers[] = [];
    render(<Harness onAnswers={(a) => seen.push(a)} />);
    choose('soleOrCoOwned', '共有');
    choose('coOwnershipKind', '按份共有');
    const input = await waitFor(() => {
      const el = question('shareDetails')!.querySelector('input');
      if (!el) throw new Error('no input yet');
      return el;
    });
    input.value = '甲60%，乙40%';
    fireEvent.input(input, { target: { value: '甲60%，乙40%' } });
    expect(seen.at(-1)?.shareDetails).toBe('甲60%，乙40%');
    expect(screen.getAllByRole('listitem').length).toBe(5);
  });
});

describe('answers the application already gives', () => {
  it('单独所有/共有 starts from the co-ownership the application states, nothing else', () => {
    expect(answersFromApplication('sole')).toEqual({ soleOrCoOwned: '单独所有' });
    expect(answersFromApplication('joint')).toEqual({ soleOrCoOwned: '共有' });
    expect(answersFromApplication('shares')).toEqual({ soleOrCoOwned: '共有' });
    expect(answersFromApplication(undefined)).toEqual({});
  });
});
