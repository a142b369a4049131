// The server loads rule tables in a worker thread and receives the knowledge as a message
// (lsp/knowledgeTransfer.ts): what arrives must be the knowledge that was loaded, class
// instances and all, and check documents exactly as it does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import { loadKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { PtpRuleSet } from '../../server/src/core/rules/ptp';
import { packKnowledge, unpackKnowledge, type PackedKnowledge } from '../../server/src/lsp/knowledgeTransfer';

const row = (c1: string, c2: string, indicator: string) => `${c1}\t${c2}\t\t20200101\t*\t${indicator}\tMutually exclusive procedures`;
const files: Record<string, string> = {
  'ptp.txt': ['Title line', row('99213', '36415', '1'), row('20610', '20605', '0'), row('99999', 'XX', '0'), ''].join('\n'),
  'ccioph-hospital.txt': ['Title line', row('99213', '36415', '0'), ''].join('\n'),
  'mue.tsv': ['code\tmue_value\tmai\tmue_rationale', '97110\t4\t2\tClinical: Data', '43214\t1\t3\tNature of Service/Procedure', ''].join('\n'),
  'aoc.txt': [
    'Add-on Code\tPrimary Code\tAOC Edit Type\tAOC Effective Date\tAOC Deletion Date\tPrimary Code Effective Date\tPrimary Code Deletion Date\tSpecial Instruction Notes',
    '11045\t11042\t1\t20110101\t*\t20110101\t*\t',
    '64727\tCCCCC\t2\t20060101\t*\t\t\tContractor defined primary codes',
    '',
  ].join('\n'),
  'descriptors.csv': 'Code,Short Descriptor\n36415,SYNTHETIC VENIPUNCTURE TEXT\n99213,SYNTHETIC VISIT TEXT\n',
};

function load(): Knowledge {
  return loadKnowledge({
    builtinEdits: true,
    ptpFiles: ['ptp.txt'],
    hospitalPtpFiles: ['ccioph-hospital.txt'],
    mueFiles: ['mue.tsv'],
    addOnCodeFiles: ['aoc.txt'],
    descriptorFiles: ['descriptors.csv'],
    readFile: (path) => files[path] ?? '',
  });
}

/** What a message between threads does to the packed knowledge, buffers transferred. */
function sendAndReceive(knowledge: Knowledge): Knowledge {
  const { packed, transfer } = packKnowledge(knowledge);
  assert.ok(transfer.length >= 7, `the PTP index's buffers are transferred (${transfer.length})`);
  const received = structuredClone(packed, { transfer }) as PackedKnowledge;
  return unpackKnowledge(received);
}

test('a knowledge sent to another thread arrives equal to the one loaded, prototypes included', () => {
  const reference = load();
  const received = sendAndReceive(load());
  assert.deepStrictEqual(received, reference);
  assert.ok(received.rules instanceof PtpRuleSet);
  assert.equal(received.rules, received.tables.practitioner, 'an object held twice arrives as one object');
});

test('the received knowledge checks and explains documents as the loaded one does', () => {
  const reference = load();
  const received = sendAndReceive(load());
  const synthetic = 'CPT,DOS,Units,Patient\n99213,2026-03-10,1,P1\n36415,2026-03-10,1,P1\n97110,2026-03-10,9,P1\n11045,2026-03-10,1,P1\n';
  const documents: [name: string, text: string, codes: string[]][] = [
    ...([['professional-43214.837', ['43214', '43200']], ['institutional.837i', ['43214']], ['claims-export.csv', ['43214', '43200']]] as const).map(
      ([name, codes]): [string, string, string[]] => [name, readFileSync(resolve(__dirname, '../../examples', name), 'latin1'), [...codes]],
    ),
    ['synthetic CSV', synthetic, ['99213', '36415', '97110', '11045']],
  ];
  for (const [name, text, codes] of documents) {
    const expected = analyze(text, reference);
    const actual = analyze(text, received);
    assert.deepEqual(actual.findings, expected.findings, name);
    for (const code of codes) {
      const at = text.indexOf(code);
      assert.ok(at >= 0, `${name} has ${code}`);
      const explained = hoverAt(expected, at + 1, reference);
      assert.ok(explained !== null, `${name}: the loaded knowledge explains ${code}`);
      assert.deepEqual(hoverAt(actual, at + 1, received), explained, `${name}: hover over ${code}`);
    }
  }
  const findings = analyze(synthetic, received).findings.map((f) => f.rule);
  assert.ok(findings.includes('ptp.modifier-required') && findings.includes('mue.exceeded') && findings.includes('aoc.primary-missing'), findings.join(', '));
});

test('a class the receiver would not know is refused when packing, not sent as a plain object', () => {
  class Unknown {
    value = 1;
  }
  const knowledge = load();
  assert.throws(() => packKnowledge({ ...knowledge, extra: new Unknown() } as unknown as Knowledge), /Unknown instance at extra cannot be moved/);
  assert.throws(() => packKnowledge({ ...knowledge, extra: () => 1 } as unknown as Knowledge), /a function at extra/);
});
